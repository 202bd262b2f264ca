// Conductance of every circle: the share of its members' tie weight that leaves it (lower is more cohesive).
// param: graph - the GDS graph name
CALL gds.conductance.stream($graph, {relationshipTypes: ['UTIE'], relationshipWeightProperty: 'weight',
                                     communityProperty: 'circle', logProgress: false})
YIELD community, conductance
RETURN community, conductance
