"""`graphmodel report`: the latest analysis as a report an operator acts on."""

from __future__ import annotations

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import community_option, format_option, lang_option
from graphmodel.core.community_ids import file_slug


@click.command("report")
@community_option()
@format_option("html", "md", "json",
               help="html: one self-contained file (works offline); md: for chats and wikis; json: for machines.")
@lang_option()
@click.option("--output", "-o", default=None,
              help="File to write [default: COMMUNITY-report.FORMAT in this folder, the id made "
                   "safe for a file name]; '-' writes to stdout.")
@click.option("--run", default=None, help="An analysis run id [default: the latest].")
@click.option("--pseudonymise", "--pseudonymize", "pseudonymise", is_flag=True,
              help="Stable salted pseudonyms (M-...) in place of every member id and name, for sharing "
                   "outside the team; the salt: GRAPHMODEL_PSEUDONYM_SALT or HOME/pseudonym-salt.")
@pass_app
def report(app: AppContext, community: str, fmt: str, lang: str, output: str | None, run: str | None,
           pseudonymise: bool) -> None:
    """Turn the latest analysis (and fission run) into a report: a one-screen summary with
    a health verdict and the top three gaps with their levers; leaders; connectors;
    circles with a map; the role mix against 1:9:90; imbalance findings; fission;
    changes since the previous run; recommendations. Each figure names the named
    query (graphmodel query NAME) that reproduces it. Prints the path written.

    \b
    Example:
        graphmodel report --community demo --format html --lang zh
        graphmodel report --community demo --format json --output -
        graphmodel report --community demo --pseudonymise --output shared/demo.html
    """
    if output == "-":
        click.echo(app.model.report(community, format=fmt, lang=lang, run=run, pseudonymise=pseudonymise),
                   nl=False)
        return
    path = app.model.report(community, format=fmt, lang=lang, run=run, pseudonymise=pseudonymise,
                            output=output or f"{file_slug(community)}-report.{fmt}")
    click.echo(str(path))
