// Take a community's job lock, or report who holds it; a lock whose holder stopped heartbeating is taken over.
// param: community - the community id
// param: owner - who asks: host:pid:uuid
// param: stale_after (int) - seconds without a heartbeat after which a lock is stale
// param: dead_owner - a holder known to be dead (same host, process gone), or '' for none
MERGE (l:JobLock {community: $community})
  ON CREATE SET l.owner = $owner, l.acquired_at = datetime(), l.heartbeat = datetime()
SET l.touched = coalesce(l.touched, 0) + 1
WITH l, l.owner AS holder, l.heartbeat AS heartbeat
WITH l, holder, heartbeat,
     holder = $owner
     OR heartbeat < datetime() - duration({seconds: $stale_after})
     OR holder = $dead_owner AS mine
FOREACH (_ IN CASE WHEN mine AND holder <> $owner THEN [1] ELSE [] END |
  SET l.owner = $owner, l.acquired_at = datetime(), l.heartbeat = datetime(), l.taken_over_from = holder)
RETURN mine AS acquired, holder, toString(heartbeat) AS heartbeat
