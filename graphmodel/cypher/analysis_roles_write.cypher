// Write a batch of inferred roles of one run (one HAS_ROLE per member and role).
// param: community - the community id
// param: run - the run id
// param: rows (list) - {node, roles: [role names]}
UNWIND $rows AS row
MATCH (m) WHERE id(m) = row.node
UNWIND row.roles AS name
MATCH (r:Role {name: name})
CREATE (m)-[:HAS_ROLE {community: $community, role: name, source: 'inferred', run: $run}]->(r)
