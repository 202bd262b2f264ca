// Members who reached the most others downstream (first reach, earliest share wins) in the latest fission run.
// param: community - the community id
// param: limit (int) = 20 - how many members
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
MATCH (m:Member {community: $community})
WHERE m.cascade_reach > 0 AND m.cascade_run = r.id
OPTIONAL MATCH (m)-[s:SHARED]->()
WITH m, count(s) AS shares, sum(CASE WHEN s.joined THEN 1 ELSE 0 END) AS joined_after_share
RETURN m.id AS member_id, m.name AS name, m.cascade_reach AS downstream_reach,
       m.cascade_root AS cascade_root, m.cascade_generation AS generation, shares, joined_after_share
ORDER BY downstream_reach DESC, member_id
LIMIT $limit
