// Who invited whom around a member: the chain of shares up to them and the members they reached.
// param: community - the community id
// param: member - the member id
// param: depth (int) = 5 - how many generations up and down
MATCH (m:Member {community: $community, id: $member})
OPTIONAL MATCH up = (src:Member)-[:SHARED*1..10]->(m)
WHERE length(up) <= $depth
WITH m, collect({direction: 'upstream', path: [n IN nodes(up) | n.id], generation: -length(up)}) AS ups
OPTIONAL MATCH down = (m)-[:SHARED*1..10]->(dst:Member)
WHERE length(down) <= $depth
WITH ups, collect({direction: 'downstream', path: [n IN nodes(down) | n.id], generation: length(down)}) AS downs
UNWIND ups + downs AS chain
WITH chain WHERE size(chain.path) > 0
RETURN chain.direction AS direction, chain.generation AS generation, chain.path AS path
ORDER BY generation, path
