// Write the cascades of a fission run as Cascade nodes linked to the run and their root (batch of rows).
// param: community - the community id
// param: run - the fission run id
// param: rows - list of {root, root_class, size, depth, breadth, reproduction, shares, joins, conversion, structural_virality, started_at, last_reached_at}
MATCH (r:FissionRun {id: $run})
UNWIND $rows AS row
MATCH (m:Member {community: $community, id: row.root}) USING INDEX SEEK m:Member(community, id)
// created, not merged: the run is new, and a batch retried after an error was rolled back first
CREATE (c:Cascade {run: $run, root: row.root})
SET c += row, c.community = $community
CREATE (c)-[:OF]->(r)
CREATE (c)-[:ROOTED_AT]->(m)
