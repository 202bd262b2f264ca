// How big a community's analysis graph will be: members, outsiders and directed member pairs.
// param: community - the community id
MATCH (m:Member {community: $community})
WITH count(m) AS nodes, sum(CASE WHEN m.is_member THEN 1 ELSE 0 END) AS members
CALL (nodes) {
  MATCH (:Member {community: $community})-[r:INTERACTED|SHARED]->()
  RETURN count(r) AS relationships
}
RETURN nodes, members, nodes - members AS outsiders, relationships
