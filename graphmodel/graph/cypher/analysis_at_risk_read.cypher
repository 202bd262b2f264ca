// The members at risk of a run, most at stake first, with the reasons.
// param: run - the analysis run id
// param: limit (int) - at most this many
MATCH (m:Member)-[r:AT_RISK]->(:AnalysisRun {id: $run})
RETURN m.id AS member_id, m.name AS name, r.score AS score, r.reasons AS reasons, r.evidence AS evidence,
       r.evidence_zh AS evidence_zh, r.levers AS levers, r.levers_zh AS levers_zh, r.circles AS circles
ORDER BY score DESC, member_id
LIMIT $limit
