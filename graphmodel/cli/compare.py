"""`graphmodel compare`: communities, or cohorts of one, side by side against the norms."""

from __future__ import annotations

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import format_option, lang_option
from graphmodel.core.output import render
from graphmodel.report.compare_render import comparison_table, render_comparison


@click.command("compare")
@click.option("--community", "-c", "communities", multiple=True, required=True,
              help="A community id; give two or more, or one with two or more --cohort.")
@click.option("--cohort", "cohorts", multiple=True,
              help="Members who joined in a period: joined:FROM..TO, months or days, both ends included "
                   "(joined:2024-01..2024-06, joined:2024-03-01..2024-03-31, joined:..2023-12).")
@format_option("table", "json", "md", "html",
               help="table: for the terminal; json: the figures unformatted; md: for chats and wikis; "
                    "html: one self-contained page.")
@lang_option()
@click.option("--output", "-o", default=None, help="Write to this file instead of stdout.")
@pass_app
def compare(app: AppContext, communities: tuple[str, ...], cohorts: tuple[str, ...], fmt: str, lang: str,
            output: str | None) -> None:
    """Put communities (their latest analysis runs), or cohorts of one community by when
    they joined, side by side with the norms: the role mix against 1:9:90, the active
    share against ~5%, circle sizes against Dunbar's 50/150, layering depth, retention
    overall and by entry threshold, and fission (invited members, members brought in).

    \b
    Example:
        graphmodel compare --community camp-2024 --community camp-2025
        graphmodel compare --community demo --cohort joined:2024-03..2024-04 --cohort joined:2024-05..2024-06
    """
    comparison = app.model.compare(list(communities), cohorts=list(cohorts))
    if fmt == "table":
        columns, rows = comparison_table(comparison, lang)
        text = render(columns, rows, "table") + "\n"
    else:
        text = render_comparison(comparison, fmt, lang)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        click.echo(output)
    else:
        click.echo(text, nl=False)
