// Load a batch of events.csv rows.
// param: community - the community id
// param: rows (list) - validated rows {id, name, kind, at (epoch ms)}
UNWIND $rows AS row
MATCH (c:Community {id: $community})
MERGE (e:Event {community: $community, id: row.id})
SET e.name = coalesce(row.name, e.name), e.kind = coalesce(row.kind, e.kind),
    e.at = CASE WHEN row.at IS NULL THEN e.at ELSE datetime.fromepochmillis(row.at) END
MERGE (e)-[:OF]->(c)
