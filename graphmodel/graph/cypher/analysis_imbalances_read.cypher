// The role-imbalance findings of a run, most severe first.
// param: run - the analysis run id
MATCH (f:Imbalance {run: $run})
RETURN f {.*} AS finding
ORDER BY f.position
