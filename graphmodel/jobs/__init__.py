"""Declared pipelines (load → analyze → fission → report) run as scheduled jobs.

``run_job(workspace, spec)`` takes the community's lock, records a ``(:JobRun)`` in
the graph, runs the steps in order and releases the lock. The facade builds the
``Workspace`` (``GraphModel.run_job``), so a job gets the options the same command
gets by hand; docs/jobs.md describes job files.
"""

from graphmodel.jobs.runner import JobDidNotSucceed, JobLog, JobResult, run_job
from graphmodel.jobs.spec import JobSpec, StepSpec, load_job, parse_job
from graphmodel.jobs.steps import STEP_KINDS, Workspace

__all__ = ["STEP_KINDS", "JobDidNotSucceed", "JobLog", "JobResult", "JobSpec", "StepSpec", "Workspace", "load_job",
           "parse_job", "run_job"]
