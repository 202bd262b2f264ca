// Remove a community and every member, event and analysis run of it, in batches.
// param: community - the community id
CALL () {
  MATCH (n:Member {community: $community}) RETURN n
  UNION
  MATCH (n:Event {community: $community}) RETURN n
  UNION
  MATCH (n:AnalysisRun {community: $community}) RETURN n
}
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
WITH count(*) AS removed
OPTIONAL MATCH (c:Community {id: $community})
DETACH DELETE c
RETURN removed
