// Load a batch of attendance.csv rows (members and events exist already).
// param: community - the community id
// param: rows (list) - validated rows {m, e}
UNWIND $rows AS row
MATCH (m:Member {community: $community, id: row.m}) USING INDEX SEEK m:Member(community, id)
MATCH (e:Event {community: $community, id: row.e}) USING INDEX SEEK e:Event(community, id)
MERGE (m)-[:ATTENDED]->(e)
