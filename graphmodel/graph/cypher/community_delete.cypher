// Remove a community and every node that belongs to it (members, events, runs, ...), in batches; its tombstones stay, so that loading it again still skips the members it forgot.
// param: community - the community id
MATCH (n)
WHERE n.community = $community AND NOT n:Tombstone
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
WITH count(*) AS removed
OPTIONAL MATCH (c:Community {id: $community})
DETACH DELETE c
RETURN removed
