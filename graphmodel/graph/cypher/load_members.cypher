// Load a batch of members.csv rows: the member node, membership or outsider label, declared roles; each node's id.
// param: community - the community id
// param: rows (list) - validated rows {id, name, joined_at (epoch ms), is_member, roles, role_keys, threshold, left_at (epoch ms), left_reason}
// param: drop_names (bool) - remove the member's stored name (a load that drops names)
UNWIND $rows AS row
MATCH (c:Community {id: $community})
MERGE (m:Member {community: $community, id: row.id})
SET m.name = CASE WHEN $drop_names THEN null ELSE coalesce(row.name, m.name) END,
    m.joined_at = CASE WHEN row.joined_at IS NULL THEN m.joined_at ELSE datetime.fromepochmillis(row.joined_at) END,
    m.is_member = row.is_member,
    m.threshold = coalesce(row.threshold, m.threshold),
    m.left_at = CASE WHEN row.left_at IS NULL THEN m.left_at ELSE datetime.fromepochmillis(row.left_at) END,
    m.left_reason = CASE WHEN row.left_at IS NULL THEN m.left_reason ELSE row.left_reason END,
    m.declared_roles = CASE WHEN size(row.roles) = 0 THEN m.declared_roles ELSE row.roles END
FOREACH (_ IN CASE WHEN row.is_member THEN [1] ELSE [] END |
  REMOVE m:Outsider
  MERGE (m)-[j:MEMBER_OF]->(c)
  SET j.joined_at = m.joined_at)
FOREACH (_ IN CASE WHEN row.is_member THEN [] ELSE [1] END | SET m:Outsider)
WITH m, row
CALL (m, row) {
  UNWIND range(0, size(row.roles) - 1) AS i
  MATCH (r:Role {name: row.roles[i]})
  MERGE (m)-[h:HAS_ROLE {key: row.role_keys[i]}]->(r)
  SET h.community = $community, h.role = r.name, h.source = 'declared'
}
RETURN row.id AS id, id(m) AS node
