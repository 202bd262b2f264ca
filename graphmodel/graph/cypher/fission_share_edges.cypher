// Every share of a community before a cutoff, as columns in one row (fast to stream), for the cascade forest and the quality of invitations per channel.
// param: community - the community id
// param: cutoff (datetime) - exclusive end: only shares before it (shares without a time are left out); null for all shares
MATCH (s:Member {community: $community})-[r:SHARED]->(t:Member)
WITH s, t, r,
     CASE WHEN r.at IS NULL THEN null WHEN r.at IS :: DATE THEN datetime({date: r.at}) ELSE datetime(r.at) END AS at
WHERE $cutoff IS NULL OR at < $cutoff
RETURN collect(s.id) AS sources, collect(t.id) AS targets,
       collect(coalesce(at.epochMillis, 9223372036854775807)) AS at,
       collect(coalesce(r.joined, false)) AS joined, collect(coalesce(r.channel, '')) AS channels
