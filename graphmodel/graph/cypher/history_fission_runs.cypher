// The fission runs of a community, oldest first, with their headline figures.
// param: community - the community id
MATCH (f:FissionRun {community: $community})
WHERE f.status = 'done'
RETURN f.id AS run, f.as_of AS as_of, f.started_at AS started_at, f.cascades AS cascades,
       f.reached AS reached, f.joins AS joins, f.largest AS largest, f.max_depth AS max_depth,
       f.mean_virality AS mean_virality, f.deep_cascades AS deep_cascades,
       f.critical_headcount AS critical_headcount
ORDER BY f.started_at
