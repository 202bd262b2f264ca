// Write what became of the circles between a run and the run before it in time order.
// param: community - the community id
// param: run - the later run (the events are its)
// param: run_before - the earlier run
// param: rows (list) - {event, before, after, overlap, shared, moved, joined, moved_members}
MATCH (a:AnalysisRun {id: $run})
UNWIND range(0, size($rows) - 1) AS i
WITH a, i, $rows[i] AS row
CREATE (:CircleEvent {community: $community, run: $run, run_before: $run_before, position: i, event: row.event,
                      before: row.before, after: row.after, overlap: row.overlap, shared: row.shared,
                      moved: row.moved, joined: row.joined, moved_members: row.moved_members})-[:OF]->(a)
