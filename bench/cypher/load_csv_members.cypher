// Baseline: server-side LOAD CSV of members.csv with the loader's MERGE semantics.
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (c:Community {id: $community})
  MERGE (m:Member {community: $community, id: row.member_id})
  SET m.name = row.name, m.is_member = coalesce(toBoolean(row.is_member), true),
      m.joined_at = datetime(row.joined_at)
  MERGE (m)-[j:MEMBER_OF]->(c)
  SET j.joined_at = m.joined_at
} IN TRANSACTIONS OF 10000 ROWS
