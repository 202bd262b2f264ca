// Load a batch of attendance.csv rows (members and events exist already).
// param: community - the community id
// param: rows (list) - validated rows {m, e}
UNWIND $rows AS row
MATCH (m:Member {community: $community, id: row.m})
MATCH (e:Event {community: $community, id: row.e})
MERGE (m)-[:ATTENDED]->(e)
