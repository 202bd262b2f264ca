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
    with pytest.raises(QueryFailed, match="read transaction"):
        queries.run_adhoc(connection, statement, {})
    assert run(connection, "community_overview", community=small)[0]["members"] == 4


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
