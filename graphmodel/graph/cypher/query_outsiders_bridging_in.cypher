// Outsiders tied to members: how many members each reaches, and how many of those joined after a share.
// param: community - the community id
// param: limit (int) = 50 - how many outsiders
MATCH (o:Member {community: $community, is_member: false})-[r:INTERACTED|SHARED]-(m:Member {community: $community, is_member: true})
WITH o, count(DISTINCT m) AS members_reached,
     count(DISTINCT CASE WHEN type(r) = 'SHARED' AND startNode(r) = o AND r.joined THEN m END) AS joined_after_share
RETURN o.id AS member_id, o.name AS name, members_reached, joined_after_share
ORDER BY members_reached DESC, member_id
LIMIT $limit
