// Circles: Leiden on the undirected weighted ties, seeded and single-threaded so the same input gives the same circles.
// param: graph - the GDS graph name
// param: seed (int) - the random seed
// param: gamma (float) - the resolution
CALL gds.leiden.mutate($graph, {relationshipTypes: ['UTIE'], relationshipWeightProperty: 'weight',
                                randomSeed: $seed, concurrency: 1, gamma: $gamma,
                                includeIntermediateCommunities: false, mutateProperty: 'circle', logProgress: false})
YIELD communityCount, modularity, ranLevels
RETURN communityCount, modularity, ranLevels
