// The circle events of some analysis runs (what became of the circles since the run before each), in each run's order.
// param: runs (list) - the analysis run ids
UNWIND $runs AS run
MATCH (:AnalysisRun {id: run})<-[:OF]-(e:CircleEvent)
RETURN e {.*} AS event
ORDER BY run, e.position
