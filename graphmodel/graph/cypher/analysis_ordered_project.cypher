// Copy the undirected ties of the analysis graph into a graph of its own whose nodes come in the given order (GDS numbers nodes in the order it first sees them), for betweenness.
// param: graph - the analysis graph's name
// param: ordered - the copy's name
// param: order (list) - every node id of the analysis graph, in the copy's order
CALL () {
  UNWIND $order AS a
  RETURN a, null AS b
  UNION ALL
  CALL gds.graph.relationships.stream($graph, ['UTIE'])
  YIELD sourceNodeId AS a, targetNodeId AS b
  // each undirected tie is streamed in both directions; the copy is undirected, so one is enough
  WITH a, b WHERE a < b
  RETURN a, b
}
WITH gds.graph.project($ordered, a, b, {relationshipType: 'UTIE'},
                       {undirectedRelationshipTypes: ['UTIE'], logProgress: false}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships
