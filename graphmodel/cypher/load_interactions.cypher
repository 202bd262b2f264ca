// Load a batch of interactions.csv rows (endpoints exist already); the key makes reloads merge.
// param: community - the community id
// param: rows (list) - validated rows {s, t, type, w, at (epoch ms), k}
UNWIND $rows AS row
MATCH (a:Member {community: $community, id: row.s}) USING INDEX SEEK a:Member(community, id)
MATCH (b:Member {community: $community, id: row.t}) USING INDEX SEEK b:Member(community, id)
MERGE (a)-[r:INTERACTED {key: row.k}]->(b)
SET r.type = row.type, r.weight = row.w,
    r.at = CASE WHEN row.at IS NULL THEN null ELSE datetime({epochMillis: row.at}) END
