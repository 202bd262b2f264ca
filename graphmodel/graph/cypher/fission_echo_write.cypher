// Write the internal echo findings of a fission run as EchoFinding nodes linked to the run.
// param: community - the community id
// param: run - the fission run id
// param: rows - list of {kind, group, members, cascades, shares, all_shares, quarter, first_new, last_new, channel, evidence, evidence_zh, lever, lever_zh}
MATCH (r:FissionRun {id: $run})
UNWIND $rows AS row
CREATE (e:EchoFinding {community: $community, run: $run})
SET e += row
CREATE (e)-[:OF]->(r)
