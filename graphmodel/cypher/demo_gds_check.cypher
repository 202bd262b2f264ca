// Project a community's interaction graph, rank members with PageRank in GDS, drop the projection.
// param: community - the community id
// param: graph - the name of the temporary GDS graph
MATCH (a:Member {community: $community})
OPTIONAL MATCH (a)-[r:INTERACTED]->(b:Member)
WITH gds.graph.project($graph, a, b, {relationshipProperties: r {weight: coalesce(r.weight, 1.0)}}) AS g
CALL gds.pageRank.stream(g.graphName, {relationshipWeightProperty: 'weight'})
YIELD nodeId, score
WITH g, gds.util.asNode(nodeId).id AS member, score
ORDER BY score DESC, member
WITH g, collect({member: member, score: score})[0..3] AS top
CALL gds.graph.drop(g.graphName) YIELD graphName
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships, top
