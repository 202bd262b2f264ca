// Size of a community: members, outsiders, interactions, shares, events.
// param: community - the community id
MATCH (c:Community {id: $community})
CALL (c) {
  MATCH (m:Member {community: c.id})
  RETURN count(m) AS nodes, sum(CASE WHEN m.is_member THEN 1 ELSE 0 END) AS members,
         sum(COUNT { (m)-[:INTERACTED]->() }) AS interactions
}
CALL (c) {
  MATCH (:Member {community: c.id})-[s:SHARED]->()
  RETURN count(s) AS shares, sum(CASE WHEN s.joined THEN 1 ELSE 0 END) AS joins
}
CALL (c) {
  MATCH (e:Event {community: c.id})
  RETURN count(e) AS events
}
RETURN c.id AS community, c.name AS name, members, nodes - members AS outsiders,
       interactions, shares, joins, events
