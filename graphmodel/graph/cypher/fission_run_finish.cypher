// Record the end of a fission run with its headline figures.
// param: run - the fission run id
// param: figures - the summary figures, as a map of numbers and strings
MATCH (r:FissionRun {id: $run})
SET r += $figures, r.finished_at = datetime(), r.status = 'done'
RETURN r.id AS run
