// Members joined per month, with how many of them joined through a share or invitation.
// param: community - the community id
MATCH (m:Member {community: $community, is_member: true})
WHERE m.joined_at IS NOT NULL
OPTIONAL MATCH (:Member)-[s:SHARED {joined: true}]->(m)
WITH m, count(s) > 0 AS invited
WITH substring(toString(date(m.joined_at)), 0, 7) AS month, count(*) AS joined,
     sum(CASE WHEN invited THEN 1 ELSE 0 END) AS joined_by_invitation
RETURN month, joined, joined_by_invitation
ORDER BY month
