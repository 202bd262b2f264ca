// The analysis runs of a community that did not finish: failed, or still marked running.
// param: community - the community id
MATCH (a:AnalysisRun {community: $community})
WHERE a.status <> 'done'
RETURN a.id AS run, a.status AS status, a.owner AS owner
