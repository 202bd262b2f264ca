// Bridges: ties whose removal splits their fragment (as node ids).
// param: graph - the GDS graph name
CALL gds.bridges.stream($graph, {relationshipTypes: ['UTIE'], logProgress: false})
YIELD from, to
RETURN from, to
