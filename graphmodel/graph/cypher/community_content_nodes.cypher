// Every node of a community with its labels and properties (for a content checksum), in a stable order;
// the community's lock (JobLock) is who is working on it, not what it holds, and is left out.
// param: community - the community id
MATCH (n)
WHERE (n.community = $community OR (n:Community AND n.id = $community)) AND NOT n:JobLock
RETURN labels(n) AS labels, properties(n) AS properties
