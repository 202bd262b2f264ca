// Write the circles of a run (their leaders come later: analysis_circle_leaders_write).
// param: community - the community id
// param: run - the run id
// param: rows (list) - {id, size, conductance, density, members}: members are member ids, kept to match the circles of later runs
MATCH (a:AnalysisRun {id: $run})
UNWIND $rows AS row
CREATE (c:Circle {community: $community, run: $run, id: row.id, size: row.size, conductance: row.conductance,
                  density: row.density, members: row.members})-[:OF]->(a)
