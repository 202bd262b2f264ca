// Members who hold a declared role now (canonical names: leader, manager, seed_user, ...).
// param: community - the community id
// param: role - the canonical role name (manager, leader, executor, follower, connector, contributor, seed_user, participant, lurker)
MATCH (m:Member {community: $community})-[h:HAS_ROLE {source: 'declared'}]->(r:Role {name: $role})
WHERE h.until IS NULL OR h.until > datetime()
RETURN m.id AS member_id, m.name AS name, r.en AS role, r.zh AS role_zh, h.since AS since
ORDER BY member_id
