"""Role history across analysis runs written in Cypher, read from the real server."""

import json

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.history import NO_ROLE, community_role_history, member_role_history

# three runs (the second looked from an as_of date, started later than the third):
# s: seed user -> follower -> leader; k: leader -> leader -> lurker; n appears in run 2
RUNS = """
MERGE (c:Community {id: $c})
WITH c
UNWIND ['s', 'k', 'n', 'f'] AS id
CREATE (:Member {community: $c, id: id, is_member: true})
WITH DISTINCT c
UNWIND [{id: $c + '-r1', started: datetime('2024-01-31T00:00:00Z'), as_of: null},
        {id: $c + '-r2', started: datetime('2024-06-01T00:00:00Z'), as_of: date('2024-02-29')},
        {id: $c + '-r3', started: datetime('2024-03-31T00:00:00Z'), as_of: null}] AS run
CREATE (:AnalysisRun {id: run.id, community: $c, started_at: run.started, as_of: run.as_of, status: 'done'})-[:OF]->(c)
WITH DISTINCT c
UNWIND [['-r1','s','seed_user'], ['-r1','k','leader'], ['-r1','f','follower'],
        ['-r2','s','follower'], ['-r2','s','seed_user'], ['-r2','k','leader'], ['-r2','n','follower'],
        ['-r2','f','follower'],
        ['-r3','s','leader'], ['-r3','s','seed_user'], ['-r3','k','lurker'], ['-r3','n','follower'],
        ['-r3','f','follower']] AS row
MATCH (m:Member {community: $c, id: row[1]}), (r:Role {name: row[2]})
CREATE (m)-[:HAS_ROLE {community: $c, role: row[2], source: 'inferred', run: $c + row[0]}]->(r)
"""


@pytest.fixture()
def runs_community(connection, community):
    connection.driver.execute_query(RUNS, c=community)
    return community


def test_community_role_history(connection, runs_community):
    c = runs_community
    history = community_role_history(connection, c)
    assert history.runs == (c + "-r1", c + "-r2", c + "-r3")  # r2 looked from February
    moves = {(t.from_role, t.to_role): t.examples for t in history.transitions}
    assert moves == {("seed_user", "follower"): ("s",), (NO_ROLE, "follower"): ("n",),
                     ("follower", "leader"): ("s",), ("leader", "lurker"): ("k",)}
    assert [(change.gained, change.lost) for change in history.leaders] == [((), ()), (("s",), ("k",))]
    assert [m.members for m in history.mix] == [3, 4, 4]
    before_march = community_role_history(connection, c, "2024-03-01")
    assert before_march.runs == (c + "-r1", c + "-r2")


def test_member_role_history(connection, runs_community):
    c = runs_community
    found = member_role_history(connection, c, "s")
    assert found.path == ("seed_user", "follower", "leader")
    assert found.steps[2].roles == ("leader", "seed_user")
    newcomer = member_role_history(connection, c, "n")
    assert newcomer.path == (NO_ROLE, "follower")


def test_history_command(connection, runs_community, cli_env):
    c = runs_community
    runner = CliRunner()
    table = runner.invoke(cli, ["-q", "history", "--community", c, "--lang", "zh"], env=cli_env)
    assert table.exit_code == 0, table.output
    assert "种子用户" in table.output and "Leaders gained and lost" in table.output
    member = runner.invoke(cli, ["-q", "history", "--community", c, "--member", "s",
                                 "--format", "json"], env=cli_env)
    assert member.exit_code == 0, member.output
    data = json.loads(member.output)
    assert data["path"] == ["seed_user", "follower", "leader"]
    assert data["steps"][0]["seen"].startswith("2024-01-31")
    whole = runner.invoke(cli, ["-q", "history", "--community", c, "--format", "json"],
                          env=cli_env)
    assert json.loads(whole.output)["leaders"][1]["gained"] == ["s"]


def test_role_catalogue_queries(connection, runs_community):
    from graphmodel import queries

    c = runs_community
    latest = queries.run_named(connection, "role_transitions", {"community": f"{c}"}).rows
    assert [(r["member_id"], r["roles_before"], r["roles_after"]) for r in latest] == [
        ("k", ["leader"], ["lurker"]), ("s", ["follower", "seed_user"], ["leader", "seed_user"])]
    assert latest[0]["from_run"] == c + "-r2" and latest[0]["to_run"] == c + "-r3"
    first = queries.run_named(connection, "role_transitions",
                              {"community": c, "from_run": f"{c}-r1", "to_run": f"{c}-r2"}).rows
    assert [r["member_id"] for r in first] == ["n", "s"]
    mix = queries.run_named(connection, "role_mix_per_run", {"community": f"{c}"}).rows
    assert [(r["run"], r["role"], r["members"]) for r in mix if r["run"] == c + "-r2"] == [
        (c + "-r2", "follower", 3), (c + "-r2", "leader", 1), (c + "-r2", "seed_user", 1)]
    assert mix[0]["run"] == c + "-r1"
