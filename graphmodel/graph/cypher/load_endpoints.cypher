// Make sure every member an edge batch refers to exists; ids not loaded as members become outsiders.
// param: community - the community id
// param: ids (list) - member ids
UNWIND $ids AS id
MERGE (m:Member {community: $community, id: id})
  ON CREATE SET m:Outsider, m.is_member = false
RETURN id, id(m) AS node
