// The latest finished analysis run of a community that looked at data before a cutoff (its inferred roles and circles apply).
// param: community - the community id
// param: cutoff (datetime) - exclusive end of the analysed period; null for the latest run
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a, CASE WHEN a.as_of IS NULL THEN datetime(a.started_at)
             WHEN a.as_of IS :: DATE THEN datetime({date: a.as_of}) ELSE datetime(a.as_of) END AS seen
WHERE $cutoff IS NULL OR seen < $cutoff
RETURN a.id AS run, seen
ORDER BY seen DESC, a.started_at DESC
LIMIT 1
