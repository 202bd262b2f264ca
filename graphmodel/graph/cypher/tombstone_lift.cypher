// Remove a forgotten member's tombstone, so that a later load brings them back; how many went (0 or 1).
// param: community - the community id
// param: digest - the tombstone's digest of the community and the member id
MATCH (t:Tombstone {community: $community, digest: $digest})
DELETE t
RETURN count(*) AS lifted
