// The latest finished analysis run of a community: its size and how its betweenness was found.
MATCH (a:AnalysisRun {community: $community, status: 'done'})
RETURN a.id AS run, a.members AS members, a.relationships AS relationships,
       a.betweenness_method AS betweenness_method, a.betweenness_samples AS betweenness_samples,
       a.betweenness_error AS betweenness_error
ORDER BY a.started_at DESC
LIMIT 1
