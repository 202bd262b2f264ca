// Remove the inferred roles and circle memberships written by abandoned analysis runs (in batches).
// param: community - the community id
// param: runs (list) - the abandoned run ids
MATCH (:Member {community: $community})-[h:HAS_ROLE|IN_CIRCLE]->()
WHERE h.run IN $runs
CALL (h) { DELETE h } IN TRANSACTIONS OF 10000 ROWS
