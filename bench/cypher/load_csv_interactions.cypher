// Baseline: server-side LOAD CSV of interactions.csv with the loader's MERGE semantics (outsiders for unknown ids).
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (a:Member {community: $community, id: row.source})
    ON CREATE SET a:Outsider, a.is_member = false
  MERGE (b:Member {community: $community, id: row.target})
    ON CREATE SET b:Outsider, b.is_member = false
  MERGE (a)-[r:INTERACTED {key: $community + '|' + row.source + '|' + row.target + '|' + coalesce(row.type, 'other') + '|' + coalesce(row.at, '')}]->(b)
  SET r.type = coalesce(row.type, 'other'), r.weight = coalesce(toFloat(row.weight), 1.0),
      r.at = datetime(row.at)
} IN TRANSACTIONS OF 10000 ROWS
