// Write the fraud signals of a fission run as FissionFlag nodes linked to the run (batch of rows; member or channel names what is flagged).
// param: community - the community id
// param: run - the fission run id
// param: rows - list of {member, channel, kind, label, label_zh, evidence, evidence_zh, members}
MATCH (r:FissionRun {id: $run})
UNWIND $rows AS row
CREATE (f:FissionFlag {community: $community, run: $run})
SET f += row
CREATE (f)-[:OF]->(r)
