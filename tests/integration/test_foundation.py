"""GDS answers, the schema, and every named query compiles on the server."""

import gc
import weakref

from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.graph import cypher
from graphmodel.graph.schema import SCHEMA_VERSION, current_version, init_schema


def test_gds_version_and_pagerank_in_write_mode(connection, community):
    assert connection.info.gds_version.startswith("2.")
    connection.driver.execute_query(
        "UNWIND range(1, 5) AS i CREATE (:Member {community: $c, id: toString(i)})",
        c=community,
    )
    connection.driver.execute_query(
        "MATCH (a:Member {community: $c}), (b:Member {community: $c}) "
        "WHERE b.id = '1' AND a.id <> '1' CREATE (a)-[:INTERACTED {key: $c + a.id, weight: 1.0}]->(b)",
        c=community,
    )
    graph = f"{community}-pr"
    connection.driver.execute_query(
        "MATCH (a:Member {community: $c}) OPTIONAL MATCH (a)-[r:INTERACTED]->(b) "
        "WITH gds.graph.project($g, a, b, {relationshipProperties: r {.weight}}) AS g RETURN g.graphName",
        c=community, g=graph,
    )
    connection.driver.execute_query(
        "CALL gds.pageRank.write($g, {writeProperty: 'test_rank', relationshipWeightProperty: 'weight'})",
        g=graph,
    )
    records, _, _ = connection.driver.execute_query(
        "MATCH (m:Member {community: $c}) RETURN m.id AS id, m.test_rank AS rank ORDER BY rank DESC",
        c=community,
    )
    assert records[0]["id"] == "1"  # the star's centre
    assert records[0]["rank"] > records[1]["rank"]


def test_init_twice_is_idempotent(connection):
    first = init_schema(connection)
    constraints_before = connection.read_text("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")[1]
    second = init_schema(connection)
    constraints_after = connection.read_text("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name")[1]
    assert first == second
    assert constraints_before == constraints_after
    names = {r["name"] for r in constraints_after}
    assert {"member_key", "community_id", "has_role_key"} <= names
    assert not {"interacted_key", "shared_key"} & names  # the loader keeps those unique (under its lock)
    assert current_version(connection) == SCHEMA_VERSION
    roles = connection.read_text("MATCH (r:Role) RETURN r.name AS name, r.zh AS zh")[1]
    assert {"name": "leader", "zh": "意见领袖"} in roles


def test_cli_init_twice(connection):
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(cli, ["init"])
        assert result.exit_code == 0, result.output
        assert f"schema version {SCHEMA_VERSION}" in result.output


def test_every_named_query_compiles(connection):
    """EXPLAIN each named query on the server (schema statements one by one)."""
    from graphmodel.graph.schema import statements

    for name in cypher.names():
        texts = statements() if name == "schema" else [cypher.text(name)]
        for text in texts:
            if text.lstrip().upper().startswith("CREATE"):
                continue  # schema commands cannot be EXPLAINed; init_schema runs them
            with connection.driver.session(database=connection.database) as session:
                session.run("EXPLAIN " + text).consume()


def test_transactions_carry_metadata(connection):
    columns, rows, _ = connection.read_text(
        "SHOW TRANSACTIONS YIELD metaData RETURN metaData", name="metadata_probe"
    )
    assert any(r["metaData"].get("query") == "metadata_probe" for r in rows)


def test_a_finished_transaction_keeps_nothing_it_was_sent(connection, community):
    # The driver keeps a transaction's parameters in a result that only the garbage collector
    # frees; a batch of rows must be freed when its transaction ends, whenever that collector runs.
    class Text(str):  # a str that can be referred to weakly
        pass

    ids = [Text(f"m{i}") for i in range(3)]
    alive = [weakref.ref(i) for i in ids]
    gc.disable()
    try:
        nodes, _ = connection.write_with_counters("load_endpoints", community=community, ids=ids)
        assert sorted(r["id"] for r in nodes) == ids
        assert ids == ["m0", "m1", "m2"]  # the caller's list is left as it was
        del ids, nodes
        assert not [ref for ref in alive if ref() is not None]
    finally:
        gc.enable()
