// Members whose inferred roles differ between two finished analysis runs (empty run ids: the two latest).
// param: community - the community id
// param: from_run = "" - the earlier analysis run id, or empty for the second latest
// param: to_run = "" - the later analysis run id, or empty for the latest
MATCH (a:AnalysisRun {community: $community, status: 'done'})
WITH a, CASE WHEN a.as_of IS NULL THEN datetime(a.started_at)
             WHEN a.as_of IS :: DATE THEN datetime({date: a.as_of}) ELSE datetime(a.as_of) END AS seen
ORDER BY seen DESC, a.started_at DESC
WITH collect(a.id) AS runs
WITH CASE WHEN $from_run = '' THEN runs[1] ELSE $from_run END AS before,
     CASE WHEN $to_run = '' THEN runs[0] ELSE $to_run END AS after
MATCH (m:Member {community: $community})-[h:HAS_ROLE {source: 'inferred'}]->(:Role)
WHERE h.run IN [before, after]
WITH DISTINCT before, after, m
WITH before, after, m,
     COLLECT { MATCH (m)-[:HAS_ROLE {source: 'inferred', run: before}]->(r:Role) RETURN r.name ORDER BY r.name } AS roles_before,
     COLLECT { MATCH (m)-[:HAS_ROLE {source: 'inferred', run: after}]->(r:Role) RETURN r.name ORDER BY r.name } AS roles_after
WHERE roles_before <> roles_after
RETURN m.id AS member_id, m.name AS name, before AS from_run, after AS to_run, roles_before, roles_after
ORDER BY member_id
