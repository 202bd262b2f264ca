// Remove up to $limit of the memberships held by a slice of earlier runs' circles (circles keep their figures).
// param: node (list) - circle node ids
// param: limit (int) - at most this many memberships per transaction
UNWIND $node AS circle
MATCH (c) WHERE id(c) = circle
MATCH (c)<-[r:IN_CIRCLE]-()
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS deleted
