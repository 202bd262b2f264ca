// The inferred roles of some analysis runs: per run and role, the members holding it (as lists, fast to stream).
// param: community - the community id
// param: runs (list) - the analysis run ids
MATCH (m:Member)-[h:HAS_ROLE]->(r:Role) USING INDEX h:HAS_ROLE(run)
WHERE h.run IN $runs AND h.source = 'inferred' AND m.community = $community
RETURN h.run AS run, r.name AS role, collect(m.id) AS members
