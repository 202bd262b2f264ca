// The role-imbalance findings of the latest analysis run, most severe first, with the operator's lever.
// param: community - the community id
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a ORDER BY a.started_at DESC LIMIT 1
MATCH (f:Imbalance {run: a.id})
RETURN f.severity AS severity, f.rule AS rule, f.observed AS observed, f.expected AS expected,
       f.message AS message, f.lever AS lever, size(f.members) AS members_concerned
ORDER BY f.position
