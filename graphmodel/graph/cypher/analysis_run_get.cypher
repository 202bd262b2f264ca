// A finished analysis run of a community: the given one, or the latest.
// param: community - the community id
// param: run - the run id; null for the latest finished run
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WHERE $run IS NULL OR a.id = $run
RETURN a {.*} AS run
ORDER BY a.started_at DESC
LIMIT 1
