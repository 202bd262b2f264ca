// Which of these share keys are already in the graph (a fresh load met a repeated row).
// param: keys (list) - relationship keys
UNWIND $keys AS key
MATCH ()-[r:SHARED {key: key}]->()
RETURN collect(key) AS keys
