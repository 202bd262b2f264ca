"""The content checksum: equal for equal content, different when anything differs."""

from graphmodel.graph.community import community_content


def seed(connection, community):
    connection.write("test_seed_minimal", community=community)


def test_same_content_same_checksum_across_communities(connection, community):
    other = community + "-twin"
    try:
        seed(connection, community)
        seed(connection, other)
        a, b = community_content(connection, community), community_content(connection, other)
        assert a.nodes > 0 and a.relationships > 0
        assert a == b
    finally:
        connection.run_auto("community_delete", community=other)


def test_a_changed_property_changes_the_checksum(connection, community):
    seed(connection, community)
    before = community_content(connection, community)
    with connection.driver.session(database=connection.database) as session:
        session.run("MATCH (m:Member {community: $c}) WITH m LIMIT 1 SET m.name = 'changed'",
                    c=community).consume()
    after = community_content(connection, community)
    assert (after.nodes, after.relationships) == (before.nodes, before.relationships)
    assert after.checksum != before.checksum
