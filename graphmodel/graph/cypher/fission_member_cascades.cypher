// Write each member's place in the cascade forest of a fission run (batch of rows).
// param: community - the community id
// param: run - the fission run id
// param: rows - list of {id, root, generation, parent, reach}
UNWIND $rows AS row
MATCH (m:Member {community: $community, id: row.id}) USING INDEX SEEK m:Member(community, id)
SET m.cascade_root = row.root, m.cascade_generation = row.generation,
    m.cascade_parent = row.parent, m.cascade_reach = row.reach, m.cascade_run = $run
