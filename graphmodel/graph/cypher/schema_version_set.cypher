// Record the schema version and the role vocabulary in the graph.
// param: version - the schema version graphmodel writes
// param: roles - the role vocabulary as maps {name, en, zh, family}
// param: fingerprint - a hash of the schema statements, to notice a changed schema
MERGE (s:GraphModelSchema {name: 'graphmodel'})
SET s.version = $version, s.fingerprint = $fingerprint, s.updated_at = datetime()
WITH s
UNWIND $roles AS role
MERGE (r:Role {name: role.name})
SET r.en = role.en, r.zh = role.zh, r.family = role.family
RETURN count(r) AS roles
