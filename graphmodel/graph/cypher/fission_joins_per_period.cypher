// Members joined per day, ISO week or month, up to a cutoff.
// param: community - the community id
// param: cutoff (datetime) - exclusive end of the analysed period; null for all
// param: period - 'day', 'week' or 'month'
// (null first in the CASE: `null IS :: DATE` is true, and the planner may test the time before the null check)
MATCH (m:Member {community: $community})
WHERE coalesce(m.is_member, true) AND m.joined_at IS NOT NULL
WITH CASE WHEN m.joined_at IS NULL THEN null WHEN m.joined_at IS :: DATE THEN datetime({date: m.joined_at}) ELSE datetime(m.joined_at) END AS joined
WHERE $cutoff IS NULL OR joined < $cutoff
RETURN date.truncate($period, joined) AS period, count(*) AS joined
ORDER BY period
