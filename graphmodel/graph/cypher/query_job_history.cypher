// Job runs, newest first: status, timings and errors (all communities when community is '').
// param: community = "" - the community id, or empty for all
// param: limit (int) = 20 - how many runs
MATCH (r:JobRun)
WHERE $community = '' OR r.community = $community
RETURN r.id AS run, r.community AS community, r.job AS job, r.status AS status,
       toString(r.started_at) AS started_at, r.seconds AS seconds, r.error AS error
ORDER BY r.started_at DESC
LIMIT $limit
