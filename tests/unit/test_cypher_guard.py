import pytest

from graphmodel import queries
from graphmodel.core.cypher_guard import called, check_analyst_cypher
from graphmodel.core.errors import QueryRefused


@pytest.mark.parametrize("text", [
    "MATCH (m:Member {community: $c}) RETURN m.id, m.name LIMIT 5",
    "CALL db.labels() YIELD label RETURN label",
    "call DB.RELATIONSHIPTYPES()",
    "SHOW INDEXES", "SHOW RANGE INDEXES YIELD name", "SHOW ALL CONSTRAINTS", "SHOW BUILT IN FUNCTIONS",
    "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'db.'",
    "RETURN date.truncate('month', date()) AS d, duration.between(date(), date()) AS x",
    "MATCH (m) RETURN gds.util.asNode(id(m)).id, gds.similarity.cosine([1.0], [1.0]), gds.version()",
    "CALL { MATCH (n) RETURN n } RETURN count(n)",
    "MATCH (n) CALL (n) { RETURN 1 AS x } RETURN x",
    "RETURN 'CALL gds.graph.drop(1); SHOW USERS' AS s // CALL gds.graph.drop\n",
    "RETURN \"it's \\\" CALL dbms.listConfig()\" /* SHOW USERS */ AS s",
    "WITH 1 AS start, 2 AS show, 3 AS use RETURN start, show, use ORDER BY start DESC",
    "MATCH (n) WHERE n.call = 1 AND n.show IS NULL RETURN n {.use, .start, .terminate}",
    "MATCH (n:Show)-[:USE]->(m:Terminate {load: 1}) RETURN n.start",
    "MATCH (a {community: $c}) WITH a AS start MATCH (start)-->(b) RETURN b",
])
def test_reads_pass(text):
    check_analyst_cypher(text)


@pytest.mark.parametrize("text, says", [
    ("CALL gds.graph.project('all', 'Member', '*')", "procedure gds.graph.project"),
    ("MATCH (s)-[r]->(t) RETURN gds.graph.project('all', s, t)", "function gds.graph.project"),
    ("CALL gds.graph.drop('gm-camp-7-1a2b3c4d')", "procedure gds.graph.drop"),
    ("CALL gds.pageRank.stream('g') YIELD nodeId RETURN nodeId", "procedure gds.pageRank.stream"),
    ("CALL gds.graph.list()", "procedure gds.graph.list"),
    ("CALL dbms.listConfig()", "procedure dbms.listConfig"),
    ("CALL DBMS.LISTCONFIG()", "procedure DBMS.LISTCONFIG"),
    ("CALL db.clearQueryCaches()", "procedure db.clearQueryCaches"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})", "procedure apoc.periodic"),
    ("RETURN apoc.text.join(['a'], ',')", "function apoc.text.join"),
    ("RETURN GDS.GRAPH.EXISTS('g')", "function GDS.GRAPH.EXISTS"),
    ("CALL `gds`.`graph`.`drop`('g')", "procedure gds.graph.drop"),
    ("CALL `gds.graph.drop`('g')", "procedure gds.graph.drop"),
    ("CALL/**/gds . graph . /* x */ drop('g')", "procedure gds.graph.drop"),
    ("CALL\n// hidden\ngds.graph.drop('g')", "procedure gds.graph.drop"),
    ("MATCH (n) CALL (n) { CALL gds.graph.drop('g') YIELD graphName RETURN 1 AS x } RETURN x",
     "procedure gds.graph.drop"),
    ("SHOW USERS", "SHOW USERS is an administration command"),
    ("SHOW TRANSACTIONS YIELD currentQuery", "SHOW TRANSACTIONS"),
    ("show settings", "SHOW SETTINGS"),
    ("SHOW DATABASES", "SHOW DATABASES"), ("SHOW CURRENT USER", "SHOW CURRENT"),
    ("SHOW PRIVILEGES", "SHOW PRIVILEGES"), ("SHOW ROLES", "SHOW ROLES"),
    ("USE system SHOW USERS", "USE is refused"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-7'", "TERMINATE is refused"),
    ("LOAD CSV FROM 'http://169.254.169.254/latest' AS row RETURN row", "LOAD CSV is refused"),
    ("GRANT ROLE admin TO bob", "GRANT is refused"), ("ALTER USER neo4j SET PASSWORD 'x'", "ALTER is refused"),
    ("STOP DATABASE neo4j", "STOP is refused"),
    ("RETURN 'open", "unterminated string"), ("RETURN 1 /* open", "unterminated comment"),
    ("CALL `gds.graph.drop('g')", "unterminated backtick name"),
])
def test_what_changes_or_administers_the_server_is_refused(text, says):
    with pytest.raises(QueryRefused, match=says.replace(".", r"\.")):
        check_analyst_cypher(text)


def test_what_a_text_calls():
    assert list(called("CALL db.labels() YIELD label WITH label RETURN date.truncate('day', date())")) == [
        ("procedure", "db.labels"), ("function", "date.truncate")]


def test_every_catalogue_query_passes_the_guard():
    for query in queries.catalogue():
        check_analyst_cypher(query.text)
