// Create or update a community before loading into it.
// param: community - the community id
// param: display_name - its display name; null keeps the current one
MERGE (c:Community {id: $community})
SET c.name = coalesce($display_name, c.name, $community), c.loaded_at = datetime()
RETURN c.id AS community
