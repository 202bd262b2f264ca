// Names, circles and inferred roles of some members (the report's circle leaders and cascade roots).
// param: community - the community id
// param: members (list) - the member ids
// param: run - the analysis run id (circle and roles only when the member's figures are of this run)
UNWIND $members AS member_id
MATCH (m:Member {community: $community, id: member_id})
RETURN member_id, m.name AS name, coalesce(m.is_member, true) AS is_member,
       CASE WHEN m.analysis_run = $run THEN m.circle END AS circle,
       CASE WHEN m.analysis_run = $run THEN coalesce(m.inferred_roles, []) ELSE [] END AS roles
