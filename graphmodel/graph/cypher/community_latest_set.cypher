// Keep the latest recorded time of a community (analyses without --as-of look from it); a time before the one kept changes nothing.
// param: community - the community id
// param: latest (int) - epoch ms
MATCH (c:Community {id: $community})
WITH c, datetime.fromepochmillis($latest) AS latest
SET c.latest_at = CASE WHEN c.latest_at IS NULL OR c.latest_at < latest THEN latest ELSE c.latest_at END
