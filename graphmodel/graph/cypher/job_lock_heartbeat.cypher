// Keep a held job lock alive.
// param: community - the community id
// param: owner - the holder
MATCH (l:JobLock {community: $community, owner: $owner})
SET l.heartbeat = datetime()
RETURN count(l) AS held
