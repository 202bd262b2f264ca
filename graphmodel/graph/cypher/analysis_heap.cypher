// The server's JVM heap: maximum and used bytes (GDS graphs and algorithms live there).
CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes
RETURN attributes.HeapMemoryUsage.value.properties.max AS max,
       attributes.HeapMemoryUsage.value.properties.used AS used
