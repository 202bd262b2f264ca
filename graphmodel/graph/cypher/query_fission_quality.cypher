// Real fission in the latest fission run: joins that became active and stayed, first-layer versus open versus outside fission on activated joins, and the headcount critical point on raw and on activated joins.
// param: community - the community id
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
RETURN r.id AS fission_run, r.joins AS joins, r.activated_joins AS activated_joins,
       r.activation_rate AS activation_rate, r.retention_rate AS retention_rate,
       r.community_retention AS community_retention, r.left_share AS left_share,
       r.first_layer_joins AS first_layer_joins, r.first_layer_activated AS first_layer_activated,
       r.open_joins AS open_joins, r.open_activated AS open_activated,
       r.outside_joins AS outside_joins, r.outside_activated AS outside_activated,
       r.critical_period AS critical_period, r.critical_headcount AS critical_headcount,
       r.activated_critical_period AS activated_critical_period,
       r.activated_critical_headcount AS activated_critical_headcount,
       r.flagged_inviters AS flagged_inviters, r.echo_findings AS echo_findings
