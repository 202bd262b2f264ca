// Write each inviter's quality of invitations of a fission run on their member node (batch of rows).
// param: community - the community id
// param: run - the fission run id
// param: rows - list of {id, invited, joined, activated, retained, eligible, retained_long, eligible_long, left, left_soon, downstream_joins, became_leader, flags}
UNWIND $rows AS row
MATCH (m:Member {community: $community, id: row.id}) USING INDEX SEEK m:Member(community, id)
SET m.inviter_invited = row.invited, m.inviter_joined = row.joined, m.inviter_activated = row.activated,
    m.inviter_retained = row.retained, m.inviter_retention_eligible = row.eligible,
    m.inviter_retained_long = row.retained_long, m.inviter_retention_long_eligible = row.eligible_long,
    m.inviter_left = row.left, m.inviter_left_soon = row.left_soon,
    m.inviter_downstream_joins = row.downstream_joins, m.inviter_became_leader = row.became_leader,
    m.inviter_flags = row.flags, m.inviter_run = $run
