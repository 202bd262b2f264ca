// Every relationship that starts at a node of a community: type, endpoints and properties (for a content checksum).
// param: community - the community id
MATCH (a)-[r]->(b)
WHERE a.community = $community
RETURN type(r) AS type, labels(a) AS from_labels, coalesce(a.id, a.name) AS from_id,
       labels(b) AS to_labels, coalesce(b.id, b.name) AS to_id, properties(r) AS properties
