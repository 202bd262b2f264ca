// Record the start of a job run (linked to its community once that exists: a job's first load creates it).
// param: id - the run id
// param: community - the community id
// param: job - the job name
// param: versions - JSON of graphmodel, Neo4j and GDS versions
// param: spec - JSON of the job's steps
CREATE (r:JobRun {id: $id, community: $community, job: $job, status: 'running',
                  started_at: datetime(), versions: $versions, spec: $spec})
WITH r
OPTIONAL MATCH (c:Community {id: $community})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (r)-[:OF]->(c))
RETURN r.id AS id
