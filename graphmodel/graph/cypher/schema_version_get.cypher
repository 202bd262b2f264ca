// The schema version recorded in the graph (no row before `graphmodel init`).
MATCH (s:GraphModelSchema {name: 'graphmodel'})
RETURN s.version AS version, s.fingerprint AS fingerprint
