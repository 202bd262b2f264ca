// Remove cascade results of earlier fission runs from members not in the latest run's forest.
// param: community - the community id
// param: run - the latest fission run id
MATCH (m:Member {community: $community})
WHERE m.cascade_run IS NOT NULL AND m.cascade_run <> $run
CALL (m) {
  REMOVE m.cascade_root, m.cascade_generation, m.cascade_parent, m.cascade_reach, m.cascade_run
} IN TRANSACTIONS OF 10000 ROWS
RETURN count(*) AS cleared
