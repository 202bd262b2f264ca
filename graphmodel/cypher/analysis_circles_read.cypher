// The circles of a run with their members (members only for the latest run, whose memberships are kept).
// param: run - the analysis run id
MATCH (c:Circle {run: $run})
RETURN c.id AS circle_id, c.size AS size, c.leader AS leader, c.conductance AS conductance, c.density AS density,
       COLLECT { MATCH (m:Member)-[:IN_CIRCLE {run: $run}]->(c) RETURN m.id ORDER BY m.id } AS members
ORDER BY circle_id
