// The circles of earlier runs that still hold members (only the latest run keeps its memberships), with how many.
// param: community - the community id
// param: run - the run being written (its circles are kept)
MATCH (c:Circle {community: $community})
WHERE c.run <> $run
WITH c, COUNT { (c)<-[:IN_CIRCLE]-() } AS held
WHERE held > 0
RETURN id(c) AS node, held
