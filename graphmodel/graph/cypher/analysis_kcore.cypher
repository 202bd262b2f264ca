// The committed core: k-core number of every member on the undirected ties, on one thread: the numbers are
// the same on any number of threads, and GDS's parallel rounds are far slower than one thread here.
// param: graph - the GDS graph name
CALL gds.kcore.mutate($graph, {relationshipTypes: ['UTIE'], mutateProperty: 'core', concurrency: 1, logProgress: false})
YIELD degeneracy
RETURN degeneracy
