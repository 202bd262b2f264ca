// The cascades (share/invite trees) of a community's latest fission run, largest first.
// param: community - the community id
// param: limit (int) = 20 - how many cascades
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
MATCH (c:Cascade {run: r.id})
RETURN c.root AS root, c.root_class AS root_class, c.size AS size, c.depth AS depth,
       c.breadth AS breadth, c.structural_virality AS structural_virality, c.shares AS shares,
       c.joins AS joins, c.conversion AS conversion, c.started_at AS started_at,
       r.id AS fission_run, r.as_of AS as_of
ORDER BY size DESC, depth DESC, root
LIMIT $limit
