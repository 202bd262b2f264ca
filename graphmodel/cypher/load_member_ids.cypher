// The ids of every member and outsider of a community (so a load only creates endpoints it has not seen).
// param: community - the community id
MATCH (m:Member {community: $community})
RETURN m.id AS id
