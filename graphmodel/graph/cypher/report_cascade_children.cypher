// The next generation of the report's cascade trees: for each of some members of the latest fission run's forest, the members they reached first, those with the most members below them first (at most $limit), and how many they reached in all.
// param: community - the community id
// param: parents (list) - member ids of the parents
// param: run - the analysis run id (a member's roles are given only when its figures are of this run)
// param: limit (int) - children per parent
UNWIND $parents AS parent_id
MATCH (p:Member {community: $community, id: parent_id})
CALL (p) {
  MATCH (p)-[:SHARED]->(c:Member)
  WHERE c.cascade_parent = p.id AND c.cascade_root = p.cascade_root AND c.cascade_run = p.cascade_run
  WITH DISTINCT c
  ORDER BY coalesce(c.cascade_reach, 0) DESC, c.id
  WITH collect({member_id: c.id, name: c.name, reach: coalesce(c.cascade_reach, 0),
                is_member: coalesce(c.is_member, true),
                roles: CASE WHEN c.analysis_run = $run THEN coalesce(c.inferred_roles, []) ELSE [] END}) AS ranked
  RETURN ranked[..$limit] AS children, size(ranked) AS reached
}
RETURN parent_id, children, reached
