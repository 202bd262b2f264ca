// Brokerage: betweenness on the undirected ties, exact or from a seeded sample of source nodes.
// (GDS draws the sample in parallel tasks that split the seeded random in scheduling order, so a
// sampled run uses one thread: the same data then gives the same sample and the same roles.)
// param: graph - the GDS graph name
// param: sample (int) - source nodes sampled; null for exact betweenness
// param: seed (int) - the sampling seed
WITH CASE WHEN $sample IS NULL THEN {relationshipTypes: ['UTIE'], mutateProperty: 'betweenness'}
     ELSE {relationshipTypes: ['UTIE'], mutateProperty: 'betweenness', samplingSize: $sample, samplingSeed: $seed,
           concurrency: 1} END AS config
CALL gds.betweenness.mutate($graph, config)
YIELD centralityDistribution
RETURN centralityDistribution.max AS max
