// Circles of the latest analysis run that have no leader, largest first, with a few of their most active members.
// param: community - the community id
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (c:Circle {run: a.id})
WHERE c.leader IS NULL
RETURN c.id AS circle, c.size AS size, c.conductance AS conductance,
       COLLECT { MATCH (m:Member)-[:IN_CIRCLE {run: a.id}]->(c) RETURN m.id ORDER BY m.activity DESC, m.id LIMIT 5 }
         AS most_active
ORDER BY size DESC, circle
