// Forget a member: keep a tombstone (a digest of the community and member id, so that loads skip them), remove their node with every relationship, and the cascades rooted at them.
// param: community - the community id
// param: member - the member id
// param: digest - the tombstone's digest of the community and the member id
MATCH (c:Community {id: $community})
MERGE (t:Tombstone {community: $community, digest: $digest})
  ON CREATE SET t.forgotten_at = datetime()
WITH c
OPTIONAL MATCH (m:Member {community: $community, id: $member})
WITH m, m IS NOT NULL AS found, m.name AS name, CASE WHEN m IS NULL THEN 0 ELSE COUNT { (m)--() } END AS relationships
OPTIONAL MATCH (x:Cascade {community: $community, root: $member})
WITH m, found, name, relationships, collect(x) AS cascades
FOREACH (x IN cascades | DETACH DELETE x)
DETACH DELETE m
RETURN found, name, relationships, size(cascades) AS cascades
