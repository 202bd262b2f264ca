// Brokerage: betweenness on the undirected ties, exact or from a seeded sample of source nodes.
// param: graph - the GDS graph name
// param: sample (int) - source nodes sampled; null for exact betweenness
// param: seed (int) - the sampling seed
WITH CASE WHEN $sample IS NULL THEN {relationshipTypes: ['UTIE'], mutateProperty: 'betweenness'}
     ELSE {relationshipTypes: ['UTIE'], mutateProperty: 'betweenness', samplingSize: $sample, samplingSeed: $seed} END AS config
CALL gds.betweenness.mutate($graph, config)
YIELD centralityDistribution
RETURN centralityDistribution.max AS max
