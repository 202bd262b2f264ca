// Per member of a community, as columns in one row: when they joined and left, the interactions they started before a cutoff (how many, the first since joining, the last) and, for members who started none, up to two members who interacted with them; for the quality of invitations.
// param: community - the community id
// param: cutoff (datetime) - exclusive end of the analysed period; null for all
// (times compared as loaded, datetimes; a departure at or after the cutoff had not happened yet)
MATCH (m:Member {community: $community})
WITH m, m.joined_at AS joined,
     CASE WHEN $cutoff IS NULL OR m.left_at < $cutoff THEN m.left_at END AS left
CALL (m, joined) {
  // each time read once (a member without interactions gives one row of nulls: counted as none)
  OPTIONAL MATCH (m)-[i:INTERACTED]->()
  WITH i, i.at AS at
  WHERE $cutoff IS NULL OR at < $cutoff OR i IS NULL
  RETURN count(i) AS started, min(CASE WHEN joined IS NULL OR at >= joined THEN at END) AS first, max(at) AS last
}
WITH m, joined, left, started, first, last,
     CASE WHEN started > 0 THEN [] ELSE COLLECT {
       MATCH (m)<-[i:INTERACTED]-(o) WHERE o <> m AND ($cutoff IS NULL OR i.at < $cutoff)
       WITH DISTINCT o LIMIT 2 RETURN o.id } END AS partners
// collect() leaves nulls out: a missing time is the largest integer instead, so that row i of each column is member i
RETURN collect(m.id) AS ids, collect(coalesce(joined.epochMillis, 9223372036854775807)) AS joined,
       collect(coalesce(left.epochMillis, 9223372036854775807)) AS left,
       collect(CASE WHEN left IS NULL THEN '' ELSE coalesce(m.left_reason, '') END) AS left_reason,
       collect(started) AS started, collect(coalesce(first.epochMillis, 9223372036854775807)) AS first,
       collect(coalesce(last.epochMillis, 9223372036854775807)) AS last, collect(partners) AS partners
