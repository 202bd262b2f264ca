// The ids of every member and outsider of a community and their nodes' element ids (edges are written by node).
// param: community - the community id
MATCH (m:Member {community: $community})
RETURN m.id AS id, elementId(m) AS node
