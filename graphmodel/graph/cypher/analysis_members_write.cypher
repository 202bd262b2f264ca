// Write a slice of members' analysis figures onto their nodes (by node id); one list per property, row i of each.
// param: run - the run id
// param: node (list) - node ids
// param: influence (list) - influence of each node (null removes it)
// param: influence_rank (list) - influence_rank of each node (null removes it)
// param: activity (list) - activity of each node (null removes it)
// param: leader_score (list) - leader_score of each node (null removes it)
// param: betweenness (list) - betweenness of each node (null removes it)
// param: participation (list) - participation of each node (null removes it)
// param: within_module_z (list) - within_module_z of each node (null removes it)
// param: brokerage_role (list) - brokerage_role of each node (null removes it)
// param: circle (list) - circle of each node (null removes it)
// param: core (list) - core of each node (null removes it)
// param: fragment (list) - fragment of each node (null removes it)
// param: is_articulation (list) - is_articulation of each node (null removes it)
// param: inferred_roles (list) - inferred_roles of each node (null removes it)
// param: evidence (list) - evidence of each node (null removes it)
// param: evidence_zh (list) - evidence_zh of each node (null removes it)
// param: connector_evidence (list) - connector_evidence of each node (null removes it)
// param: connector_evidence_zh (list) - connector_evidence_zh of each node (null removes it)
// param: role_mismatch (list) - role_mismatch of each node (null removes it)
// param: active (list) - whether each node was active in the window
// param: last_active (list) - each node's last interaction initiated before the end (epoch ms; null: none)
UNWIND range(0, size($node) - 1) AS i
MATCH (m) WHERE id(m) = $node[i]
SET m.analysis_run = $run, m.influence = $influence[i], m.influence_rank = $influence_rank[i],
    m.activity = $activity[i], m.leader_score = $leader_score[i], m.betweenness = $betweenness[i],
    m.participation = $participation[i], m.within_module_z = $within_module_z[i],
    m.brokerage_role = $brokerage_role[i], m.circle = $circle[i], m.core = $core[i], m.fragment = $fragment[i],
    m.is_articulation = $is_articulation[i], m.inferred_roles = $inferred_roles[i],
    m.evidence = $evidence[i], m.evidence_zh = $evidence_zh[i],
    m.connector_evidence = $connector_evidence[i], m.connector_evidence_zh = $connector_evidence_zh[i],
    m.role_mismatch = $role_mismatch[i], m.active = $active[i],
    m.last_active = CASE WHEN $last_active[i] IS NULL THEN null ELSE datetime.fromepochmillis($last_active[i]) END
