// Which of these interaction keys are already in the graph (a fresh load met a repeated row).
// param: keys (list) - relationship keys
UNWIND $keys AS key
MATCH ()-[r:INTERACTED {key: key}]->()
RETURN collect(key) AS keys
