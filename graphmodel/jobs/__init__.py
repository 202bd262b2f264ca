"""Declared pipelines (load → analyze → fission → report) run as scheduled jobs.

``run_job(connection, spec)`` takes the community's lock, records a
``(:JobRun)`` in the graph, runs the steps in order and releases the lock.
"""

from graphmodel.jobs.runner import JobDidNotSucceed, JobResult, run_job, run_job_file
from graphmodel.jobs.spec import JobSpec, StepSpec, load_job

__all__ = ["JobDidNotSucceed", "JobResult", "JobSpec", "StepSpec", "load_job", "run_job", "run_job_file"]
