// Set the leaders of a run's circles (the circles were written before the roles were known).
// param: run - the run id
// param: rows (list) - {id, leader}: the circle id and its leader's member id
UNWIND $rows AS row
MATCH (c:Circle {run: $run, id: row.id}) USING INDEX SEEK c:Circle(run, id)
SET c.leader = row.leader
