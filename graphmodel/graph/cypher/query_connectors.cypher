// The connectors of the latest analysis run (members and outsiders who bridge), by betweenness.
// param: community - the community id
// param: limit (int) = 20 - how many connectors
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (m:Member {community: $community})-[:HAS_ROLE {source: 'inferred', run: a.id, role: 'connector'}]->(:Role)
RETURN m.id AS member_id, m.name AS name, NOT coalesce(m.is_member, true) AS external,
       m.betweenness AS betweenness, m.participation AS participation, m.brokerage_role AS brokerage_role,
       m.is_articulation AS is_articulation, m.connector_evidence AS evidence, a.id AS analysis_run
ORDER BY betweenness DESC, member_id
LIMIT $limit
