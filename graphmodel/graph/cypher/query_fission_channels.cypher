// Channels (campaign tags) of the latest fission run by joins: who shared on each, whom they reached, and what became of the joins.
// param: community - the community id
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
MATCH (c:FissionChannel {run: r.id})
RETURN c.channel AS channel, c.sharers AS sharers, c.shares AS shares, c.invited AS invited, c.joined AS joined,
       c.activated AS activated, c.retained AS retained, c.eligible AS retention_eligible,
       c.retained_long AS retained_long, c.left AS left,
       CASE WHEN c.joined > 0 THEN toFloat(c.left) / c.joined END AS left_share, c.left_soon AS left_soon,
       c.downstream_joins AS downstream_joins, c.became_leader AS became_leader,
       c.flagged_joins AS flagged_joins, c.flags AS flags, r.id AS fission_run
ORDER BY joined DESC, shares DESC, channel
