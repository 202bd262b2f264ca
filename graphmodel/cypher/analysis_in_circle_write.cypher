// Write a batch of circle memberships of a run.
// param: run - the run id
// param: rows (list) - {node, circle}
UNWIND $rows AS row
MATCH (m) WHERE id(m) = row.node
MATCH (c:Circle {run: $run, id: row.circle}) USING INDEX SEEK c:Circle(run, id)
CREATE (m)-[:IN_CIRCLE {run: $run}]->(c)
