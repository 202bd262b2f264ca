// The headline figures of a community's finished analysis runs in time order (the time each looked from: its as_of, else its start), for trends.
// param: community - the community id
MATCH (a:AnalysisRun {community: $community})
WHERE a.status = 'done'
WITH a, CASE WHEN a.as_of IS NULL THEN datetime(a.started_at)
             WHEN a.as_of IS :: DATE THEN datetime({date: a.as_of}) ELSE datetime(a.as_of) END AS seen
RETURN a.id AS run, seen, a.members AS members, a.circles AS circles, a.at_risk AS at_risk, a.figures AS figures
ORDER BY seen, a.started_at, a.id
