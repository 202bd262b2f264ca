// Load a batch of shares.csv rows: source shared or invited, target received (endpoints exist already).
// param: community - the community id
// param: rows (list) - validated rows {s, t, at (epoch ms), channel, joined, k}
UNWIND $rows AS row
MATCH (a:Member {community: $community, id: row.s}) USING INDEX SEEK a:Member(community, id)
MATCH (b:Member {community: $community, id: row.t}) USING INDEX SEEK b:Member(community, id)
MERGE (a)-[r:SHARED {key: row.k}]->(b)
SET r.at = CASE WHEN row.at IS NULL THEN null ELSE datetime({epochMillis: row.at}) END,
    r.channel = row.channel, r.joined = row.joined
