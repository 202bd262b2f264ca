// How many members initiated how many interactions (the 1:9:90 shape), in logarithmic buckets.
// param: community - the community id
MATCH (m:Member {community: $community, is_member: true})
WITH COUNT { (m)-[:INTERACTED]->() } AS sent
WITH CASE WHEN sent = 0 THEN 0 ELSE toInteger(floor(log10(sent) * 3)) + 1 END AS bucket, sent
RETURN bucket, min(sent) AS from_interactions, max(sent) AS to_interactions, count(*) AS members,
       sum(sent) AS interactions
ORDER BY bucket
