// Record the start of a job run.
// param: id - the run id
// param: community - the community id
// param: job - the job name
// param: versions - JSON of graphmodel, Neo4j and GDS versions
// param: spec - JSON of the job's steps
MERGE (c:Community {id: $community})
CREATE (r:JobRun {id: $id, community: $community, job: $job, status: 'running',
                  started_at: datetime(), versions: $versions, spec: $spec})
CREATE (r)-[:OF]->(c)
RETURN r.id AS id
