// Articulation points: members whose removal splits their fragment.
// param: graph - the GDS graph name
CALL gds.articulationPoints.mutate($graph, {relationshipTypes: ['UTIE'], mutateProperty: 'articulation', logProgress: false})
YIELD articulationPointCount
RETURN articulationPointCount
