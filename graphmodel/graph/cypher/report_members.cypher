// Every member's and outsider's id and name in a community (what a pseudonymised report must not show).
// param: community - the community id
MATCH (m:Member {community: $community})
RETURN m.id AS id, m.name AS name
