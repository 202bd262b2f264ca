// Write the matches between the circles of a run and those of the next run in time order.
// param: community - the community id
// param: before - the earlier run
// param: after - the later run
// param: rows (list) - {before, after, event, overlap, shared}: circle ids, the event the match is part of, Jaccard overlap, shared members
UNWIND $rows AS row
MATCH (a:Circle {run: $before, id: row.before}) USING INDEX SEEK a:Circle(run, id)
MATCH (b:Circle {run: $after, id: row.after}) USING INDEX SEEK b:Circle(run, id)
CREATE (a)-[:BECAME {community: $community, run: $after, event: row.event, overlap: row.overlap,
                     shared: row.shared}]->(b)
