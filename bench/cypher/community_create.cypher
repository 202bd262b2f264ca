// The community node a baseline loads into.
MERGE (c:Community {id: $community}) SET c.name = $community
