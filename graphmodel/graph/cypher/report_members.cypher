// Every member's and outsider's id and name in a community (what a pseudonymised report must not show), as two lists of the same order ('' for no name): one row, quicker to read than a row per member.
// param: community - the community id
MATCH (m:Member {community: $community})
RETURN collect(m.id) AS ids, collect(coalesce(m.name, '')) AS names
