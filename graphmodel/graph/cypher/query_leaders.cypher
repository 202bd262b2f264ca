// The opinion leaders (KOLs) of the latest analysis run, best first, with the evidence.
// param: community - the community id
// param: limit (int) = 20 - how many leaders
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (m:Member {community: $community})-[:HAS_ROLE {source: 'inferred', run: a.id, role: 'leader'}]->(:Role)
RETURN m.id AS member_id, m.name AS name, m.leader_score AS score, m.influence AS influence,
       m.circle AS circle, m.evidence AS evidence, m.evidence_zh AS evidence_zh, a.id AS analysis_run
ORDER BY score DESC, member_id
LIMIT $limit
