// The members of one cascade of the latest fission run, generation by generation, with who reached them.
// param: community - the community id
// param: root - the member id of the cascade's root
// param: limit (int) = 1000 - how many members
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
MATCH (m:Member {community: $community, cascade_root: $root})
WHERE m.cascade_run = r.id
RETURN m.id AS member_id, m.name AS name, m.cascade_generation AS generation,
       m.cascade_parent AS reached_by, m.cascade_reach AS downstream_reach, m.is_member AS is_member
ORDER BY generation, member_id
LIMIT $limit
