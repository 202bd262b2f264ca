// Drop an analysis graph from the GDS catalogue (no error if it is gone).
// param: graph - the GDS graph name
CALL gds.graph.drop($graph, false) YIELD graphName
RETURN graphName
