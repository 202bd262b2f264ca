// Roles that shape fission: declared roles valid before a cutoff, and the inferred roles of one analysis run, as columns in one row (fast to stream).
// param: community - the community id
// param: cutoff (datetime) - exclusive end of the analysed period; null for now
// param: run - the analysis run whose inferred roles count; null for declared roles only
MATCH (m:Member {community: $community})-[h:HAS_ROLE]->(r:Role)
WITH m, h, r,
     CASE WHEN h.since IS NULL THEN null WHEN h.since IS :: DATE THEN datetime({date: h.since}) ELSE datetime(h.since) END AS since,
     CASE WHEN h.until IS NULL THEN null WHEN h.until IS :: DATE THEN datetime({date: h.until}) ELSE datetime(h.until) END AS until
WHERE (h.source = 'declared'
       AND (since IS NULL OR since < coalesce($cutoff, datetime()))
       AND (until IS NULL OR until >= coalesce($cutoff, datetime())))
   OR (h.source = 'inferred' AND h.run = $run)
RETURN collect(m.id) AS members, collect(r.name) AS roles, collect(h.source) AS sources
