// How big a community's analysis graph will be: members, outsiders and directed ties (interactions and shares, counted from the degrees).
// param: community - the community id
MATCH (m:Member {community: $community})
WITH count(m) AS nodes, sum(CASE WHEN m.is_member THEN 1 ELSE 0 END) AS members,
     sum(COUNT { (m)-[:INTERACTED]->() } + COUNT { (m)-[:SHARED]->() }) AS relationships
RETURN nodes, members, nodes - members AS outsiders, relationships
