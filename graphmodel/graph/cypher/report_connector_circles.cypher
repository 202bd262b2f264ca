// The circles each of some connectors ties into (for the map of circles): per connector, the circles of its neighbours in the run, most tied first.
// param: community - the community id
// param: members (list) - the connectors' member ids
// param: run - the analysis run id
// param: limit (int) - circles per connector
UNWIND $members AS member_id
MATCH (m:Member {community: $community, id: member_id})
CALL (m) {
  MATCH (m)-[:INTERACTED|SHARED]-(other:Member)
  WHERE other <> m AND other.analysis_run = $run AND other.circle IS NOT NULL
  WITH other.circle AS circle, count(DISTINCT other) AS members
  ORDER BY members DESC, circle
  RETURN collect({circle: circle, members: members})[..$limit] AS circles
}
RETURN member_id, circles
