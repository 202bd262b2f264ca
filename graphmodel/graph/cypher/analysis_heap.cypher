// The server's JVM heap (GDS graphs and algorithms live there): its maximum, what is in use now, and what
// is held for certain: each heap pool's use just after its last garbage collection (what is in use now
// counts the garbage not yet collected, which can be most of the heap after a large load) plus the graphs
// in the GDS catalog (they may have been projected since), never more than what is in use now.
CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes
WITH attributes.HeapMemoryUsage.value.properties AS heap
CALL (heap) {
  CALL dbms.queryJmx('java.lang:type=MemoryPool,name=*') YIELD attributes AS pool
  WHERE pool.Type.value = 'HEAP'
  RETURN sum(coalesce(pool.CollectionUsage.value.properties.used, pool.Usage.value.properties.used)) AS collected
}
CALL () {
  CALL gds.graph.list() YIELD sizeInBytes
  RETURN sum(sizeInBytes) AS graphs
}
RETURN heap.max AS max, heap.used AS used,
       CASE WHEN collected + graphs < heap.used THEN collected + graphs ELSE heap.used END AS held
