"""`graphmodel load`: put community data into the graph (interchange CSV/JSONL; chat exports)."""

from __future__ import annotations

import json

import click

from graphmodel.cli import AppContext, cli, pass_app
from graphmodel.output import render


@cli.group("load")
def load() -> None:
    """Load community data into the graph, idempotently: a rerun leaves the same graph,
    a newer export adds only what is new, bad rows go to a reject file.

    \b
    Example:
        graphmodel load csv exports/camp-7 --community camp-7 --name "训练营 7"
    """


@load.command("csv")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--community", "-c", required=True, help="The community id to load into.")
@click.option("--name", default=None, help="The community's display name.")
@click.option("--dry-run", is_flag=True, help="Validate everything, write nothing.")
@click.option("--rejects", "rejects", type=click.Path(dir_okay=False), default=None,
              help="Reject file [default: ./graphmodel-rejects-COMMUNITY.csv].")
@click.option("--batch-size", type=click.IntRange(1), default=None,
              help="Rows per transaction [default: 10000].")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format of the summary.")
@pass_app
def load_csv(app: AppContext, directory: str, community: str, name: str | None, dry_run: bool,
             rejects: str | None, batch_size: int | None, fmt: str) -> None:
    """Load a directory in the interchange format (members.csv, interactions.csv,
    shares.csv, roles.csv, events.csv, attendance.csv; any subset; UTF-8 or GB18030;
    .jsonl with the same fields also accepted). Prints rows loaded, rejected and
    outsiders created; exits 1 when any row was rejected.

    \b
    Example:
        graphmodel load csv exports/camp-7 --community camp-7
        graphmodel load csv exports/camp-7 --community camp-7 --dry-run
    """
    from graphmodel.loaders import load_directory
    from graphmodel.loaders.directory import DEFAULT_BATCH_SIZE
    from graphmodel.progress import row_progress

    connection = None if dry_run else app.connect()
    with row_progress(not app.quiet) as advance:
        summary = load_directory(connection, directory, community, name=name, dry_run=dry_run,
                                 reject_path=rejects, batch_size=batch_size or DEFAULT_BATCH_SIZE,
                                 progress=advance)
    report_load(summary, fmt)


def report_load(summary, fmt: str) -> None:
    """Print a load summary; raise DataRejected (exit 1) when rows were rejected."""
    from graphmodel.errors import DataRejected

    if fmt == "json":
        click.echo(json.dumps({"community": summary.community, "dry_run": summary.dry_run,
                               "loaded": summary.loaded, "rejected": summary.rejected,
                               "outsiders_created": summary.outsiders_created,
                               "reject_file": summary.reject_path, "seconds": round(summary.seconds, 3),
                               "tables": summary.rows()}, ensure_ascii=False, indent=2))
    else:
        columns = ("table", "file", "read", "loaded", "rejected", "nodes_created", "relationships_created")
        click.echo(render(columns, summary.rows(), "table"))
        verb = "validated" if summary.dry_run else "loaded"
        click.echo(f"{summary.loaded} rows {verb}, {summary.rejected} rejected, "
                   f"{summary.outsiders_created} outsiders created, in {summary.seconds:.1f} s")
    if summary.rejected:
        raise DataRejected(f"{summary.rejected} rows rejected; see {summary.reject_path} "
                           f"(file, line, field, reason)")
