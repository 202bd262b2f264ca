// Weighted in-degree on the directed ties (how much attention a member receives).
// param: graph - the GDS graph name
CALL gds.degree.mutate($graph, {relationshipTypes: ['TIE'], orientation: 'REVERSE',
                                relationshipWeightProperty: 'weight', mutateProperty: 'received', logProgress: false})
YIELD nodePropertiesWritten
RETURN nodePropertiesWritten
