// Write a tiny demo community (idempotent): a leader, her repliers and one outsider who invited her.
// param: community - the community id
MERGE (c:Community {id: $community}) ON CREATE SET c.name = '示例社群 demo'
WITH c
UNWIND range(0, 11) AS i
MERGE (m:Member {community: $community, id: 'm' + i})
  ON CREATE SET m.name = 'member ' + i, m.is_member = i < 11
WITH c, m, i
FOREACH (_ IN CASE WHEN m.is_member THEN [1] ELSE [] END | MERGE (m)-[:MEMBER_OF]->(c))
WITH collect(m) AS ms
UNWIND range(1, 10) AS i
WITH ms, ms[i] AS replier, ms[0] AS leader, i
MERGE (replier)-[r:INTERACTED {key: $community + '/demo/' + i}]->(leader)
  ON CREATE SET r.type = 'reply', r.weight = 1.0
WITH DISTINCT ms
WITH ms[11] AS outsider, ms[0] AS leader
SET outsider:Outsider
MERGE (outsider)-[s:SHARED {key: $community + '/demo/invite'}]->(leader)
  ON CREATE SET s.joined = true
RETURN 12 AS members
