// The computed node values of the analysis graph for some nodes, as one list per value in the order of $nodes.
// param: graph - the GDS graph name
// param: nodes (list) - node ids
UNWIND $nodes AS node
RETURN collect(gds.util.nodeProperty($graph, node, 'influence')) AS influence,
       collect(gds.util.nodeProperty($graph, node, 'received')) AS received,
       collect(gds.util.nodeProperty($graph, node, 'circle')) AS circle,
       collect(gds.util.nodeProperty($graph, node, 'fragment')) AS fragment,
       collect(gds.util.nodeProperty($graph, node, 'core')) AS core,
       collect(gds.util.nodeProperty($graph, node, 'betweenness')) AS betweenness,
       collect(gds.util.nodeProperty($graph, node, 'articulation')) AS articulation
