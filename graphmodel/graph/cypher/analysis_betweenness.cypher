// Brokerage: betweenness on the undirected ties, exact, or from a seeded sample of source nodes on one
// thread (GDS draws a sample in parallel tasks that split the seeded random in scheduling order; on one
// thread the same data gives the same sample). One record: node ids and scores as lists.
// param: graph - the GDS graph name
// param: sample (int) - source nodes sampled; null for exact betweenness
// param: seed (int) - the sampling seed
WITH CASE WHEN $sample IS NULL THEN {relationshipTypes: ['UTIE'], logProgress: false}
     ELSE {relationshipTypes: ['UTIE'], samplingSize: $sample, samplingSeed: $seed, concurrency: 1,
           logProgress: false} END AS config
CALL gds.betweenness.stream($graph, config)
YIELD nodeId, score
RETURN collect(nodeId) AS nodes, collect(score) AS scores
