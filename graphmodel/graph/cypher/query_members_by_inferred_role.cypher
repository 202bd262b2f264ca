// Members holding an inferred role in the latest analysis run (leader, connector, participant, lurker, ...).
// param: community - the community id
// param: role - the canonical role name
// param: limit (int) = 100 - how many members
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (m:Member {community: $community})-[:HAS_ROLE {source: 'inferred', run: a.id, role: $role}]->(:Role)
RETURN m.id AS member_id, m.name AS name, m.activity AS activity, m.influence AS influence,
       m.circle AS circle, m.declared_roles AS declared
ORDER BY activity DESC, member_id
LIMIT $limit
