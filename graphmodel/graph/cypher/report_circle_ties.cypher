// The ties between the circles of a run (for the map of circles): each circle's strongest links to other circles, as circle pairs and how many member pairs join them.
// param: run - the analysis run id
MATCH (a:Circle)-[t:TIED_TO]->(b:Circle) USING INDEX a:Circle(run, id)
WHERE a.run = $run AND a.id IS NOT NULL AND t.run = $run
RETURN a.id AS source, b.id AS target, t.ties AS ties
ORDER BY source, target
