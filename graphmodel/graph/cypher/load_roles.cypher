// Load a batch of roles.csv rows: declared roles with their validity (endpoints exist already).
// param: community - the community id
// param: rows (list) - validated rows {id, role, since, until (epoch ms), k}
UNWIND $rows AS row
MATCH (m:Member {community: $community, id: row.id}) USING INDEX SEEK m:Member(community, id)
MATCH (r:Role {name: row.role})
MERGE (m)-[h:HAS_ROLE {key: row.k}]->(r)
SET h.community = $community, h.role = r.name, h.source = 'declared',
    h.since = CASE WHEN row.since IS NULL THEN null ELSE datetime.fromepochmillis(row.since) END,
    h.until = CASE WHEN row.until IS NULL THEN null ELSE datetime.fromepochmillis(row.until) END
