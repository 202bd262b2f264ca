// Baseline: one query per members.csv row, as most scripts do.
MATCH (c:Community {id: $community})
MERGE (m:Member {community: $community, id: $id})
SET m.name = $name, m.is_member = true, m.joined_at = datetime($joined_at)
MERGE (m)-[j:MEMBER_OF]->(c)
SET j.joined_at = m.joined_at
