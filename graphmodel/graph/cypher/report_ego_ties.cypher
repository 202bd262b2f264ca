// The strongest ties of each of some members (the report's ego networks), ranked as query_member_neighbourhood ranks them: per member up to $limit neighbours, each with its circle and inferred roles when its figures are of the run, and how many members it is tied to in all.
// param: community - the community id
// param: members (list) - the member ids
// param: run - the analysis run id (a neighbour's circle and roles are given only when its figures are of this run)
// param: limit (int) - neighbours per member
// param: degree (bool) - also count the members each is tied to in all (null when false)
UNWIND $members AS member_id
MATCH (m:Member {community: $community, id: member_id})
CALL (m) {
  MATCH (m)-[r:INTERACTED|SHARED]-(other:Member)
  WHERE other <> m
  WITH other, sum(CASE type(r) WHEN 'INTERACTED' THEN coalesce(r.weight, 1.0) ELSE 1 END) AS weight
  ORDER BY weight DESC, other.id
  LIMIT $limit
  RETURN collect({member_id: other.id, name: other.name, weight: weight, is_member: coalesce(other.is_member, true),
                  circle: CASE WHEN other.analysis_run = $run THEN other.circle END,
                  roles: CASE WHEN other.analysis_run = $run THEN coalesce(other.inferred_roles, []) ELSE [] END})
         AS neighbours
}
RETURN member_id, m.name AS name, coalesce(m.is_member, true) AS is_member,
       CASE WHEN m.analysis_run = $run THEN m.circle END AS circle,
       CASE WHEN m.analysis_run = $run THEN coalesce(m.inferred_roles, []) ELSE [] END AS roles,
       CASE WHEN $degree THEN COUNT { MATCH (m)-[:INTERACTED|SHARED]-(other:Member) WHERE other <> m
                                      RETURN DISTINCT other } END AS degree,
       neighbours
