"""`graphmodel job run|history`: declared pipelines for schedulers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graphmodel.cli import AppContext, pass_app
from graphmodel.core.output import FORMATS, render


@click.group("job")
def job() -> None:
    """Run declared pipelines (load → analyze → fission → report) for schedulers.

    Exit codes: 0 ok, 1 data rejected or a check failed, 2 an error.

    \b
    Example:
        graphmodel job run jobs/nightly.toml --log-json
        graphmodel job history --community demo
    """


@job.command("run")
@click.argument("job_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--log-json", is_flag=True, help="Structured logs: one JSON object per line on stderr.")
@click.option("--lock-wait", default=3600.0, show_default=True, type=float,
              help="Seconds to wait for another run of the same community to finish.")
@click.option("--stale-after", default=120, show_default=True, type=int,
              help="Seconds without a heartbeat after which a crashed run's lock is taken over.")
@pass_app
def job_run(app: AppContext, job_file: Path, log_json: bool, lock_wait: float,
            stale_after: int) -> None:
    """Run the steps of JOB_FILE (TOML) under the community's lock and record the run.

    \b
    Example:
        graphmodel job run jobs/nightly.toml
    """
    from graphmodel.jobs import load_job, run_job
    from graphmodel.jobs.runner import JobLog

    spec = load_job(job_file)
    result = run_job(app.connect(), spec, log=JobLog(app.echo, log_json), lock_wait=lock_wait,
                     stale_after=stale_after)
    click.echo(f"{result.run_id}: {result.status}")
    for step in result.steps:
        click.echo(f"  {step.kind:<10} {step.status:<12} {step.seconds:8.1f} s  {step.message}")
    if result.error:
        click.echo(f"error: {result.error}", err=True)
    sys.exit(result.exit_code)


@job.command("history")
@click.option("--community", default="", help="Only this community.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@pass_app
def job_history(app: AppContext, community: str, limit: int, fmt: str) -> None:
    """Show recent job runs, newest first.

    \b
    Example:
        graphmodel job history --community demo --format json
    """
    from graphmodel import queries

    result = queries.run_named(app.connect(), "job_history",
                               [f"community={community}", f"limit={limit}"])
    click.echo(render(result.columns, result.rows, fmt))
