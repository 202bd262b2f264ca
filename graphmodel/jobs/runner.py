"""Run a job: lock the community, record the run in the graph, run each step."""

from __future__ import annotations

import json
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from graphmodel import __version__
from graphmodel.core.errors import EXIT_DATA, EXIT_ERROR, EXIT_OK, GraphModelError
from graphmodel.graph.lock import LOCK_WAIT, STALE_AFTER, CommunityLock
from graphmodel.jobs.spec import JobSpec
from graphmodel.jobs.steps import STEP_KINDS, StepCall, Workspace


@dataclass
class StepRecord:
    kind: str
    status: str
    seconds: float
    counts: dict[str, Any] = field(default_factory=dict)
    message: str = ""


@dataclass
class JobResult:
    run_id: str
    job: str
    community: str
    status: str  # ok | rejected | check_failed | failed
    steps: list[StepRecord]
    error: str | None = None
    error_exit_code: int = EXIT_ERROR  # of the error that stopped a failed run

    @property
    def exit_code(self) -> int:
        """0 ok; 1 rows rejected, a check failed, or a problem in the user's data stopped it
        (an unknown community, say); 2 any other error: the CLI's codes for the same causes."""
        if self.status == "failed":
            return self.error_exit_code
        return {"ok": EXIT_OK, "rejected": EXIT_DATA, "check_failed": EXIT_DATA}.get(self.status, EXIT_ERROR)


class JobLog:
    """Human lines, or one JSON object per event with ``json_lines``; always on stderr."""

    def __init__(self, echo: Callable[[str], None], json_lines: bool = False) -> None:
        self.echo = echo
        self.json_lines = json_lines

    def event(self, name: str, message: str, **fields: Any) -> None:
        if self.json_lines:
            record = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
                      "event": name, "message": message, **fields}
            sys.stderr.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            sys.stderr.flush()
        else:
            self.echo(message)


def run_job(workspace: Workspace, spec: JobSpec, *, log: JobLog | None = None,
            lock_wait: float = LOCK_WAIT, stale_after: int = STALE_AFTER) -> JobResult:
    """Run ``spec``'s steps in order under the community's lock; never raises for a
    failed step (the result says how it ended), only for a lock that cannot be had.

    ``workspace`` carries the options for this job: the facade builds it from the
    config file and the job file's own tables (``GraphModel.run_job``)."""
    log = log or JobLog(lambda _: None)
    connection = workspace.database
    run_id = f"{spec.community}/{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    info = connection.info
    versions = {"graphmodel": __version__, "neo4j": info.neo4j_version, "gds": info.gds_version}
    lock = CommunityLock(connection, spec.community, wait=lock_wait, stale_after=stale_after,
                         echo=lambda m: log.event("lock_wait", m))
    with lock:
        connection.write(
            "job_run_start", id=run_id, community=spec.community, job=spec.name,
            versions=json.dumps(versions),
            spec=json.dumps([{"kind": s.kind, **s.params} for s in spec.steps], default=str),
        )
        log.event("job_started", f"job {spec.name!r} run {run_id} on community {spec.community!r}",
                  run=run_id, job=spec.name, community=spec.community, versions=versions)
        records: list[StepRecord] = []
        status, error, error_exit_code = "ok", None, EXIT_ERROR
        for step in spec.steps:
            started = time.monotonic()
            log.event("step_started", f"step {step.kind} ...", run=run_id, step=step.kind)
            try:
                outcome = STEP_KINDS[step.kind].run(StepCall(workspace, spec.community, spec.community_name,
                                                             dict(step.params), spec.base_dir))
            except Exception as exc:  # recorded in the graph, then reported
                seconds = time.monotonic() - started
                kind = "" if isinstance(exc, GraphModelError) else f"{type(exc).__name__}: "
                error = f"step {step.kind}: {kind}{exc}"
                error_exit_code = exc.exit_code if isinstance(exc, GraphModelError) else EXIT_ERROR
                records.append(StepRecord(step.kind, "failed", round(seconds, 3), message=str(exc)))
                log.event("step_failed", error, run=run_id, step=step.kind, seconds=seconds)
                status = "failed"
                break
            seconds = time.monotonic() - started
            step_status = ("rejected" if outcome.rejected else
                           "check_failed" if outcome.failed_checks else "ok")
            records.append(StepRecord(step.kind, step_status, round(seconds, 3), outcome.counts,
                                      outcome.message))
            log.event("step_finished", f"step {step.kind}: {outcome.message or step_status} "
                      f"({seconds:.1f} s)", run=run_id, step=step.kind, status=step_status,
                      seconds=round(seconds, 3), counts=outcome.counts)
            if step_status == "rejected" and status == "ok":
                status = "rejected"
            elif step_status == "check_failed" and status in ("ok",):
                status = "check_failed"
        connection.write("job_run_finish", id=run_id, status=status, error=error,
                         steps=json.dumps([asdict(r) for r in records], default=str))
    result = JobResult(run_id, spec.name, spec.community, status, records, error, error_exit_code)
    log.event("job_finished", f"job {spec.name!r} {status} (exit {result.exit_code})",
              run=run_id, status=status, exit_code=result.exit_code)
    return result


class JobDidNotSucceed(GraphModelError):
    """A job ended with data rejected, a failed check or an error (for schedulers)."""

    def __init__(self, result: JobResult) -> None:
        super().__init__(f"job {result.job!r} run {result.run_id}: {result.status}"
                         + (f" ({result.error})" if result.error else ""))
        self.result = result
        self.exit_code = result.exit_code
