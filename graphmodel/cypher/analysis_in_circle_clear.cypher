// Remove the circle memberships of earlier runs (only the latest run's are kept; circles keep their figures).
// param: community - the community id
MATCH (:Member {community: $community})-[r:IN_CIRCLE]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
