// Load a batch of interactions.csv rows (endpoints exist already); the key makes reloads merge (found between the two members, not through an index).
// param: s (list) - node ids of the source nodes (column i is row i)
// param: t (list) - node ids of the target nodes
// param: type (list) - interaction types
// param: w (list) - weights
// param: at (list) - times (epoch ms, or null)
// param: k (list) - relationship keys
UNWIND range(0, size($s) - 1) AS i
// endpoints by node id and without a label: with a label, a plan made from an empty database's
// statistics looked them up through the community index, scanning it for every row. The loader read
// these ids from the community's own nodes under its lock (no node of the community can be deleted
// and its id reused meanwhile), so they are not checked again here (reading the community of both
// ends cost as much as finding them); a node id is cheaper to send and to seek than an element id
MATCH (a) WHERE id(a) = $s[i]
MATCH (b) WHERE id(b) = $t[i]
MERGE (a)-[r:INTERACTED {key: $k[i]}]->(b)
SET r.type = $type[i], r.weight = $w[i],
    r.at = CASE WHEN $at[i] IS NULL THEN null ELSE datetime.fromepochmillis($at[i]) END
