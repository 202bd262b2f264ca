// The circles of a run with their members: the ids the circle keeps, else its memberships (runs written before circles kept them).
// param: run - the analysis run id
MATCH (c:Circle) USING INDEX c:Circle(run, id)
WHERE c.run = $run AND c.id IS NOT NULL
RETURN c.id AS circle,
       coalesce(c.members, COLLECT { MATCH (m:Member)-[:IN_CIRCLE {run: $run}]->(c) RETURN m.id }) AS members
ORDER BY circle
