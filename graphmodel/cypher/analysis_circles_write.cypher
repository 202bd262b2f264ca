// Write the circles of a run.
// param: community - the community id
// param: run - the run id
// param: rows (list) - {id, size, leader, conductance, density}
MATCH (a:AnalysisRun {id: $run})
UNWIND $rows AS row
CREATE (c:Circle {community: $community, run: $run, id: row.id, size: row.size, leader: row.leader,
                  conductance: row.conductance, density: row.density})-[:OF]->(a)
