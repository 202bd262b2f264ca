// Record the start of a fission run of a community (its Cascade nodes and member results point to it).
// param: community - the community id
// param: run - the new run id
// param: as_of - the --as-of value as given, or null
// param: cutoff (datetime) - exclusive end of the analysed period, or null
// param: version - the graphmodel version
// param: options - the norms and knobs used, as a map
MATCH (c:Community {id: $community})
CREATE (r:FissionRun {id: $run, community: $community, started_at: datetime(), as_of: $as_of,
                      cutoff: $cutoff, version: $version, status: 'running'})
SET r += $options
CREATE (r)-[:OF]->(c)
RETURN r.id AS run
