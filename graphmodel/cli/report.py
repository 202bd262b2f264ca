"""`graphmodel report`: the latest analysis as a report an operator acts on."""

from __future__ import annotations

import click

from graphmodel.cli import AppContext, cli, pass_app


@cli.command("report")
@click.option("--community", "-c", required=True, help="The community id.")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html", show_default=True,
              help="html: one self-contained file (works offline); md: for chats and wikis; json: for machines.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="Language.")
@click.option("--output", "-o", default=None,
              help="File to write [default: COMMUNITY-report.FORMAT]; '-' writes to stdout.")
@click.option("--run", default=None, help="An analysis run id [default: the latest].")
@pass_app
def report(app: AppContext, community: str, fmt: str, lang: str, output: str | None, run: str | None) -> None:
    """Turn the latest analysis (and fission run) into a report: a one-screen summary with
    a health verdict and the top three gaps with their levers; leaders; connectors;
    circles with a map; the role mix against 1:9:90; imbalance findings; fission;
    changes since the previous run; recommendations. Each figure names the named
    query (graphmodel query NAME) that reproduces it. Prints the path written.

    \b
    Example:
        graphmodel report --community demo --format html --lang zh
        graphmodel report --community demo --format json --output -
    """
    from graphmodel.report import report_text, write_report

    if output == "-":
        click.echo(report_text(app.connect(), community, fmt, lang, run), nl=False)
        return
    path = write_report(app.connect(), community, output or f"{community}-report.{fmt}", fmt, lang, run)
    click.echo(str(path))
