// Every member and outsider of a community with what role inference needs: activity, declared roles, invitations, events.
// param: community - the community id
// param: cutoff (datetime) - the end of the period: activity after it is ignored; null for everything
MATCH (m:Member {community: $community})
WHERE $cutoff IS NULL OR m.joined_at IS NULL OR m.joined_at < $cutoff
RETURN id(m) AS node, m.id AS id, m.name AS name, coalesce(m.is_member, true) AS is_member,
       m.joined_at AS joined_at, m.threshold AS threshold,
       [(m)-[h:HAS_ROLE {source: 'declared'}]->(r:Role)
          WHERE (h.since IS NULL OR $cutoff IS NULL OR h.since < $cutoff)
            AND (h.until IS NULL OR $cutoff IS NULL OR h.until >= $cutoff) | r.name] AS declared,
       COUNT { (m)-[i:INTERACTED]->() WHERE $cutoff IS NULL OR i.at < $cutoff } AS sent,
       COUNT { (m)<-[i:INTERACTED]-() WHERE $cutoff IS NULL OR i.at < $cutoff } AS received,
       COUNT { (m)<-[i:INTERACTED {type: 'reply'}]-() WHERE $cutoff IS NULL OR i.at < $cutoff } AS replies_received,
       COUNT { MATCH (m)<-[i:INTERACTED]-(x) WHERE $cutoff IS NULL OR i.at < $cutoff RETURN DISTINCT x } AS received_from,
       COUNT { MATCH (m)-[i:INTERACTED]->(x) WHERE $cutoff IS NULL OR i.at < $cutoff RETURN DISTINCT x } AS sent_to,
       COUNT { (m)-[s:SHARED {joined: true}]->() WHERE $cutoff IS NULL OR s.at < $cutoff } AS invited_joined,
       COUNT { (m)-[:ATTENDED]->(e:Event {kind: 'offline'}) WHERE $cutoff IS NULL OR e.at < $cutoff } AS offline_events,
       COLLECT { MATCH (m)-[i:INTERACTED]->() WHERE $cutoff IS NULL OR i.at < $cutoff
                 RETURN i.at ORDER BY i.at DESC LIMIT 1 }[0] AS last_active
