// Every member's inferred roles in a run and declared roles.
// param: community - the community id
// param: run - the analysis run id
MATCH (m:Member {community: $community})
RETURN m.id AS member_id,
       COLLECT { MATCH (m)-[:HAS_ROLE {source: 'inferred', run: $run}]->(r:Role) RETURN r.name } AS inferred,
       COLLECT { MATCH (m)-[:HAS_ROLE {source: 'declared'}]->(r:Role) RETURN DISTINCT r.name } AS declared
