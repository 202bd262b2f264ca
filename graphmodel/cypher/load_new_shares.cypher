// Load a batch of shares.csv rows into a community that had none: CREATE (a repeated key fails the batch, which is then merged).
// param: community - the community id
// param: rows (list) - validated rows {s, t, at (epoch ms), channel, joined, k}
UNWIND $rows AS row
MATCH (a:Member {community: $community, id: row.s}) USING INDEX SEEK a:Member(community, id)
MATCH (b:Member {community: $community, id: row.t}) USING INDEX SEEK b:Member(community, id)
CREATE (a)-[:SHARED {key: row.k, channel: row.channel, joined: row.joined,
                     at: CASE WHEN row.at IS NULL THEN null ELSE datetime({epochMillis: row.at}) END}]->(b)
