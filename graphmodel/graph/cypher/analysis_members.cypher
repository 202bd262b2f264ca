// Every member and outsider of a community with what role inference needs (one record of parallel lists, in member id order).
// param: community - the community id
// param: cutoff (datetime) - the end of the period: activity after it is ignored; null for everything
MATCH (m:Member {community: $community})
WHERE $cutoff IS NULL OR m.joined_at IS NULL OR m.joined_at < $cutoff
CALL (m) {
  OPTIONAL MATCH (m)-[i:INTERACTED]->(x)
  WHERE $cutoff IS NULL OR i.at < $cutoff
  RETURN count(i) AS sent, count(DISTINCT x) AS sent_to, max(i.at) AS last_active
}
CALL (m) {
  OPTIONAL MATCH (m)<-[i:INTERACTED]-(x)
  WHERE $cutoff IS NULL OR i.at < $cutoff
  RETURN count(i) AS received, count(DISTINCT x) AS received_from,
         count(CASE WHEN i.type = 'reply' THEN 1 END) AS replies_received
}
WITH m, sent, sent_to, last_active, received, received_from, replies_received,
     [(m)-[h:HAS_ROLE {source: 'declared'}]->(r:Role)
        WHERE (h.since IS NULL OR $cutoff IS NULL OR h.since < $cutoff)
          AND (h.until IS NULL OR $cutoff IS NULL OR h.until >= $cutoff) | r.name] AS declared,
     COUNT { (m)-[s:SHARED {joined: true}]->() WHERE $cutoff IS NULL OR s.at < $cutoff } AS invited_joined,
     COUNT { (m)-[:ATTENDED]->(e:Event {kind: 'offline'}) WHERE $cutoff IS NULL OR e.at < $cutoff } AS offline_events
ORDER BY m.id
// (collect() drops nulls, so every value is coalesced to keep the lists aligned)
RETURN collect(id(m)) AS node, collect(m.id) AS id, collect(coalesce(m.name, '')) AS name,
       collect(coalesce(m.is_member, true)) AS is_member,
       collect(coalesce(m.joined_at.epochMillis, -1)) AS joined_ms, collect(coalesce(m.threshold, '')) AS threshold,
       collect(declared) AS declared, collect(sent) AS sent, collect(sent_to) AS sent_to,
       collect(coalesce(last_active.epochMillis, -1)) AS last_active_ms, collect(received) AS received,
       collect(received_from) AS received_from, collect(replies_received) AS replies_received,
       collect(invited_joined) AS invited_joined, collect(offline_events) AS offline_events
