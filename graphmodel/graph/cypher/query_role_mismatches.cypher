// Members whose declared roles the latest analysis contradicts (paper leaders, hidden leaders, ...).
// param: community - the community id
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (m:Member {community: $community})
WHERE m.analysis_run = a.id AND m.role_mismatch IS NOT NULL
UNWIND m.role_mismatch AS kind
RETURN kind, m.id AS member_id, m.name AS name, m.declared_roles AS declared, m.inferred_roles AS inferred
ORDER BY kind, member_id
