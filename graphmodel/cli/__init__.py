"""The `graphmodel` command line: parses options, calls the facade, formats results.

Each command lives in a module of this package and is registered here, the one place
that knows them all; library errors become messages and exit codes in ``errors``.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import click

from graphmodel import __version__
from graphmodel.cli import (
    analyze,
    compare,
    demo,
    fission,
    forget,
    generate,
    history,
    job,
    load,
    query,
    report,
    server,
)
from graphmodel.cli.context import AppContext
from graphmodel.cli.errors import GraphModelGroup
from graphmodel.cli.options import setting_options
from graphmodel.core.config import load_settings

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=GraphModelGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="graphmodel")
@setting_options
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


for command in (server.server, server.init, load.load, analyze.analyze, fission.fission, report.report,
                history.history, compare.compare, query.query, query.cypher, job.job, demo.demo,
                generate.generate, forget.forget):
    cli.add_command(command)


def main() -> None:
    if not os.environ.get("GRAPHMODEL_DEBUG"):
        # the driver retries deadlocks between concurrent load transactions by itself, and a
        # lost connection is reported once by the command: its own notices are not for operators
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    cli(prog_name="graphmodel")
