// Write a slice of inferred roles of one run (one HAS_ROLE per member and role); row i of each list.
// param: community - the community id
// param: run - the run id
// param: node (list) - node ids
// param: roles (list) - per node, its role names
UNWIND range(0, size($node) - 1) AS i
MATCH (m) WHERE id(m) = $node[i]
UNWIND $roles[i] AS name
MATCH (r:Role {name: name})
CREATE (m)-[:HAS_ROLE {community: $community, role: name, source: 'inferred', run: $run}]->(r)
