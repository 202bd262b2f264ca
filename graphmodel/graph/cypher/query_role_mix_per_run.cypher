// How many members held each inferred role in each finished analysis run, oldest run first (a member may hold several).
// param: community - the community id
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a, CASE WHEN a.as_of IS NULL THEN datetime(a.started_at)
             WHEN a.as_of IS :: DATE THEN datetime({date: a.as_of}) ELSE datetime(a.as_of) END AS seen
MATCH (m:Member {community: $community})-[h:HAS_ROLE {source: 'inferred', run: a.id}]->(r:Role)
RETURN a.id AS run, seen, r.name AS role, r.zh AS role_zh, count(DISTINCT m) AS members
ORDER BY seen, run, members DESC, role
