// Estimate the memory of the analysis: projection, PageRank, Leiden and betweenness on a graph of this size.
// param: nodes (int) - node count
// param: relationships (int) - relationship count (both directions for the undirected graph)
WITH {nodeCount: $nodes, relationshipCount: $relationships, nodeProjection: '*', relationshipProjection: '*'} AS size
CALL gds.graph.project.estimate('*', '*', {nodeCount: $nodes, relationshipCount: $relationships}) YIELD bytesMax AS projection
CALL gds.pageRank.mutate.estimate(size, {mutateProperty: 'x'}) YIELD bytesMax AS pagerank
CALL gds.leiden.mutate.estimate(size, {mutateProperty: 'x'}) YIELD bytesMax AS leiden
CALL gds.betweenness.mutate.estimate(size, {mutateProperty: 'x'}) YIELD bytesMax AS betweenness
RETURN projection, pagerank, leiden, betweenness
