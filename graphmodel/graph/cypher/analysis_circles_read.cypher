// The circles of a run with their members (members only for the latest run, whose memberships are kept).
// param: run - the analysis run id
// param: members (bool) - list each circle's members (false: an empty list)
MATCH (c:Circle) USING INDEX c:Circle(run, id)
WHERE c.run = $run AND c.id IS NOT NULL
RETURN c.id AS circle_id, c.size AS size, c.leader AS leader, c.conductance AS conductance, c.density AS density,
       CASE WHEN $members THEN COLLECT { MATCH (m:Member)-[:IN_CIRCLE {run: $run}]->(c) RETURN m.id ORDER BY m.id }
            ELSE [] END AS members
ORDER BY circle_id
