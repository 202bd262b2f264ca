// Record the end of an analysis run with its headline figures; the time it finished.
// param: run - the run id
// param: status - done or failed
// param: figures (map) - members, outsiders, relationships, circles, modularity, betweenness_method, betweenness_error,
//   betweenness_confidence, betweenness_samples, figures (JSON text)
MATCH (a:AnalysisRun {id: $run})
SET a += $figures, a.status = $status, a.finished_at = datetime()
RETURN a.id AS run, a.finished_at AS finished_at
