// How big a community's analysis graph will be: nodes (members and outsiders) and directed ties (interactions and shares, counted from the degrees).
// param: community - the community id
MATCH (m:Member {community: $community})
RETURN count(m) AS nodes, sum(COUNT { (m)-[:INTERACTED]->() } + COUNT { (m)-[:SHARED]->() }) AS relationships
