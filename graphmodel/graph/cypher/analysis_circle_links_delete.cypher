// Remove the matches into a run's circles and its circle events (before the run is matched to another run before it).
// param: run - the later run
MATCH (a:AnalysisRun {id: $run})
CALL (a) {
  MATCH (a)<-[:OF]-(:Circle)<-[b:BECAME]-()
  DELETE b
}
CALL (a) {
  MATCH (a)<-[:OF]-(e:CircleEvent)
  DETACH DELETE e
}
