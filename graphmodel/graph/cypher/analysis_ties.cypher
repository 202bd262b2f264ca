// The directed ties of the analysis graph as two parallel lists of node ids (one record: fast to stream).
// param: graph - the GDS graph name
CALL gds.graph.relationshipProperty.stream($graph, 'weight', ['TIE'])
YIELD sourceNodeId, targetNodeId
RETURN collect(sourceNodeId) AS a, collect(targetNodeId) AS b
