// Add the undirected version of the ties (weights of both directions summed) for circles and brokerage.
// param: graph - the GDS graph name
CALL gds.graph.relationships.toUndirected($graph, {relationshipType: 'TIE', mutateRelationshipType: 'UTIE', aggregation: 'SUM', logProgress: false})
YIELD relationshipsWritten
RETURN relationshipsWritten
