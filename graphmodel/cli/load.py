"""`graphmodel load`: put community data into the graph (interchange CSV/JSONL; chat exports)."""

from __future__ import annotations

import json

import click

from graphmodel.cli import AppContext, cli, pass_app
from graphmodel.core.output import render


@cli.group("load")
def load() -> None:
    """Load community data into the graph, idempotently: a rerun leaves the same graph,
    a newer export adds only what is new, bad rows go to a reject file.

    \b
    Example:
        graphmodel load csv exports/camp-7 --community camp-7 --name "训练营 7"
    """


def _target_options(command):
    """The options every load command shares: where to load, and where rejects go."""
    for option in reversed([
        click.option("--community", "-c", required=True, help="The community id to load into."),
        click.option("--name", default=None, help="The community's display name."),
        click.option("--dry-run", is_flag=True, help="Validate everything, write nothing."),
        click.option("--rejects", "rejects", type=click.Path(dir_okay=False), default=None,
                     help="Reject file [default: ./graphmodel-rejects-COMMUNITY.csv]."),
    ]):
        command = option(command)
    return command


@load.command("csv")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@_target_options
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
    from graphmodel.cli.progress import row_progress

    connection = None if dry_run else app.connect()
    with row_progress(not app.quiet) as advance:
        summary = load_directory(connection, directory, community, name=name, dry_run=dry_run,
                                 reject_path=rejects, batch_size=batch_size or DEFAULT_BATCH_SIZE,
                                 progress=advance, echo=_to_stderr)
    report_load(summary, fmt)


def _chat_command(kind: str, what: str, example: str) -> None:
    @load.command(kind, help=f"""Convert {what} into the interchange format and load it (replies,
    mentions and reactions become interactions; joins by invitation or link and forwards
    become shares). Prints what the export held and the load summary; exits 1 when any
    row was rejected.

    \b
    Example:
        {example}
    """)
    @click.argument("source", type=click.Path(exists=True))
    @_target_options
    @click.option("--keep", type=click.Path(file_okay=False), default=None,
                  help="Keep the converted interchange tables in this folder.")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                  show_default=True, help="Output format of the summary.")
    @pass_app
    def command(app: AppContext, source: str, community: str, name: str | None, dry_run: bool,
                rejects: str | None, keep: str | None, fmt: str) -> None:
        from graphmodel.loaders.chat import load_export
        from graphmodel.cli.progress import row_progress

        connection = None if dry_run else app.connect()
        with row_progress(not app.quiet) as advance:
            conversion, summary = load_export(connection, kind, source, community, name=name,
                                              reject_path=rejects, keep=keep, dry_run=dry_run,
                                              progress=advance, echo=_to_stderr)
        skipped = ", ".join(f"{n} {what}" for what, n in sorted(conversion.skipped.items()))
        app.echo(f"{kind} export: {conversion.messages} messages, {len(conversion.members)} people, "
                 f"{len(conversion.interactions)} interactions, {len(conversion.shares)} shares"
                 + (f"; not mapped: {skipped}" if skipped else ""))
        report_load(summary, fmt)


_chat_command("telegram", "a Telegram Desktop JSON export (result.json, or its folder)",
              "graphmodel load telegram ChatExport_2024-05-01/result.json --community fans")
_chat_command("slack", "a Slack export folder (unzipped: users.json, channels.json, channel folders)",
              "graphmodel load slack acme-slack-export/ --community acme")
_chat_command("discord", "DiscordChatExporter JSON (a file, or a folder of them)",
              "graphmodel load discord exports/guild-general.json --community guild")


def report_load(summary, fmt: str) -> None:
    """Print a load summary; raise DataRejected (exit 1) when rows were rejected."""
    from graphmodel.core.errors import DataRejected

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


def _to_stderr(message: str) -> None:
    click.echo(message, err=True)
