// Write a slice of the members at risk of a run: one AT_RISK relationship from each to the run; row i of each list.
// param: community - the community id
// param: run - the run id
// param: node (list) - node ids of the members
// param: score (list) - what is at stake
// param: reasons (list) - per member, the kinds of reason
// param: evidence (list) - per member, the evidence of each reason (English)
// param: evidence_zh (list) - per member, the evidence of each reason (Chinese)
// param: levers (list) - per member, the lever of each reason (English)
// param: levers_zh (list) - per member, the lever of each reason (Chinese)
// param: circles (list) - per member, the circles concerned
MATCH (a:AnalysisRun {id: $run})
UNWIND range(0, size($node) - 1) AS i
MATCH (m) WHERE id(m) = $node[i]
CREATE (m)-[:AT_RISK {community: $community, run: $run, score: $score[i], reasons: $reasons[i],
                      evidence: $evidence[i], evidence_zh: $evidence_zh[i], levers: $levers[i],
                      levers_zh: $levers_zh[i], circles: $circles[i]}]->(a)
