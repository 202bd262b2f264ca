// Load a batch of interactions.csv rows into a community that had none before this load: CREATE (the loader holds the community's lock and sends no key twice; repeats go through load_interactions).
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
CREATE (a)-[:INTERACTED {key: $k[i], type: $type[i], weight: $w[i],
                         at: CASE WHEN $at[i] IS NULL THEN null ELSE datetime.fromepochmillis($at[i]) END}]->(b)
