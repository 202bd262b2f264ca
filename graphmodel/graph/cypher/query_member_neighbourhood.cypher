// A member's direct ties: who they interact with or share to, both directions, strongest first.
// param: community - the community id
// param: member - the member id
// param: limit (int) = 50 - how many neighbours
MATCH (m:Member {community: $community, id: $member})-[r:INTERACTED|SHARED]-(other:Member)
WITH other,
     sum(CASE WHEN type(r) = 'INTERACTED' AND startNode(r) = other THEN coalesce(r.weight, 1.0) ELSE 0 END) AS weight_in,
     sum(CASE WHEN type(r) = 'INTERACTED' AND endNode(r) = other THEN coalesce(r.weight, 1.0) ELSE 0 END) AS weight_out,
     sum(CASE WHEN type(r) = 'SHARED' THEN 1 ELSE 0 END) AS shares
RETURN other.id AS member_id, other.name AS name, other.is_member AS is_member,
       weight_in, weight_out, shares
ORDER BY weight_in + weight_out + shares DESC, member_id
LIMIT $limit
