"""`graphmodel query` and `graphmodel cypher`: the analysts' read-only door."""

from __future__ import annotations

import click

from graphmodel import queries
from graphmodel.cli import AppContext, pass_app
from graphmodel.core.output import FORMATS, render


def output_options(function):
    """--format, --limit and --timeout, shared by both commands."""
    function = click.option("--timeout", default=queries.DEFAULT_TIMEOUT, show_default=True,
                            type=float, help="Seconds before the server ends the query.")(function)
    function = click.option("--limit", default=queries.DEFAULT_LIMIT, show_default=True,
                            type=click.IntRange(min=1), help="At most this many rows.")(function)
    function = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                            show_default=True, help="Output format on stdout.")(function)
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
        graphmodel query members_by_role -p community=demo -p role=leader --format csv
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
    result = queries.run_named(app.connect(), name, list(params), limit=limit, timeout=timeout)
    _emit(app, result, fmt, limit)


@click.command("cypher")
@click.argument("statement")
@output_options
@pass_app
def cypher_command(app: AppContext, statement: str, params: tuple[str, ...], fmt: str,
                   limit: int, timeout: float) -> None:
    """Run ad-hoc Cypher in a read transaction: the server rejects any write.

    Pass values as parameters, never by pasting them into the text.

    \b
    Example:
        graphmodel cypher "MATCH (m:Member {community: $c}) RETURN m.id, m.name LIMIT 5" -p c=demo
    """
    result = queries.run_adhoc(app.connect(), statement, list(params), limit=limit, timeout=timeout)
    _emit(app, result, fmt, limit)
