"""`graphmodel server ...` (the local Neo4j + GDS server) and `graphmodel init`."""

from __future__ import annotations

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.core.errors import CheckFailed
from graphmodel.server import LocalServer, ServerStatus


@click.group()
def server() -> None:
    """Manage the local Neo4j + GDS server.

    \b
    Example:
        graphmodel server start
        graphmodel server status
    """


@server.command("start")
@pass_app
def server_start(app: AppContext) -> None:
    """Start the local server (assembling it with Maven on first use).

    \b
    Example:
        GRAPHMODEL_HEAP=8g graphmodel server start
    """
    _print_status(LocalServer.from_settings(app.settings).start(app.echo))


@server.command("stop")
@pass_app
def server_stop(app: AppContext) -> None:
    """Stop the local server.

    \b
    Example:
        graphmodel server stop
    """
    LocalServer.from_settings(app.settings).stop(app.echo)


@server.command("status")
@pass_app
def server_status(app: AppContext) -> None:
    """Show whether the local server runs, its URI, versions and password file.

    Exit code 0 when it runs, 1 when it does not.

    \b
    Example:
        graphmodel server status
    """
    status = LocalServer.from_settings(app.settings).status()
    _print_status(status)
    if not status.running:
        raise CheckFailed("the local server is not running; `graphmodel server start` starts it")


@server.command("logs")
@click.option("-n", "--lines", default=50, show_default=True, help="How many lines.")
@pass_app
def server_logs(app: AppContext, lines: int) -> None:
    """Print the last lines of the local server's log.

    \b
    Example:
        graphmodel server logs -n 100
    """
    click.echo(LocalServer.from_settings(app.settings).logs(lines))


def _print_status(status: ServerStatus) -> None:
    click.echo(f"running:       {f'yes (pid {status.pid})' if status.running else 'no'}")
    click.echo(f"bolt uri:      {status.uri}")
    click.echo(f"neo4j:         {status.neo4j_version or '-'}")
    click.echo(f"gds:           {status.gds_version or '-'}")
    click.echo(f"home:          {status.home}")
    click.echo(f"password file: {status.password_file}")


@click.command("init")
@pass_app
def init(app: AppContext) -> None:
    """Create the model's constraints, indexes and role vocabulary (idempotent).

    \b
    Example:
        graphmodel init
    """
    result = app.model.init()
    info = app.model.server
    click.echo(
        f"schema version {result.version}: {result.statements} constraints and indexes, "
        f"{result.roles} roles, on Neo4j {info.neo4j_version} ({info.edition}) "
        f"with GDS {info.gds_version} at {app.model.database.uri}"
    )
