// The leaders among the members of one circle of the latest analysis run.
// param: community - the community id
// param: circle (int) - the circle id
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (m:Member {community: $community})-[:IN_CIRCLE {run: a.id}]->(:Circle {run: a.id, id: $circle})
WHERE EXISTS { (m)-[:HAS_ROLE {source: 'inferred', run: a.id, role: 'leader'}]->() }
RETURN m.id AS member_id, m.name AS name, m.leader_score AS score, m.evidence AS evidence
ORDER BY score DESC, member_id
