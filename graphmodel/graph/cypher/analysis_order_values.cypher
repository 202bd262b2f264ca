// What orders the betweenness copy of the analysis graph: each node's place in the graph (rank), its circle and its number of undirected ties; one record per value, node ids and values as lists.
// param: graph - the GDS graph name
CALL gds.graph.nodeProperties.stream($graph, ['rank', 'circle'])
YIELD nodeId, nodeProperty, propertyValue
RETURN nodeProperty AS name, collect(nodeId) AS nodes, collect(propertyValue) AS values
UNION ALL
CALL gds.degree.stream($graph, {relationshipTypes: ['UTIE']})
YIELD nodeId, score
RETURN 'degree' AS name, collect(nodeId) AS nodes, collect(toInteger(score)) AS values
