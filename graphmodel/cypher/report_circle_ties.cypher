// Interactions between the circles of the latest analysis (for the map of circles): circle pairs and how many ties join them.
// param: community - the community id
MATCH (a:Member {community: $community})-[:INTERACTED|SHARED]->(b:Member)
WHERE a.circle IS NOT NULL AND b.circle IS NOT NULL AND a.circle <> b.circle
WITH CASE WHEN a.circle < b.circle THEN a.circle ELSE b.circle END AS source,
     CASE WHEN a.circle < b.circle THEN b.circle ELSE a.circle END AS target
RETURN source, target, count(*) AS ties
