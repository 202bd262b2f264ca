// Release a job lock held by this owner.
// param: community - the community id
// param: owner - the holder
MATCH (l:JobLock {community: $community, owner: $owner})
DELETE l
RETURN count(*) AS released
