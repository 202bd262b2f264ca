// How many cascades of the latest fission run reached each depth.
// param: community - the community id
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
MATCH (c:Cascade {run: r.id})
RETURN c.depth AS depth, count(*) AS cascades, sum(c.size) AS members
ORDER BY depth
