// Internal echo of the latest fission run: staff or small circles whose shares only reach each other, with the falling yield and the lever.
// param: community - the community id
MATCH (r:FissionRun {community: $community, status: 'done'})
WITH r ORDER BY r.started_at DESC LIMIT 1
MATCH (e:EchoFinding {run: r.id})
RETURN e.kind AS kind, e.group AS circle, e.members AS members, e.cascades AS cascades, e.shares AS shares,
       e.all_shares AS all_shares, e.quarter AS quarter, e.first_new AS first_new, e.last_new AS last_new,
       e.channel AS channel, e.evidence AS evidence, e.evidence_zh AS evidence_zh, e.lever AS lever,
       e.lever_zh AS lever_zh, r.id AS fission_run
ORDER BY shares DESC, kind
