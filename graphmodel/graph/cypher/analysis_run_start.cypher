// Record the start of an analysis run.
// param: run - the run id
// param: owner - host:pid:nonce of the process running it (to tell abandoned runs)
// param: community - the community id
// param: as_of (datetime) - the end of the analysed period; null for everything
// param: parameters - the options used, as JSON text
// param: neo4j_version - the server's version
// param: gds_version - the GDS version
// param: version - graphmodel's version
MATCH (c:Community {id: $community})
CREATE (a:AnalysisRun {id: $run, community: $community, started_at: datetime(), as_of: $as_of,
                       status: 'running', owner: $owner, parameters: $parameters, neo4j_version: $neo4j_version,
                       gds_version: $gds_version, version: $version})-[:OF]->(c)
RETURN a.id AS run
