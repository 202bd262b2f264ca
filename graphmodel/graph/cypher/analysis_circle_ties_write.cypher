// Write a slice of the ties between circles of a run: how many member pairs join two circles; row i of each list.
// param: run - the run id
// param: source (list) - the circle with the smaller id
// param: target (list) - the other circle
// param: ties (list) - member pairs tied across the two circles
UNWIND range(0, size($source) - 1) AS i
MATCH (a:Circle {run: $run, id: $source[i]}) USING INDEX SEEK a:Circle(run, id)
MATCH (b:Circle {run: $run, id: $target[i]}) USING INDEX SEEK b:Circle(run, id)
CREATE (a)-[:TIED_TO {run: $run, ties: $ties[i]}]->(b)
