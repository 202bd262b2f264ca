"""The `graphmodel` command line: parses options, calls the library, formats results.

Exit codes: 0 success; 1 a problem in the user's data (rows rejected, a check
failed); 2 an error that stopped the command (configuration, server, bug).
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from typing import Any, Callable

import click
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graphmodel import __version__
from graphmodel.core.config import SETTINGS, Settings, load_settings
from graphmodel.core.errors import GraphModelError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class AppContext:
    """What every command shares: the settings and, on demand, a connection."""

    def __init__(self, settings: Settings, quiet: bool) -> None:
        self.settings = settings
        self.quiet = quiet
        self._connection = None

    def echo(self, message: str) -> None:
        """Progress and log lines: stderr, silenced by --quiet."""
        if not self.quiet:
            click.echo(message, err=True)

    def connect(self):
        if self._connection is None:
            from graphmodel.graph.connection import Connection
            from graphmodel.graph.schema import ensure_schema

            self._connection = Connection.from_settings(self.settings, self.echo)
            ensure_schema(self._connection)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class GraphModelGroup(click.Group):
    """Maps library errors to messages and exit codes in one place."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphModelError as exc:
            error = click.ClickException(str(exc))
            error.exit_code = exc.exit_code
            raise error from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except (ServiceUnavailable, SessionExpired) as exc:  # the server went away mid-command
            error = click.ClickException(
                f"lost the connection to Neo4j ({type(exc).__name__}: {exc}), and retrying "
                "(GRAPHMODEL_RETRY_SECONDS) did not bring it back. Start the server again "
                "(graphmodel server start, or check NEO4J_URI) and rerun the command: loads and analyses are safe to rerun and end with the same graph."
            )
            error.exit_code = 2
            raise error from exc
        except Exception as exc:  # an unexpected error: exit 2, traceback on request
            if os.environ.get("GRAPHMODEL_DEBUG"):
                traceback.print_exc()
            error = click.ClickException(
                f"unexpected error: {type(exc).__name__}: {exc} (GRAPHMODEL_DEBUG=1 shows the traceback)"
            )
            error.exit_code = 2
            raise error from exc


def _setting_options(function: Callable) -> Callable:
    """One option per setting, declared from the settings table."""
    for setting in reversed(SETTINGS):
        flag = "--" + setting.name.replace("_", "-")
        function = click.option(
            flag, setting.name, default=None, show_default=False,
            help=f"{setting.help} [env: {setting.env}]",
        )(function)
    return function


pass_app = click.make_pass_decorator(AppContext)


@click.group(cls=GraphModelGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="graphmodel")
@_setting_options
@click.option("-q", "--quiet", is_flag=True, help="No progress or log lines on stderr.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, **settings: Any) -> None:
    """Community structure on Neo4j + Graph Data Science: leaders, connectors,
    circles, fission and role balance.

    Without NEO4J_URI, commands use a local Neo4j + GDS server that graphmodel
    assembles with Maven and starts on demand (127.0.0.1 only, auth on).

    \b
    Example:
        graphmodel demo
        graphmodel server status
    """
    app = AppContext(load_settings(settings), quiet)
    ctx.obj = app
    ctx.call_on_close(app.close)


@cli.group(cls=GraphModelGroup)
def server() -> None:
    """Manage the local Neo4j + GDS server.

    \b
    Example:
        graphmodel server start
        graphmodel server status
    """


def _local_server(app: AppContext):
    from graphmodel.server import LocalServer

    return LocalServer.from_settings(app.settings)


@server.command("start")
@pass_app
def server_start(app: AppContext) -> None:
    """Start the local server (assembling it with Maven on first use).

    \b
    Example:
        GRAPHMODEL_HEAP=8g graphmodel server start
    """
    status = _local_server(app).start(app.echo)
    _print_status(status)


@server.command("stop")
@pass_app
def server_stop(app: AppContext) -> None:
    """Stop the local server.

    \b
    Example:
        graphmodel server stop
    """
    _local_server(app).stop(app.echo)


@server.command("status")
@pass_app
def server_status(app: AppContext) -> None:
    """Show whether the local server runs, its URI, versions and password file.

    Exit code 0 when it runs, 1 when it does not.

    \b
    Example:
        graphmodel server status
    """
    status = _local_server(app).status()
    _print_status(status)
    if not status.running:
        sys.exit(1)


@server.command("logs")
@click.option("-n", "--lines", default=50, show_default=True, help="How many lines.")
@pass_app
def server_logs(app: AppContext, lines: int) -> None:
    """Print the last lines of the local server's log.

    \b
    Example:
        graphmodel server logs -n 100
    """
    click.echo(_local_server(app).logs(lines))


def _print_status(status) -> None:
    click.echo(f"running:       {'yes (pid %d)' % status.pid if status.running else 'no'}")
    click.echo(f"bolt uri:      {status.uri}")
    click.echo(f"neo4j:         {status.neo4j_version or '-'}")
    click.echo(f"gds:           {status.gds_version or '-'}")
    click.echo(f"home:          {status.home}")
    click.echo(f"password file: {status.password_file}")


@cli.command("init")
@pass_app
def init(app: AppContext) -> None:
    """Create the model's constraints, indexes and role vocabulary (idempotent).

    \b
    Example:
        graphmodel init
    """
    from graphmodel.graph.connection import Connection
    from graphmodel.graph.schema import init_schema

    with Connection.from_settings(app.settings, app.echo) as connection:
        result = init_schema(connection)
        info = connection.info
    click.echo(
        f"schema version {result.version}: {result.statements} constraints and indexes, "
        f"{result.roles} roles, on Neo4j {info.neo4j_version} ({info.edition}) "
        f"with GDS {info.gds_version} at {connection.uri}"
    )


def main() -> None:
    import logging
    import os

    if not os.environ.get("GRAPHMODEL_DEBUG"):
        # the driver retries deadlocks between concurrent load transactions by itself, and a
        # lost connection is reported once by the command: its own notices are not for operators
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    cli(prog_name="graphmodel")


# Commands defined in graphmodel/commands/, one module per area.
from graphmodel.cli import demo as _demo_commands  # noqa: E402
from graphmodel.cli import job as _job_commands  # noqa: E402
from graphmodel.cli import query as _query_commands  # noqa: E402

cli.add_command(_demo_commands.demo)
cli.add_command(_job_commands.job)
cli.add_command(_query_commands.query)
cli.add_command(_query_commands.cypher_command)
from graphmodel.cli import fission as _fission_commands  # noqa: E402
from graphmodel.cli import history as _history_commands  # noqa: E402

cli.add_command(_fission_commands.fission)
cli.add_command(_history_commands.history)
from graphmodel.cli import load as _load_commands  # noqa: E402,F401  (registers `load`)
from graphmodel.cli import generate as _generate_commands  # noqa: E402,F401  (registers `generate`)
from graphmodel.cli import analyze as _analyze_commands  # noqa: E402,F401  (registers `analyze`)
from graphmodel.cli import report as _report_commands  # noqa: E402,F401  (registers `report`)
