// Whether a community already holds interactions and shares (a fresh table is written with CREATE, else MERGE).
// param: community - the community id
RETURN EXISTS { MATCH (:Member {community: $community})-[:INTERACTED]->() } AS interactions,
       EXISTS { MATCH (:Member {community: $community})-[:SHARED]->() } AS shares
