// Remove the inviter figures of earlier fission runs from members who are no inviters in the latest run.
// param: community - the community id
// param: run - the latest fission run id
MATCH (m:Member {community: $community})
WHERE m.inviter_run IS NOT NULL AND m.inviter_run <> $run
CALL (m) {
  REMOVE m.inviter_invited, m.inviter_joined, m.inviter_activated, m.inviter_retained,
         m.inviter_retention_eligible, m.inviter_retained_long, m.inviter_retention_long_eligible,
         m.inviter_left, m.inviter_left_soon, m.inviter_downstream_joins, m.inviter_became_leader,
         m.inviter_flags, m.inviter_run
} IN TRANSACTIONS OF 10000 ROWS
RETURN count(*) AS cleared
