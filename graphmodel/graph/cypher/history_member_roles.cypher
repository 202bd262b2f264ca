// One member's inferred roles in each analysis run of a community.
// param: community - the community id
// param: member - the member id
// param: runs (list) - the analysis run ids
MATCH (m:Member {community: $community, id: $member})-[h:HAS_ROLE]->(r:Role)
WHERE h.source = 'inferred' AND h.run IN $runs
RETURN h.run AS run, collect(r.name) AS roles
