// Members holding an inferred role in a run, with their figures, best first (leaders by leader score, connectors by betweenness).
// param: community - the community id
// param: run - the analysis run id
// param: role - leader or connector
// param: limit (int) - at most this many
MATCH (m:Member)-[h:HAS_ROLE]->(:Role) USING INDEX h:HAS_ROLE(run)
WHERE h.run = $run AND h.role = $role AND h.source = 'inferred' AND m.community = $community
RETURN m.id AS member_id, m.name AS name, coalesce(m.is_member, true) AS is_member,
       m.leader_score AS leader_score, m.betweenness AS betweenness, m.influence AS influence,
       m.participation AS participation, m.within_module_z AS within_module_z, m.circle AS circle,
       CASE $role WHEN 'leader' THEN m.evidence ELSE m.connector_evidence END AS evidence,
       CASE $role WHEN 'leader' THEN m.evidence_zh ELSE m.connector_evidence_zh END AS evidence_zh,
       m.analysis_run = $run AS current
ORDER BY CASE $role WHEN 'leader' THEN m.leader_score ELSE m.betweenness END DESC, m.id
LIMIT $limit
