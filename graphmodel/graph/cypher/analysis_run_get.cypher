// An analysis run of a community: the given one, or the latest finished.
// param: community - the community id
// param: run - the run id; null for the latest finished run
MATCH (a:AnalysisRun {community: $community})
WHERE ($run IS NULL AND a.status = 'done') OR a.id = $run
RETURN a {.*} AS run
ORDER BY a.started_at DESC
LIMIT 1
