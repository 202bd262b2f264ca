// Write a slice of circle memberships of a run; row i of each list.
// param: run - the run id
// param: node (list) - node ids
// param: circle (list) - the circle id of each node
UNWIND range(0, size($node) - 1) AS i
MATCH (m) WHERE id(m) = $node[i]
MATCH (c:Circle {run: $run, id: $circle[i]}) USING INDEX SEEK c:Circle(run, id)
CREATE (m)-[:IN_CIRCLE {run: $run}]->(c)
