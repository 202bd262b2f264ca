// Brokerage: exact betweenness on the undirected ties (graphs up to exact_betweenness_up_to nodes; larger ones
// are estimated on the client). One record: node ids and the unordered pairs through each, as lists.
// param: graph - the GDS graph name
CALL gds.betweenness.stream($graph, {relationshipTypes: ['UTIE'], logProgress: false})
YIELD nodeId, score
RETURN collect(nodeId) AS nodes, collect(score) AS scores
