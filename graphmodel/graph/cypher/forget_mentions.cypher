// The nodes of a community whose properties name a member by id (a value, a list element or a text containing it), with those properties: what forgetting the member scrubs.
// param: community - the community id
// param: member - the member id
MATCH (n)
WHERE n.community = $community AND NOT n:Tombstone AND NOT n:JobLock
WITH n, [key IN keys(n) WHERE NOT key IN ['id', 'community'] AND NOT (n:Member AND key = 'name') AND (
       n[key] = $member
       OR (valueType(n[key]) STARTS WITH 'STRING' AND n[key] CONTAINS $member)
       OR (valueType(n[key]) STARTS WITH 'LIST<STRING' AND any(x IN n[key] WHERE x CONTAINS $member)))] AS named
WHERE size(named) > 0
RETURN elementId(n) AS node, n:Member AS is_member, n.name AS name, [key IN named | [key, n[key]]] AS properties
