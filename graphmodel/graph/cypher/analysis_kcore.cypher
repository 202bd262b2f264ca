// The committed core: k-core number of every member on the undirected ties, on one thread: the numbers are
// the same on any number, and GDS's parallel rounds took 2.0-3.8 s at 100k members on 2 cores (0.03 s on one).
// param: graph - the GDS graph name
CALL gds.kcore.mutate($graph, {relationshipTypes: ['UTIE'], mutateProperty: 'core', concurrency: 1, logProgress: false})
YIELD degeneracy
RETURN degeneracy
