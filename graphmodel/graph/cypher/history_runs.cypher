// The finished analysis runs of a community in time order (the time each looked from: its as_of, else its start), up to a cutoff.
// param: community - the community id
// param: cutoff (datetime) - exclusive end: only runs that looked from before it; null for all
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a, CASE WHEN a.as_of IS NULL THEN datetime(a.started_at)
             WHEN a.as_of IS :: DATE THEN datetime({date: a.as_of}) ELSE datetime(a.as_of) END AS seen
WHERE $cutoff IS NULL OR seen < $cutoff
RETURN a.id AS run, seen, a.as_of AS as_of, a.started_at AS started_at
ORDER BY seen, a.started_at, a.id
