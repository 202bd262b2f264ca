// What became of the circles from each analysis run to the next in time order (form, continue, grow, shrink, split, merge, dissolve), with the overlap and the members who moved.
// param: community - the community id
// param: limit (int) = 500 - how many events
MATCH (e:CircleEvent {community: $community})-[:OF]->(a:AnalysisRun)
WHERE a.status = 'done'
WITH e, a, CASE WHEN a.as_of IS NULL THEN datetime(a.started_at)
                WHEN a.as_of IS :: DATE THEN datetime({date: a.as_of}) ELSE datetime(a.as_of) END AS seen
RETURN e.run_before AS run_before, e.run AS run_after, seen, e.event AS event, e.before AS before,
       e.after AS after, e.overlap AS overlap, e.shared AS shared, e.moved AS moved, e.joined AS joined,
       e.moved_members AS moved_members
ORDER BY seen, a.started_at, e.position
LIMIT $limit
