// The ids of every member and outsider of a community and their nodes' ids (edges are written by node).
// param: community - the community id
MATCH (m:Member {community: $community})
RETURN m.id AS id, id(m) AS node
