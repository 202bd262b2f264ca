// The circles of the latest analysis run: size, leader, cohesion.
// param: community - the community id
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (c:Circle {run: a.id})
RETURN c.id AS circle, c.size AS size, c.leader AS leader, c.conductance AS conductance,
       c.density AS density, a.id AS analysis_run
ORDER BY circle
