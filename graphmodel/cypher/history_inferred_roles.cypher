// The inferred roles of some analysis runs: per run and role, the members holding it (as lists, fast to stream).
// param: community - the community id
// param: runs (list) - the analysis run ids
MATCH (m:Member {community: $community})-[h:HAS_ROLE]->(r:Role)
WHERE h.source = 'inferred' AND h.run IN $runs
RETURN h.run AS run, r.name AS role, collect(m.id) AS members
