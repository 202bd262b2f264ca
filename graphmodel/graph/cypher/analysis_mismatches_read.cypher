// The role mismatches of a run (the latest run's are kept on its members), with the members' inferred and declared roles.
// param: community - the community id
// param: run - the analysis run id
MATCH (m:Member {community: $community})
WHERE m.analysis_run = $run AND m.role_mismatch IS NOT NULL
RETURN m.id AS member_id, m.role_mismatch AS mismatch,
       COLLECT { MATCH (m)-[:HAS_ROLE {source: 'inferred', run: $run}]->(r:Role) RETURN r.name } AS inferred,
       COLLECT { MATCH (m)-[:HAS_ROLE {source: 'declared'}]->(r:Role) RETURN DISTINCT r.name } AS declared
ORDER BY member_id
