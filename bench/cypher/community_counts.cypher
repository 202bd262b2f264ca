// Nodes and interactions of a community (to check a baseline loaded the same graph).
MATCH (m:Member {community: $community})
OPTIONAL MATCH (m)-[r:INTERACTED]->()
RETURN count(DISTINCT m) AS members, count(r) AS interactions
