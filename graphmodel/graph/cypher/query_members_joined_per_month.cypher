// Members joined per month, with how many of them joined through a share or invitation.
// param: community - the community id
MATCH (m:Member {community: $community, is_member: true})
WHERE m.joined_at IS NOT NULL
WITH m.joined_at AS at, EXISTS { (:Member)-[:SHARED {joined: true}]->(m) } AS invited
WITH at.year AS year, at.month AS month, count(*) AS joined, sum(CASE WHEN invited THEN 1 ELSE 0 END) AS joined_by_invitation
RETURN toString(year) + '-' + right('0' + toString(month), 2) AS month, joined, joined_by_invitation
ORDER BY month
