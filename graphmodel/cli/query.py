"""`graphmodel query` and `graphmodel cypher`: the analysts' read-only door."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from graphmodel import queries
from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import format_option
from graphmodel.core.output import FORMATS, render


def output_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """--param, --format, --limit and --timeout, shared by both commands."""
    function = click.option("--timeout", default=queries.DEFAULT_TIMEOUT, show_default=True,
                            type=click.FloatRange(min=0, min_open=True, max=queries.MAX_TIMEOUT),
                            help="Seconds before the server ends the query.")(function)
    function = click.option("--limit", default=queries.DEFAULT_LIMIT, show_default=True,
                            type=click.IntRange(1, queries.MAX_LIMIT), help="At most this many rows.")(function)
    function = format_option(*FORMATS, help="Output format on stdout.")(function)
    function = click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
                            help="A query parameter (repeatable); KEY:TYPE=VALUE for typed "
                                 "ad-hoc values (int, float, bool, date, datetime, list, json).")(function)
    return function


def _emit(app: AppContext, result: queries.QueryResult, fmt: str, limit: int) -> None:
    click.echo(render(result.columns, result.rows, fmt))
    if result.truncated:
        app.echo(f"(stopped at {limit} rows; --limit raises it)")


@click.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@output_options
@pass_app
def query(app: AppContext, name: str | None, list_: bool, params: tuple[str, ...], fmt: str,
          limit: int, timeout: float) -> None:
    """Run a named analyst query from the catalogue, in a read transaction.

    \b
    Example:
        graphmodel query --list
        graphmodel query members_by_declared_role -p community=demo -p role=leader --format csv
    """
    if list_ or not name:
        rows = [
            {
                "name": queries.public_name(q),
                "description": q.description,
                "parameters": ", ".join(
                    f"{p.name}" + (f" ({p.type})" if p.type != "string" else "")
                    + (f" = {p.default}" if p.default is not None else "")
                    for p in q.params
                ),
            }
            for q in queries.catalogue()
        ]
        click.echo(render(["name", "description", "parameters"], rows, fmt))
        return
    given = {key: value for key, (_kind, value) in queries.parse_assignments(params).items()}
    _emit(app, app.model.query(name, given, max_rows=limit, timeout=timeout), fmt, limit)


@click.command("cypher")
@click.argument("statement")
@output_options
@pass_app
def cypher(app: AppContext, statement: str, params: tuple[str, ...], fmt: str,
           limit: int, timeout: float) -> None:
    """Run ad-hoc Cypher in a read transaction: the server rejects any write, and
    graphmodel refuses procedures, functions and commands that are not read-only (GDS,
    dbms.*, SHOW USERS/TRANSACTIONS/SETTINGS, USE, LOAD CSV, ...) before sending it.

    Pass values as parameters, never by pasting them into the text.

    \b
    Example:
        graphmodel cypher "MATCH (m:Member {community: $c}) RETURN m.id, m.name LIMIT 5" -p c=demo
    """
    values = queries.typed_assignments(params)
    _emit(app, app.model.cypher(statement, values, max_rows=limit, timeout=timeout), fmt, limit)
