// Shortest interaction or share paths between two members (either direction), up to 6 hops.
// param: community - the community id
// param: from - the first member id
// param: to - the second member id
MATCH (a:Member {community: $community, id: $from}), (b:Member {community: $community, id: $to})
MATCH p = allShortestPaths((a)-[:INTERACTED|SHARED*..6]-(b))
RETURN [n IN nodes(p) | n.id] AS members, [r IN relationships(p) | type(r)] AS ties, length(p) AS hops
LIMIT 20
