// Write a batch of members' analysis figures onto their nodes (by node id).
// param: rows (list) - {node, props: {influence, influence_rank, activity, leader_score, betweenness, ...}}
UNWIND $rows AS row
MATCH (m) WHERE id(m) = row.node
SET m += row.props
