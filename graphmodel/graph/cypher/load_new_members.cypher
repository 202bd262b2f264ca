// Load a batch of members.csv rows into a community that held no members before this load: CREATE (the loader holds the community's lock and sends no member twice; a repeated row goes through load_members); each node's id.
// param: community - the community id
// param: rows (list) - validated rows {id, name, joined_at (epoch ms), is_member, roles, role_keys, threshold, left_at (epoch ms), left_reason}
MATCH (c:Community {id: $community})
UNWIND $rows AS row
CREATE (m:Member {community: $community, id: row.id, name: row.name, is_member: row.is_member,
                  threshold: row.threshold, declared_roles: CASE WHEN size(row.roles) = 0 THEN null ELSE row.roles END,
                  joined_at: CASE WHEN row.joined_at IS NULL THEN null ELSE datetime.fromepochmillis(row.joined_at) END,
                  left_at: CASE WHEN row.left_at IS NULL THEN null ELSE datetime.fromepochmillis(row.left_at) END,
                  left_reason: row.left_reason})
FOREACH (_ IN CASE WHEN row.is_member THEN [1] ELSE [] END | CREATE (m)-[:MEMBER_OF {joined_at: m.joined_at}]->(c))
FOREACH (_ IN CASE WHEN row.is_member THEN [] ELSE [1] END | SET m:Outsider)
WITH m, row
CALL (m, row) {
  UNWIND range(0, size(row.roles) - 1) AS i
  MATCH (r:Role {name: row.roles[i]})
  CREATE (m)-[:HAS_ROLE {key: row.role_keys[i], community: $community, role: r.name, source: 'declared'}]->(r)
}
RETURN row.id AS id, id(m) AS node
