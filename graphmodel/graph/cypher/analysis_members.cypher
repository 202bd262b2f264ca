// Every member and outsider of a community with what role inference needs (one record of parallel lists, in member id order): activity over the whole period, and per member the nodes it addressed in the window and in the baseline before it (one entry per interaction).
// param: community - the community id
// param: cutoff (datetime) - the end of the period: activity after it is ignored; null for everything
// param: window (datetime) - the start of the window activity is counted in; null: the whole period
// param: baseline (datetime) - the start of the baseline before the window; null for none
MATCH (m:Member {community: $community})
WHERE $cutoff IS NULL OR m.joined_at IS NULL OR m.joined_at < $cutoff
CALL (m) {
  OPTIONAL MATCH (m)-[i:INTERACTED]->(x)
  WHERE $cutoff IS NULL OR i.at < $cutoff
  WITH x, i, i.at AS at
  // collect() leaves out the nulls: what is not in the window (and the row of a member who sent nothing)
  RETURN count(i) AS sent, count(DISTINCT x) AS sent_to, max(at) AS last_active,
         collect(CASE WHEN $window IS NULL OR at >= $window THEN id(x) END) AS window_to,
         collect(CASE WHEN at >= $baseline AND at < $window THEN id(x) END) AS baseline_to
}
CALL (m) {
  OPTIONAL MATCH (m)<-[i:INTERACTED]-(x)
  WHERE $cutoff IS NULL OR i.at < $cutoff
  RETURN count(i) AS received, count(DISTINCT x) AS received_from,
         count(CASE WHEN i.type = 'reply' THEN 1 END) AS replies_received
}
WITH m, sent, sent_to, last_active, window_to, baseline_to, received, received_from, replies_received,
     [(m)-[h:HAS_ROLE {source: 'declared'}]->(r:Role)
        WHERE (h.since IS NULL OR $cutoff IS NULL OR h.since < $cutoff)
          AND (h.until IS NULL OR $cutoff IS NULL OR h.until >= $cutoff) | r.name] AS declared,
     COUNT { (m)-[s:SHARED {joined: true}]->() WHERE $cutoff IS NULL OR s.at < $cutoff } AS invited_joined,
     COUNT { (m)-[:ATTENDED]->(e:Event {kind: 'offline'}) WHERE $cutoff IS NULL OR e.at < $cutoff } AS offline_events
ORDER BY m.id
// (collect() drops nulls, so every value is coalesced to keep the lists aligned)
RETURN collect(id(m)) AS node, collect(m.id) AS id, collect(coalesce(m.name, '')) AS name,
       collect(coalesce(m.is_member, true)) AS is_member,
       collect(coalesce(m.joined_at.epochMillis, -1)) AS joined_ms, collect(coalesce(m.left_at.epochMillis, -1)) AS left_ms,
       collect(coalesce(m.threshold, '')) AS threshold,
       collect(declared) AS declared, collect(sent) AS sent, collect(sent_to) AS sent_to,
       collect(coalesce(last_active.epochMillis, -1)) AS last_active_ms, collect(received) AS received,
       collect(received_from) AS received_from, collect(replies_received) AS replies_received,
       collect(invited_joined) AS invited_joined, collect(offline_events) AS offline_events,
       collect(window_to) AS window_to, collect(baseline_to) AS baseline_to
