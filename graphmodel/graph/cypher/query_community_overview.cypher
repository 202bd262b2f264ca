// Size of a community: members, outsiders, interactions, shares, events.
// param: community - the community id
MATCH (c:Community {id: $community})
// one pass over the members: each member's chain of relationships is walked once for its interactions and shares
CALL (c) {
  MATCH (m:Member {community: c.id})
  WITH m, [(m)-[s:SHARED]->() | s.joined] AS shared
  RETURN count(m) AS nodes, sum(CASE WHEN m.is_member THEN 1 ELSE 0 END) AS members,
         sum(COUNT { (m)-[:INTERACTED]->() }) AS interactions,
         sum(size(shared)) AS shares, sum(size([joined IN shared WHERE joined])) AS joins
}
CALL (c) {
  MATCH (e:Event {community: c.id})
  RETURN count(e) AS events
}
RETURN c.id AS community, c.name AS name, members, nodes - members AS outsiders,
       interactions, shares, joins, events
