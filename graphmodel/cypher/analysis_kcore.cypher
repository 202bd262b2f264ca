// The committed core: k-core number of every member on the undirected ties.
// param: graph - the GDS graph name
CALL gds.kcore.mutate($graph, {relationshipTypes: ['UTIE'], mutateProperty: 'core', logProgress: false})
YIELD degeneracy
RETURN degeneracy
