// Remove abandoned analysis runs with their circles, circle events and findings (after their ties are gone).
// param: community - the community id
// param: runs (list) - the abandoned run ids
MATCH (a:AnalysisRun {community: $community})
WHERE a.id IN $runs
OPTIONAL MATCH (x)-[:OF]->(a)
WHERE x:Circle OR x:Imbalance OR x:CircleEvent
DETACH DELETE x, a
