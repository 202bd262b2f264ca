// Influence: weighted PageRank on the directed ties (a tie from a to b passes influence to b).
// param: graph - the GDS graph name
// param: damping (float) - the damping factor
CALL gds.pageRank.mutate($graph, {relationshipTypes: ['TIE'], relationshipWeightProperty: 'weight',
                                  dampingFactor: $damping, mutateProperty: 'influence', logProgress: false})
YIELD ranIterations, didConverge
RETURN ranIterations, didConverge
