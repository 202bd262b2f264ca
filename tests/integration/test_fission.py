"""Fission on the real server: a community built in Cypher, read, analysed, written back."""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.core.errors import UnknownCommunity
from graphmodel.fission import analyze_fission, fission_summary

# s (seed user) -> a, b; a -> c, d; c -> e -> f; outsider o -> k (KOL) -> g, h, i; g -> j;
# b -> a later (loses); m -> n on 1 March, an hour before m becomes a manager; one share
# without a time (q -> r)
COMMUNITY = """
MERGE (c:Community {id: $c}) SET c.name = '裂变测试'
WITH c
UNWIND ['s','a','b','c','d','e','f','o','k','g','h','i','j','m','n','q','r'] AS id
CREATE (m:Member {community: $c, id: id, name: id, is_member: id <> 'o',
                  joined_at: CASE id WHEN 'o' THEN null WHEN 'f' THEN datetime('2024-02-05T00:00:00Z')
                                     ELSE datetime('2024-01-01T00:00:00Z') END})
WITH c, m
FOREACH (_ IN CASE WHEN m.is_member THEN [1] ELSE [] END | CREATE (m)-[:MEMBER_OF]->(c))
WITH count(*) AS created
UNWIND [['s','a','2024-01-02',true], ['s','b','2024-01-03',true], ['a','c','2024-01-10',true],
        ['a','d','2024-01-11',false], ['c','e','2024-02-01',true], ['e','f','2024-02-05',true],
        ['o','k','2024-01-05',true], ['k','g','2024-01-06',true], ['k','h','2024-01-07',true],
        ['k','i','2024-01-08',false], ['g','j','2024-01-09',true], ['b','a','2024-01-20',true],
        ['m','n','2024-03-01',true], ['q','r',null,false]] AS row
MATCH (src:Member {community: $c, id: row[0]}), (dst:Member {community: $c, id: row[1]})
CREATE (src)-[:SHARED {key: $c + '/' + row[0] + '/' + row[1], joined: row[3], channel: 'wechat',
                       at: CASE WHEN row[2] IS NULL THEN null ELSE datetime(row[2] + 'T12:00:00Z') END}]->(dst)
WITH count(*) AS shares
MATCH (seed:Member {community: $c, id: 's'}), (kol:Member {community: $c, id: 'k'}),
      (manager:Member {community: $c, id: 'm'}),
      (rs:Role {name: 'seed_user'}), (rl:Role {name: 'leader'}), (rm:Role {name: 'manager'})
CREATE (seed)-[:HAS_ROLE {community: $c, role: 'seed_user', source: 'declared'}]->(rs)
CREATE (kol)-[:HAS_ROLE {community: $c, role: 'leader', source: 'declared'}]->(rl)
CREATE (manager)-[:HAS_ROLE {community: $c, role: 'manager', source: 'declared',
                             since: datetime('2024-03-01T13:00:00Z')}]->(rm)
"""


@pytest.fixture()
def shares_community(connection, community):
    connection.driver.execute_query(COMMUNITY, c=community)
    return community


def test_cascades_from_the_graph(connection, shares_community):
    result = analyze_fission(connection, shares_community)
    summary = result.summary
    cascades = {c.root: c for c in result.cascades}
    assert set(cascades) == {"s", "o", "m", "q"}
    s, o = cascades["s"], cascades["o"]
    assert (s.size, s.depth, s.breadth, s.root_class) == (7, 4, (1, 2, 2, 1, 1), "seed_user")
    assert (o.size, o.depth, o.root_class) == (6, 3, "outsider")
    assert (cascades["m"].root_class, cascades["q"].size) == ("manager", 2)
    assert s.started_at.isoformat() == "2024-01-02T12:00:00+00:00"
    assert summary.shares == 14 and summary.reached == 13
    assert [(p.outsider, p.leader) for p in summary.connectors] == [("o", "k")]
    assert summary.deep_cascades == 2
    # the independent check: networkx over the tree the forest gives
    tree = nx.Graph()
    tree.add_edges_from((str(result.forest.ids[p]), str(result.forest.ids[c]))
                        for c, p in enumerate(result.forest.parent) if p >= 0)
    for cascade in result.cascades:
        members = nx.node_connected_component(tree, cascade.root)
        assert cascade.structural_virality == pytest.approx(
            nx.average_shortest_path_length(tree.subgraph(members)))


def test_as_of_keeps_only_earlier_shares_and_roles(connection, shares_community):
    summary = analyze_fission(connection, shares_community, "2024-01-31").summary
    roots = {c.root: (c.size, c.depth) for c in summary.top_cascades}
    # e, f (February), n (March) and the untimed share are left out
    assert roots == {"s": (5, 2), "o": (6, 3)}
    assert summary.as_of == "2024-01-31" and summary.shares == 10
    # m shared at noon on 1 March and became a manager at 13:00 that day
    march = analyze_fission(connection, shares_community, "2024-03-01").summary
    assert {c.root: c.root_class for c in march.top_cascades}["m"] == "manager"
    noon = analyze_fission(connection, shares_community, "2024-03-01T12:30:00Z").summary
    assert {c.root: c.root_class for c in noon.top_cascades}["m"] == "member"
    february = analyze_fission(connection, shares_community, "2024-02-14").summary
    assert "m" not in {c.root for c in february.top_cascades}


def test_inferred_roles_of_the_latest_analysis_run(connection, shares_community):
    connection.driver.execute_query("""
        MATCH (c:Community {id: $c}), (d:Member {community: $c, id: 'a'}), (r:Role {name: 'leader'})
        CREATE (:AnalysisRun {id: $c + '-old', community: $c, started_at: datetime('2024-01-15T00:00:00Z'),
                              status: 'done'})-[:OF]->(c)
        CREATE (:AnalysisRun {id: $c + '-new', community: $c, started_at: datetime('2024-06-01T00:00:00Z'),
                              status: 'done'})-[:OF]->(c)
        CREATE (d)-[:HAS_ROLE {community: $c, role: 'leader', source: 'inferred', run: $c + '-new'}]->(r)
        """, c=shares_community)
    summary = analyze_fission(connection, shares_community).summary
    assert summary.analysis_run == shares_community + "-new"
    spreader = next(s for s in summary.spreaders if s.member == "a")
    assert spreader.role_class == "leader"
    # as of February only the old run had looked at the data: a is no leader then
    earlier = analyze_fission(connection, shares_community, "2024-02-28").summary
    assert earlier.analysis_run == shares_community + "-old"
    assert next(s for s in earlier.spreaders if s.member == "a").role_class == "member"


def member_places(connection, community):
    _, rows, _ = connection.read_text(
        "MATCH (m:Member {community: $c}) RETURN m.id AS id, m.cascade_root AS root, "
        "m.cascade_generation AS generation, m.cascade_parent AS parent, m.cascade_run AS run",
        {"c": community})
    return {row["id"]: row for row in rows}


def test_results_written_to_the_graph(connection, shares_community):
    summary = fission_summary(connection, shares_community)
    places = member_places(connection, shares_community)
    assert (places["f"]["root"], places["f"]["generation"], places["f"]["parent"]) == ("s", 4, "e")
    assert (places["s"]["root"], places["s"]["generation"], places["s"]["parent"]) == ("s", 0, None)
    assert {row["run"] for row in places.values()} == {summary.run}
    _, cascades, _ = connection.read_text(
        "MATCH (c:Cascade {run: $run})-[:OF]->(r:FissionRun {id: $run})-[:OF]->(:Community {id: $c}) "
        "MATCH (c)-[:ROOTED_AT]->(m:Member) "
        "RETURN c.root AS root, m.id AS member, c.size AS size, c.breadth AS breadth, "
        "c.structural_virality AS virality, r.status AS status, r.largest AS largest",
        {"run": summary.run, "c": shares_community})
    by_root = {row["root"]: row for row in cascades}
    assert set(by_root) == {"s", "o", "m", "q"}
    assert by_root["s"]["breadth"] == [1, 2, 2, 1, 1] and by_root["s"]["member"] == "s"
    assert by_root["s"]["status"] == "done" and by_root["s"]["largest"] == 7
    # a later run as of January: e, f, m, n, q, r leave the forest and lose their places
    january = fission_summary(connection, shares_community, "2024-01-31")
    places = member_places(connection, shares_community)
    assert places["f"]["root"] is None and places["f"]["run"] is None
    assert places["c"]["run"] == january.run and places["c"]["generation"] == 2
    # the first run's snapshot is still there
    _, rows, _ = connection.read_text("MATCH (c:Cascade {run: $run}) RETURN count(c) AS n",
                                      {"run": summary.run})
    assert rows[0]["n"] == 4


def test_unknown_community_is_refused_on_write(connection, community):
    with pytest.raises(UnknownCommunity):
        fission_summary(connection, community + "-missing")


def test_fission_command(connection, shares_community, cli_env):
    runner = CliRunner()
    result = runner.invoke(cli, ["-q", "fission", "--community", shares_community, "--format",
                                 "json", "--no-write", "--top", "2"], env=cli_env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["root"] for c in data["top_cascades"]] == ["s", "o"]
    assert data["top_cascades"][0]["started_at"] == "2024-01-02T12:00:00+00:00"
    table = runner.invoke(cli, ["-q", "fission", "--community", shares_community,
                                "--as-of", "2024-01-31"], env=cli_env)
    assert table.exit_code == 0, table.output
    assert "Largest cascades" in table.output and "s > a > c" not in table.output
    missing = runner.invoke(cli, ["-q", "fission", "--community", shares_community + "-x"],
                            env=cli_env)
    assert missing.exit_code == 1 and "load it first" in missing.output
    bad = runner.invoke(cli, ["fission", "--community", shares_community, "--as-of", "soon"],
                        env=cli_env)
    assert bad.exit_code == 2 and "ISO date" in bad.output


def test_fission_job_step(connection, shares_community):
    from graphmodel.jobs import Workspace, run_job
    from graphmodel.jobs.spec import JobSpec, StepSpec

    spec = JobSpec("fission-job", shares_community,
                   (StepSpec("fission", {"as_of": "2024-01-31", "period": "week"}),), base_dir=None)
    result = run_job(Workspace(connection), spec)
    assert result.status == "ok", result.error
    [row] = connection.read_text(
        "MATCH (r:JobRun {id: $id}) RETURN r.steps AS steps", {"id": result.run_id})[1]
    [step] = json.loads(row["steps"])
    assert step["counts"]["cascades"] == 2 and step["counts"]["largest"] == 6
    [run] = connection.read_text("MATCH (f:FissionRun {id: $run}) RETURN f.as_of AS as_of, "
                                 "f.period AS period", {"run": step["counts"]["fission_run"]})[1]
    assert run == {"as_of": "2024-01-31", "period": "week"}


def test_fission_catalogue_queries(connection, shares_community):
    from graphmodel import queries

    c = shares_community
    summary = fission_summary(connection, c)
    cascades = queries.run_named(connection, "cascades", {"community": f"{c}", "limit": "2"}).rows
    assert [(r["root"], r["size"], r["depth"]) for r in cascades] == [("s", 7, 4), ("o", 6, 3)]
    assert cascades[0]["fission_run"] == summary.run and cascades[0]["breadth"] == [1, 2, 2, 1, 1]
    members = queries.run_named(connection, "cascade_members", {"community": f"{c}", "root": "o"}).rows
    assert [(r["member_id"], r["generation"], r["reached_by"]) for r in members] == [
        ("o", 0, None), ("k", 1, "o"), ("g", 2, "k"), ("h", 2, "k"), ("i", 2, "k"), ("j", 3, "g")]
    top = queries.run_named(connection, "top_spreaders", {"community": f"{c}", "limit": "3"}).rows
    assert [(r["member_id"], r["downstream_reach"]) for r in top] == [("s", 6), ("o", 5), ("a", 4)]
    assert top[0]["shares"] == 2 and top[0]["joined_after_share"] == 2
