// Remove the baselines' constraint after them (graphmodel keeps interactions unique itself, under its lock).
DROP CONSTRAINT bench_baseline_interacted_key IF EXISTS
