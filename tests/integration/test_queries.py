"""The analysts' catalogue and ad-hoc Cypher against a real server."""

import json

import pytest
from click.testing import CliRunner

from graphmodel import queries
from graphmodel.cli import cli
from graphmodel.core.errors import QueryFailed, QueryNotFound, QueryParameterError

SMALL_COMMUNITY = """
MERGE (c:Community {id: $c}) SET c.name = '测试社群'
WITH c
UNWIND [
  {id: 'a', name: '阿明', member: true, joined: datetime('2024-01-05T00:00:00Z')},
  {id: 'b', name: 'Bea', member: true, joined: datetime('2024-01-20T00:00:00Z')},
  {id: 'c', name: 'Chen', member: true, joined: datetime('2024-02-03T00:00:00Z')},
  {id: 'd', name: 'Dora', member: true, joined: datetime('2024-02-04T00:00:00Z')},
  {id: 'x', name: 'Xavier', member: false, joined: null}
] AS row
CREATE (m:Member {community: $c, id: row.id, name: row.name, is_member: row.member, joined_at: row.joined})
WITH c, m, row WHERE row.member
CREATE (m)-[:MEMBER_OF {joined_at: row.joined}]->(c)
"""

TIES = """
MATCH (a:Member {community: $c, id: 'a'}), (b:Member {community: $c, id: 'b'}),
      (cc:Member {community: $c, id: 'c'}), (d:Member {community: $c, id: 'd'}),
      (x:Member {community: $c, id: 'x'})
SET x:Outsider
CREATE (b)-[:INTERACTED {key: $c + '1', type: 'reply', weight: 1.0}]->(a)
CREATE (cc)-[:INTERACTED {key: $c + '2', type: 'reply', weight: 2.0}]->(a)
CREATE (a)-[:INTERACTED {key: $c + '3', type: 'mention', weight: 1.0}]->(d)
CREATE (x)-[:SHARED {key: $c + '4', joined: true}]->(a)
CREATE (a)-[:SHARED {key: $c + '5', joined: true}]->(b)
CREATE (b)-[:SHARED {key: $c + '6', joined: true}]->(cc)
CREATE (x)-[:SHARED {key: $c + '7', joined: false}]->(d)
WITH a
MATCH (r:Role {name: 'leader'})
CREATE (a)-[:HAS_ROLE {community: $c, role: 'leader', source: 'declared'}]->(r)
"""


@pytest.fixture()
def small(connection, community):
    connection.driver.execute_query(SMALL_COMMUNITY, c=community)
    connection.driver.execute_query(TIES, c=community)
    return community


def run(connection, name, **params):
    result = queries.run_named(connection, name, params)
    return result.rows


def test_community_overview(connection, small):
    [row] = run(connection, "community_overview", community=small)
    assert row == {"community": small, "name": "测试社群", "members": 4, "outsiders": 1,
                   "interactions": 3, "shares": 4, "joins": 3, "events": 0}


def test_member_neighbourhood(connection, small):
    rows = run(connection, "member_neighbourhood", community=small, member="a")
    by_id = {r["member_id"]: r for r in rows}
    assert by_id["c"]["weight_in"] == 2.0 and by_id["d"]["weight_out"] == 1.0
    assert by_id["x"]["shares"] == 1
    assert rows[0]["member_id"] == "b"  # reply in + share out: 2.0; ties broken by weight then id
    assert len(run(connection, "member_neighbourhood", community=small, member="a", limit=1)) == 1


def test_paths_between(connection, small):
    rows = run(connection, "paths_between", community=small, **{"from": "c", "to": "d"})
    assert rows and all(r["hops"] == 2 for r in rows)
    assert all(r["members"][0] == "c" and r["members"][-1] == "d" for r in rows)


def test_invitation_chain(connection, small):
    rows = run(connection, "invitation_chain", community=small, member="b")
    assert {"direction": "upstream", "generation": -2, "path": ["x", "a", "b"]} in rows
    assert {"direction": "downstream", "generation": 1, "path": ["b", "c"]} in rows


def test_outsiders_bridging_in(connection, small):
    [row] = run(connection, "outsiders_bridging_in", community=small)
    assert row == {"member_id": "x", "name": "Xavier", "members_reached": 2, "joined_after_share": 1}


def test_members_joined_per_month(connection, small):
    rows = run(connection, "members_joined_per_month", community=small)
    assert rows == [
        {"month": "2024-01", "joined": 2, "joined_by_invitation": 2},
        {"month": "2024-02", "joined": 2, "joined_by_invitation": 1},
    ]


def test_members_by_declared_role(connection, small):
    rows = run(connection, "members_by_declared_role", community=small, role="leader")
    assert [(r["member_id"], r["role_zh"]) for r in rows] == [("a", "意见领袖")]


def test_every_catalogue_query_has_a_test():
    """Each named query is run by name, as a string literal, in some test file."""
    from pathlib import Path

    tests_text = "\n".join(p.read_text(encoding="utf-8")
                           for p in Path(__file__).resolve().parents[1].rglob("test_*.py"))
    missing = [queries.public_name(q) for q in queries.catalogue()
               if f'"{queries.public_name(q)}"' not in tests_text]
    assert not missing, f"named queries that no test runs: {missing}"


def test_parameters_are_checked(connection, small):
    with pytest.raises(QueryParameterError, match="needs the parameter member"):
        queries.run_named(connection, "member_neighbourhood", {"community": f"{small}"})
    with pytest.raises(QueryParameterError, match="no parameter bogus"):
        queries.run_named(connection, "community_overview", {"community": f"{small}", "bogus": "1"})
    with pytest.raises(QueryParameterError, match="not a int"):
        queries.run_named(connection, "member_neighbourhood",
                          {"community": small, "member": "a", "limit": "many"})
    with pytest.raises(QueryNotFound):
        queries.run_named(connection, "no_such_query", {})


def test_hostile_values_stay_values(connection, small):
    hostile = "x'}) DETACH DELETE n //"
    assert run(connection, "member_neighbourhood", community=small, member=hostile) == []
    assert run(connection, "community_overview", community=small)[0]["members"] == 4


def test_adhoc_reads_with_parameters_and_limit(connection, small):
    result = queries.run_adhoc(
        connection, "MATCH (m:Member {community: $c}) RETURN m.id AS id ORDER BY id",
        {"c": small}, limit=2,
    )
    assert [r["id"] for r in result.rows] == ["a", "b"] and result.truncated


@pytest.mark.parametrize("statement", [
    "CREATE (n:Intruder) RETURN n",
    "MATCH (m:Member) DETACH DELETE m",
    "MATCH (m:Member) SET m.pwned = true",
    "CALL db.createLabel('Intruder')",
])
def test_adhoc_cannot_write(connection, small, statement):
    with pytest.raises(QueryFailed, match="read transaction|procedure db.createLabel may not be called"):
        queries.run_adhoc(connection, statement, {})
    assert run(connection, "community_overview", community=small)[0]["members"] == 4


@pytest.mark.parametrize("statement, says", [
    ("CALL gds.graph.project($name, 'Member', '*')", "procedure gds.graph.project"),
    ("MATCH (s:Member {community: $c})-[:INTERACTED]->(t) RETURN gds.graph.project($name, s, t)",
     "function gds.graph.project"),
    ("CALL gds.graph.drop($running)", "procedure gds.graph.drop"),
    ("CALL dbms.listConfig() YIELD name RETURN name", "procedure dbms.listConfig"),
    ("SHOW USERS", "SHOW USERS is an administration command"),
    ("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery", "SHOW TRANSACTIONS"),
    ("SHOW SETTINGS", "SHOW SETTINGS"),
    ("CALL db.clearQueryCaches()", "procedure db.clearQueryCaches"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE is refused"),
    ("USE system SHOW USERS", "USE is refused"),
    ("LOAD CSV FROM 'https://example.org/x.csv' AS row RETURN row", "LOAD CSV is refused"),
])
def test_adhoc_cannot_reach_administration_or_the_gds_catalogue(connection, small, statement, says):
    """What a read transaction lets through on Community (no roles) is refused before it is
    sent; a running analysis's projection stays, and nothing is projected."""
    from graphmodel.analysis import AnalysisOptions
    from graphmodel.analysis.projection import projected

    name = f"{small}-intruder"
    with projected(connection, small, AnalysisOptions(), None) as running:
        with pytest.raises(QueryFailed, match=says.replace(".", r"\.")):
            queries.run_adhoc(connection, statement, {"c": small, "name": name, "running": running})
        graphs = {r["graphName"] for r in connection.read_text("CALL gds.graph.list() YIELD graphName "
                                                               "RETURN graphName")[1]}
        assert running in graphs and name not in graphs
    result = CliRunner().invoke(cli, ["-q", "cypher", statement, "-p", f"c={small}", "-p", f"name={name}",
                                      "-p", "running=none"])
    assert result.exit_code == 2 and says in result.output and "unexpected" not in result.output, result.output


def test_adhoc_reads_of_the_schema_still_run(connection, small):
    labels = queries.run_adhoc(connection, "CALL db.labels() YIELD label RETURN label", {})
    assert "Member" in {r["label"] for r in labels.rows}
    indexes = queries.run_adhoc(connection, "SHOW INDEXES YIELD name RETURN name", {})
    assert "member_community" in {r["name"] for r in indexes.rows}
    [row] = queries.run_adhoc(connection, "MATCH (m:Member {community: $c, id: 'a'}) "
                                          "RETURN gds.util.asNode(id(m)).name AS name, "
                                          "date.truncate('month', m.joined_at) AS month", {"c": small}).rows
    assert row["name"] == "阿明" and str(row["month"]).startswith("2024-01-01")


@pytest.mark.parametrize("limit, timeout, says", [
    (0, 60, "row limit"), (queries.MAX_LIMIT + 1, 60, "row limit"), (10, 0, "timeout"),
    (10, -1, "timeout"), (10, queries.MAX_TIMEOUT + 1, "timeout"),
])
def test_every_analyst_query_has_a_row_cap_and_a_timeout(connection, small, limit, timeout, says):
    """A timeout of 0 would be none at all (whatever db.transaction.timeout says), and the rows
    returned are held in memory: both are bounded, for named and ad-hoc queries alike."""
    with pytest.raises(QueryParameterError, match=says):
        queries.run_adhoc(connection, "RETURN 1 AS one", {}, limit=limit, timeout=timeout)
    with pytest.raises(QueryParameterError, match=says):
        queries.run_named(connection, "community_overview", {"community": small}, limit=limit, timeout=timeout)
    refused = CliRunner().invoke(cli, ["-q", "cypher", "RETURN 1", "--limit", str(limit),
                                       "--timeout", str(timeout)])
    assert refused.exit_code == 2 and "Invalid value" in refused.output, refused.output


def test_adhoc_timeout(connection):
    with pytest.raises(QueryFailed, match="timeout"):
        queries.run_adhoc(
            connection, "UNWIND range(1, 200000000) AS x WITH x WHERE x < 0 RETURN count(*)",
            {}, timeout=0.5,
        )


def test_cli_query_and_cypher(connection, small):
    runner = CliRunner()
    listing = runner.invoke(cli, ["query", "--list", "--format", "json"])
    assert listing.exit_code == 0, listing.output
    assert "member_neighbourhood" in {r["name"] for r in json.loads(listing.output)}

    result = runner.invoke(cli, ["-q", "query", "community_overview", "-p", f"community={small}",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["name"] == "测试社群"

    csv_out = runner.invoke(cli, ["-q", "cypher", "MATCH (m:Member {community: $c}) "
                                  "RETURN m.id AS id ORDER BY id", "-p", f"c={small}",
                                  "--format", "csv"])
    assert csv_out.output.splitlines()[:3] == ["id", "a", "b"]

    refused = runner.invoke(cli, ["-q", "cypher", "CREATE (n:Intruder)"])
    assert refused.exit_code == 2 and "may not write" in refused.output
