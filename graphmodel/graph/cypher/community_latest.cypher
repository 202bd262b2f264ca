// The latest recorded time of a community as kept on it (epoch ms; null when it was loaded before it was kept).
// param: community - the community id
MATCH (c:Community {id: $community})
RETURN c.latest_at.epochMillis AS latest
