// Sharers who were outsiders before a cutoff: not members, or members who joined at or after it.
// param: community - the community id
// param: cutoff (datetime) - exclusive end of the analysed period; null for now
// (null first in the CASE: `null IS :: DATE` is true, and the planner may test the time before the null check)
MATCH (m:Member {community: $community})
WHERE EXISTS { (m)-[:SHARED]->() }
  AND (m.is_member = false
       OR ($cutoff IS NOT NULL AND m.joined_at IS NOT NULL
           AND CASE WHEN m.joined_at IS NULL THEN null WHEN m.joined_at IS :: DATE THEN datetime({date: m.joined_at}) ELSE datetime(m.joined_at) END >= $cutoff))
RETURN collect(m.id) AS outsiders
