// The latest finished analysis run of a community: its size and betweenness sample.
MATCH (a:AnalysisRun {community: $community, status: 'done'})
RETURN a.id AS run, a.members AS members, a.relationships AS relationships,
       a.betweenness_sample AS betweenness_sample
ORDER BY a.started_at DESC
LIMIT 1
