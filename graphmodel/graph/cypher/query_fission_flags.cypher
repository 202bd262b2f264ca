// Fraud signals of the latest fission run (bursts, star farms, quick leavers, rings, new-account chains, low retention), with their evidence in English and Chinese.
// param: community - the community id
// param: kind = "" - only signals of this kind; empty for all
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
MATCH (f:FissionFlag {run: r.id})
WHERE $kind = '' OR f.kind = $kind
OPTIONAL MATCH (m:Member {community: $community, id: f.member})
RETURN f.member AS member_id, m.name AS name, f.channel AS channel, f.kind AS kind, f.label AS label,
       f.label_zh AS label_zh, f.evidence AS evidence, f.evidence_zh AS evidence_zh, f.members AS members,
       r.id AS fission_run
ORDER BY member_id IS NULL, member_id, channel, kind
