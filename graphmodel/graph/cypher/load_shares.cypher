// Load a batch of shares.csv rows: source shared or invited, target received (endpoints exist already); the key makes reloads merge (found between the two members, not through an index).
// param: s (list) - node ids of the source nodes (column i is row i)
// param: t (list) - node ids of the target nodes
// param: at (list) - times (epoch ms, or null)
// param: channel (list) - channels
// param: joined (list) - whether the share brought the target in
// param: k (list) - relationship keys
UNWIND range(0, size($s) - 1) AS i
// endpoints by node id and without a label: with a label, a plan made from an empty database's
// statistics looked them up through the community index, scanning it for every row. The loader read
// these ids from the community's own nodes under its lock (no node of the community can be deleted
// and its id reused meanwhile), so they are not checked again here (reading the community of both
// ends cost as much as finding them); a node id is cheaper to send and to seek than an element id
MATCH (a) WHERE id(a) = $s[i]
MATCH (b) WHERE id(b) = $t[i]
MERGE (a)-[r:SHARED {key: $k[i]}]->(b)
SET r.at = CASE WHEN $at[i] IS NULL THEN null ELSE datetime.fromepochmillis($at[i]) END,
    r.channel = $channel[i], r.joined = $joined[i]
