// An upper bound of the size of a community's analysis graph that walks no member: its members (from the
// index) and every interaction and share in the database, of every community (from Neo4j's counts).
// param: community - the community id
CALL () { MATCH ()-[r:INTERACTED]->() RETURN count(r) AS interactions }
CALL () { MATCH ()-[s:SHARED]->() RETURN count(s) AS shares }
CALL () { MATCH (m:Member {community: $community}) RETURN count(m) AS nodes }
RETURN nodes, interactions + shares AS relationships
