// The tombstones of a community: digests of the ids of forgotten members, whose rows loads skip.
// param: community - the community id
MATCH (t:Tombstone {community: $community})
RETURN t.digest AS digest
