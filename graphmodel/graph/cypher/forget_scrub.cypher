// Write the scrubbed properties of nodes that named a forgotten member (a null removes the property).
// param: rows (list) - {node: element id, properties: {key: new value or null}}
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.node
SET n += row.properties
