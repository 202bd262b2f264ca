"""`graphmodel load`: put community data into the graph (interchange CSV/JSONL; chat exports)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import community_option, format_option, lock_wait_option
from graphmodel.cli.progress import row_progress
from graphmodel.core.errors import DataRejected
from graphmodel.core.output import render
from graphmodel.loaders import LoadSummary
from graphmodel.loaders.chat import EXPORTS, ChatConversion, ExportKind
from graphmodel.loaders.chat.options import OPTIONS


@click.group("load")
def load() -> None:
    """Load community data into the graph, idempotently: a rerun leaves the same graph,
    a newer export adds only what is new, bad rows go to a reject file.

    \b
    Example:
        graphmodel load csv exports/camp-7 --community camp-7 --name "训练营 7"
    """


def _target_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every load command shares: where to load, and where rejects go."""
    for option in reversed([
        community_option("The community id to load into."),
        click.option("--name", default=None, help="The community's display name."),
        click.option("--dry-run", is_flag=True, help="Validate everything, write nothing."),
        click.option("--rejects", "rejects", type=click.Path(dir_okay=False), default=None,
                     help="Reject file [default: ./graphmodel-rejects-COMMUNITY.csv, the id made safe "
                          "for a file name]."),
        click.option("--drop-names", is_flag=True,
                     help="Store no member names (ids only); names stored before for the members "
                          "loaded are removed."),
        format_option("table", "json", help="Output format of the summary."),
        lock_wait_option(),
    ]):
        command = option(command)
    return command


@load.command("csv")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@_target_options
@click.option("--batch-size", type=click.IntRange(1), default=None,
              help="Rows per transaction [default: 10000].")
@pass_app
def load_csv(app: AppContext, directory: str, community: str, name: str | None, dry_run: bool,
             rejects: str | None, drop_names: bool, fmt: str, lock_wait: float, batch_size: int | None) -> None:
    """Load a directory in the interchange format (members.csv, interactions.csv,
    shares.csv, roles.csv, events.csv, attendance.csv; any subset; UTF-8 or GB18030;
    .jsonl with the same fields also accepted). Prints rows loaded, rejected, skipped as
    rows of forgotten members, and outsiders created; exits 1 when any row was rejected.

    \b
    Example:
        graphmodel load csv exports/camp-7 --community camp-7
        graphmodel load csv exports/camp-7 --community camp-7 --dry-run
    """
    extra = {"batch_size": batch_size} if batch_size else {}
    with row_progress(not app.quiet) as advance:
        summary = app.model.load(directory, community, name=name, dry_run=dry_run, rejects=rejects,
                                 progress=advance, drop_names=drop_names, lock_wait=lock_wait, **extra)
    report_load(summary, fmt)


def _export_command(kind: ExportKind) -> click.Command:
    @click.command(kind.name, help=f"""Load {kind.what}.

    {kind.about}

    The export is converted into the interchange format (replies, quotes, mentions and
    reactions become interactions; joins by invitation, link or QR code and forwards become
    shares; departures set left_at) and loaded. Prints what the export held, what it could not
    map (by kind) and the load summary; exits 1 when any record or row was rejected.
    docs/exports.md describes each export.

    \b
    Example:
        {kind.example}
    """)
    @click.argument("source", type=click.Path(exists=True))
    @_target_options
    @click.option("--keep", type=click.Path(file_okay=False), default=None,
                  help="Keep the converted interchange tables in this folder.")
    @pass_app
    def command(app: AppContext, source: str, community: str, name: str | None, dry_run: bool,
                rejects: str | None, drop_names: bool, fmt: str, lock_wait: float, keep: str | None,
                **options: Any) -> None:
        with row_progress(not app.quiet) as advance:
            loaded = app.model.load_export(kind.name, source, community, name=name, dry_run=dry_run,
                                           rejects=rejects, keep=keep, progress=advance, drop_names=drop_names,
                                           lock_wait=lock_wait, **options)
        for line in conversion_lines(kind.name, loaded.conversion):
            app.echo(line)
        report_load(loaded.summary, fmt, export=loaded.conversion.summary())

    for option_name in reversed(kind.options):
        option = OPTIONS[option_name]
        command = click.option(option.flag, option.name, metavar=option.metavar, default=None,
                               help=option.help)(command)
    return command


def conversion_lines(kind: str, conversion: ChatConversion) -> list[str]:
    """What an export held, what was not mapped (by kind) and what the summary must say."""
    lines = [f"{kind} export: {conversion.messages} messages, {len(conversion.members)} people, "
             f"{len(conversion.interactions)} interactions, {len(conversion.shares)} shares, "
             f"{conversion.joins} joins, {conversion.departures} departures"]
    skipped = conversion.skipped
    if skipped:
        lines.append(f"not mapped ({sum(skipped.values())}):")
        lines.extend(f"  {n} {what}" for what, n in sorted(skipped.items(), key=lambda item: (-item[1], item[0])))
    lines.extend(f"note: {note}" for note in conversion.notes)
    if conversion.rejects:
        lines.append(f"{len(conversion.rejects)} records of the export could not be read (in the reject file)")
    return lines


for _kind in EXPORTS.values():
    load.add_command(_export_command(_kind))


def report_load(summary: LoadSummary, fmt: str, export: dict[str, Any] | None = None) -> None:
    """Print a load summary (with what the export held, for a chat export); raise DataRejected
    (exit 1) when records or rows were rejected."""
    if fmt == "json":
        document = {"community": summary.community, "dry_run": summary.dry_run,
                    "loaded": summary.loaded, "rejected": summary.rejected,
                    "forgotten": summary.forgotten, "outsiders_created": summary.outsiders_created,
                    "without_tie": summary.without_tie,
                    "reject_file": summary.reject_path, "seconds": round(summary.seconds, 3),
                    "tables": summary.rows()}
        if export is not None:
            document["export"] = export
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        columns = ("table", "file", "read", "loaded", "rejected", "forgotten", "nodes_created",
                   "relationships_created", "without_tie")
        click.echo(render(columns, summary.rows(), "table"))
        verb = "validated" if summary.dry_run else "loaded"
        skipped = f"{summary.forgotten} rows of forgotten members skipped, " if summary.forgotten else ""
        click.echo(f"{summary.loaded} rows {verb}, {summary.rejected} rejected, {skipped}"
                   f"{summary.outsiders_created} outsiders created, in {summary.seconds:.1f} s")
        if summary.without_tie:
            click.echo(f"{summary.without_tie} interactions or shares of a member with themselves: "
                       f"counted as that member's activity, no tie between members")
    if summary.rejected:
        raise DataRejected(f"{summary.rejected} rows rejected; see {summary.reject_path} "
                           f"(file, line, field, reason)")
