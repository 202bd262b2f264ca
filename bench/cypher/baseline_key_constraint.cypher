// The uniqueness constraint a script MERGEing interactions by key would make (Neo4j's advice for MERGE keys); the baselines run with it.
CREATE CONSTRAINT bench_baseline_interacted_key IF NOT EXISTS FOR ()-[r:INTERACTED]-() REQUIRE r.key IS UNIQUE
