// Write the role-imbalance findings of a run.
// param: community - the community id
// param: run - the run id
// param: rows (list) - {rule, observed, expected, severity, members, message, message_zh, lever, lever_zh}
MATCH (a:AnalysisRun {id: $run})
UNWIND range(0, size($rows) - 1) AS i
WITH a, i, $rows[i] AS row
CREATE (f:Imbalance {community: $community, run: $run, position: i, rule: row.rule,
                     observed: toString(row.observed), expected: row.expected,
                     severity: row.severity, members: row.members, message: row.message,
                     message_zh: row.message_zh, lever: row.lever, lever_zh: row.lever_zh})-[:OF]->(a)
