// Remove a community and every node that belongs to it (members, events, runs, ...), in batches.
// param: community - the community id
MATCH (n)
WHERE n.community = $community
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
WITH count(*) AS removed
OPTIONAL MATCH (c:Community {id: $community})
DETACH DELETE c
RETURN removed
