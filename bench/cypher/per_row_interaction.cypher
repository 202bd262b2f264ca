// Baseline: one query per interactions.csv row, as most scripts do.
MERGE (a:Member {community: $community, id: $source})
  ON CREATE SET a:Outsider, a.is_member = false
MERGE (b:Member {community: $community, id: $target})
  ON CREATE SET b:Outsider, b.is_member = false
MERGE (a)-[r:INTERACTED {key: $key}]->(b)
SET r.type = $type, r.weight = toFloat($weight), r.at = datetime($at)
