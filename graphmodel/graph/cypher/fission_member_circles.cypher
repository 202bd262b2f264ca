// The circle of each member in one analysis run (memberships are kept for the latest run only), as columns in one row.
// param: run - the analysis run id
MATCH (c:Circle {run: $run})<-[:IN_CIRCLE {run: $run}]-(m:Member)
RETURN collect(m.id) AS ids, collect(c.id) AS circles
