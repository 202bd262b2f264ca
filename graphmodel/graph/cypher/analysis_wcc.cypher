// Fragments: weakly connected components of the ties.
// param: graph - the GDS graph name
CALL gds.wcc.mutate($graph, {relationshipTypes: ['UTIE'], mutateProperty: 'fragment', logProgress: false})
YIELD componentCount
RETURN componentCount
