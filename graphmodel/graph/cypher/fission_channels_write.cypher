// Write the quality of invitations per channel of a fission run as FissionChannel nodes linked to the run.
// param: community - the community id
// param: run - the fission run id
// param: rows - list of {channel, sharers, shares, invited, joined, activated, retained, eligible, retained_long, eligible_long, left, left_soon, downstream_joins, became_leader, flagged_joins, flags}
MATCH (r:FissionRun {id: $run})
UNWIND $rows AS row
CREATE (c:FissionChannel {community: $community, run: $run})
SET c += row
CREATE (c)-[:OF]->(r)
