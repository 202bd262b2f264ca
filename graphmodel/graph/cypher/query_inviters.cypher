// Inviters of the latest fission run by the quality of their invitations (joins that stayed active, then joins that became active, then joins), with their fraud signals.
// param: community - the community id
// param: flagged (bool) = false - only inviters with a fraud signal
// param: limit (int) = 20 - how many inviters
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
MATCH (m:Member {community: $community})
WHERE m.inviter_run = r.id AND (NOT $flagged OR size(m.inviter_flags) > 0)
RETURN m.id AS member_id, m.name AS name, m.inviter_invited AS invited, m.inviter_joined AS joined,
       m.inviter_activated AS activated, m.inviter_retained AS retained,
       m.inviter_retention_eligible AS retention_eligible, m.inviter_retained_long AS retained_long,
       m.inviter_left AS left,
       CASE WHEN m.inviter_joined > 0 THEN toFloat(m.inviter_left) / m.inviter_joined END AS left_share,
       m.inviter_left_soon AS left_soon, m.inviter_downstream_joins AS downstream_joins,
       m.inviter_became_leader AS became_leader, m.inviter_flags AS flags, r.id AS fission_run
ORDER BY coalesce(retained, 0) DESC, coalesce(activated, 0) DESC, joined DESC, member_id
LIMIT $limit
