"""`graphmodel job run|history`: declared pipelines for schedulers."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import format_option, lock_wait_option
from graphmodel.core.output import FORMATS, render
from graphmodel.graph.lock import STALE_AFTER
from graphmodel.jobs import JobDidNotSucceed, JobLog


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
@lock_wait_option()
@click.option("--stale-after", default=STALE_AFTER, show_default=True, type=int,
              help="Seconds without a heartbeat after which a crashed run's lock is taken over.")
@pass_app
def job_run(app: AppContext, job_file: Path, log_json: bool, lock_wait: float,
            stale_after: int) -> None:
    """Run the steps of JOB_FILE (TOML) under the community's lock and record the run.

    \b
    Example:
        graphmodel job run jobs/nightly.toml
    """
    result = app.model.run_job(job_file, log=JobLog(app.echo, log_json), lock_wait=lock_wait,
                               stale_after=stale_after)
    click.echo(f"{result.run_id}: {result.status}")
    for step in result.steps:
        click.echo(f"  {step.kind:<10} {step.status:<12} {step.seconds:8.1f} s  {step.message}")
    if result.exit_code:
        raise JobDidNotSucceed(result)


@job.command("history")
@click.option("--community", default="", help="Only this community.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@format_option(*FORMATS)
@pass_app
def job_history(app: AppContext, community: str, limit: int, fmt: str) -> None:
    """Show recent job runs, newest first.

    \b
    Example:
        graphmodel job history --community demo --format json
    """
    result = app.model.query("job_history", community=community, limit=limit)
    click.echo(render(result.columns, result.rows, fmt))
