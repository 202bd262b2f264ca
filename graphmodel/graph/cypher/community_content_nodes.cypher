// Every node of a community with its labels and properties (for a content checksum), in a stable order.
// param: community - the community id
MATCH (n)
WHERE n.community = $community OR (n:Community AND n.id = $community)
RETURN labels(n) AS labels, properties(n) AS properties
