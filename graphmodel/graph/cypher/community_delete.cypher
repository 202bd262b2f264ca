// Remove a community and every node that belongs to it (members, events, runs, ...), in batches; its tombstones stay, so that loading it again still skips the members it forgot, and its lock stays (the remover may hold it, and its holder releases it).
// param: community - the community id
MATCH (n)
WHERE n.community = $community AND NOT n:Tombstone AND NOT n:JobLock
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
WITH count(*) AS removed
OPTIONAL MATCH (c:Community {id: $community})
DETACH DELETE c
RETURN removed
