// The members at risk of leaving in the latest analysis run, most at stake first, with why (reasons and evidence) and what an operator can do (levers).
// param: community - the community id
// param: limit (int) = 50 - how many members
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (m:Member)-[r:AT_RISK]->(a)
RETURN m.id AS member_id, m.name AS name, r.score AS score, r.reasons AS reasons, r.evidence AS evidence,
       r.evidence_zh AS evidence_zh, r.levers AS levers, r.levers_zh AS levers_zh, r.circles AS circles,
       a.id AS analysis_run
ORDER BY score DESC, member_id
LIMIT $limit
