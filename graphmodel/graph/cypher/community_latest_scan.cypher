// The latest recorded time of a community, walked from its members: its newest interaction, join or departure (epoch ms; null when nothing has a time).
// param: community - the community id
MATCH (m:Member {community: $community})
CALL (m) {
  OPTIONAL MATCH (m)-[i:INTERACTED]->()
  RETURN max(i.at) AS interacted
}
WITH max(interacted) AS interacted, max(m.joined_at) AS joined, max(m.left_at) AS left
RETURN reduce(latest = null, t IN [x IN [interacted, joined, left] WHERE x IS :: ZONED DATETIME | x.epochMillis] |
              CASE WHEN latest IS NULL OR t > latest THEN t ELSE latest END) AS latest
