// Record how a job run ended: status, per-step timings and counts, error; link it to its community.
// param: id - the run id
// param: status - ok, rejected, check_failed or failed
// param: steps - JSON list of {kind, status, seconds, counts, message}
// param: error - the error message, or null
MATCH (r:JobRun {id: $id})
SET r.status = $status, r.finished_at = datetime(), r.steps = $steps, r.error = $error,
    r.seconds = duration.inSeconds(r.started_at, datetime()).milliseconds / 1000.0
WITH r
OPTIONAL MATCH (c:Community {id: r.community})
FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | MERGE (r)-[:OF]->(c))
RETURN r.id AS id
