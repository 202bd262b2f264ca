// A community's members as its latest analysis run (and latest fission run) left them, for comparisons: one record of parallel lists.
// param: community - the community id
// param: run - the analysis run whose figures the members hold
MATCH (m:Member {community: $community})
WHERE coalesce(m.is_member, true)
WITH m, m.analysis_run = $run AS current
RETURN collect(m.id) AS id, collect(coalesce(m.joined_at.epochMillis, -1)) AS joined_ms,
       collect(coalesce(m.left_at.epochMillis, -1)) AS left_ms, collect(coalesce(m.threshold, '')) AS threshold,
       collect(CASE WHEN current THEN coalesce(m.inferred_roles, []) ELSE [] END) AS roles,
       collect(CASE WHEN current THEN coalesce(m.circle, -1) ELSE -1 END) AS circle,
       collect(current AND coalesce(m.active, false)) AS active,
       collect(CASE WHEN current THEN coalesce(m.last_active.epochMillis, -1) ELSE -1 END) AS last_active_ms,
       collect(coalesce(m.cascade_generation, -1)) AS generation, collect(coalesce(m.cascade_parent, '')) AS parent
