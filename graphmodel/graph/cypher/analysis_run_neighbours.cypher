// The finished runs of the same community just before and just after a run in time order (by the time each looked from: its as_of, else its start; then its start and id), or null.
// param: run - the run id
MATCH (r:AnalysisRun {id: $run})
WITH r, CASE WHEN r.as_of IS NULL THEN datetime(r.started_at)
             WHEN r.as_of IS :: DATE THEN datetime({date: r.as_of}) ELSE datetime(r.as_of) END AS seen
RETURN
  COLLECT {
    MATCH (a:AnalysisRun {community: r.community})
    WHERE a.status = 'done' AND a.id <> r.id
    WITH a, CASE WHEN a.as_of IS NULL THEN datetime(a.started_at)
                 WHEN a.as_of IS :: DATE THEN datetime({date: a.as_of}) ELSE datetime(a.as_of) END AS at
    WHERE at < seen OR (at = seen AND (a.started_at < r.started_at OR (a.started_at = r.started_at AND a.id < r.id)))
    RETURN a.id ORDER BY at DESC, a.started_at DESC, a.id DESC LIMIT 1
  }[0] AS before,
  COLLECT {
    MATCH (a:AnalysisRun {community: r.community})
    WHERE a.status = 'done' AND a.id <> r.id
    WITH a, CASE WHEN a.as_of IS NULL THEN datetime(a.started_at)
                 WHEN a.as_of IS :: DATE THEN datetime({date: a.as_of}) ELSE datetime(a.as_of) END AS at
    WHERE at > seen OR (at = seen AND (a.started_at > r.started_at OR (a.started_at = r.started_at AND a.id > r.id)))
    RETURN a.id ORDER BY at, a.started_at, a.id LIMIT 1
  }[0] AS after
