// Project a community's weighted member graph into GDS: interactions (weighted by type), shares and co-attendance of events, outsiders included, ties of a member to themselves left out; each weight decays with its age.
// Nodes come first, in the order of their reversed id: GDS numbers nodes in the order it first sees them,
// so the numbering follows the content, not the storage (the same data gives the same circles however it
// was loaded), and sequential ids (u1, u2, ...) are spread over the whole range, because GDS's sampled
// betweenness takes its sources from the lowest node numbers its degree-weighted draw accepts.
// param: graph - the GDS graph name
// param: community - the community id
// param: type_weights (map) - weight per interaction type (reply, mention, reaction, message, other)
// param: share_weight (float) - weight of a share or invitation
// param: event_weight (float) - weight of attending the same event, per event
// param: max_event_size (int) - events with more attendees add no co-attendance ties
// param: cutoff (datetime) - the end of the period: later ties are left out; null for everything
// param: end (float) - the end of the analysis (epoch ms) that ages are counted from
// param: half_life (float) - a weight halves with every this many ms of age (2 ^ ((at - end) / half_life)); null: no decay
CALL () {
  MATCH (a:Member {community: $community})
  WHERE $cutoff IS NULL OR a.joined_at IS NULL OR a.joined_at < $cutoff
  WITH a ORDER BY reverse(a.id)
  RETURN a, null AS b, null AS weight
  UNION ALL
  MATCH (a:Member {community: $community})
  WHERE $cutoff IS NULL OR a.joined_at IS NULL OR a.joined_at < $cutoff
  // each member's ties summed on their own (a table per member, not one of every tie), in one sum per
  // neighbour: interactions, shares and co-attendance give rows of (neighbour, weight), each property read once
  CALL (a) {
    CALL (a) {
      // INTERACTED and SHARED link members only: their ends need no label check
      MATCH (a)-[r:INTERACTED]->(b)
      WITH b, r.at AS at, r.weight AS weight, r.type AS type
      WHERE $cutoff IS NULL OR at < $cutoff
      RETURN b, weight * coalesce($type_weights[type], 1.0)
                * CASE WHEN $half_life IS NULL OR at IS NULL THEN 1.0
                       ELSE 2.0 ^ ((at.epochMillis - $end) / $half_life) END AS w
      UNION ALL
      MATCH (a)-[s:SHARED]->(b)
      WITH b, s.at AS at
      WHERE $cutoff IS NULL OR at < $cutoff
      RETURN b, $share_weight * CASE WHEN $half_life IS NULL OR NOT at IS :: ZONED DATETIME THEN 1.0
                                     ELSE 2.0 ^ ((at.epochMillis - $end) / $half_life) END AS w
      UNION ALL
      MATCH (a)-[:ATTENDED]->(e:Event)<-[:ATTENDED]-(b:Member)
      WITH b, e, e.at AS at
      WHERE ($cutoff IS NULL OR at < $cutoff) AND COUNT { (e)<-[:ATTENDED]-() } <= $max_event_size
      RETURN b, $event_weight * CASE WHEN $half_life IS NULL OR at IS NULL THEN 1.0
                                     ELSE 2.0 ^ ((at.epochMillis - $end) / $half_life) END AS w
    }
    WITH b, w
    // members who joined after the cutoff are not in the graph of that moment; a tie to oneself is no tie
    WHERE a <> b AND ($cutoff IS NULL OR b.joined_at IS NULL OR b.joined_at < $cutoff)
    RETURN b, sum(w) AS weight
  }
  RETURN a, b, weight
}
WITH gds.graph.project($graph, a, b,
       {relationshipType: 'TIE',
        relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: weight} END},
       {logProgress: false}) AS g
RETURN g.graphName AS graph, g.nodeCount AS nodes, g.relationshipCount AS relationships
