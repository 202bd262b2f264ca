// The computed node values of the analysis graph: one record per value, with its node ids and values as lists.
// param: graph - the GDS graph name
// param: properties (list) - the node property names
CALL gds.graph.nodeProperties.stream($graph, $properties)
YIELD nodeId, nodeProperty, propertyValue
RETURN nodeProperty AS name, collect(nodeId) AS nodes, collect(propertyValue) AS values
