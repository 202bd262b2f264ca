// Remove abandoned analysis runs with their circles and findings (after their ties are gone).
// param: community - the community id
// param: runs (list) - the abandoned run ids
MATCH (a:AnalysisRun {community: $community})
WHERE a.id IN $runs
OPTIONAL MATCH (x)-[:OF]->(a)
WHERE x:Circle OR x:Imbalance
DETACH DELETE x, a
