"""`graphmodel demo`: the whole pipeline on the bundled demo community."""

from __future__ import annotations

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import lang_option


@click.command("demo")
@lang_option("Language of the report and the summary.")
@click.option("--output", "-o", default=None,
              help="Where to write the HTML report [default: GRAPHMODEL_HOME/demo-report.html].")
@pass_app
def demo(app: AppContext, lang: str, output: str | None) -> None:
    """Set up everything and run the operator's path on the bundled demo community.

    Starts the local server if needed (assembling it with Maven on first use), generates
    a 2,000-member demo community with planted problems (seed 7), loads it as community
    'demo', analyses it (leaders, connectors, circles, roles, imbalances), computes its
    fission and writes an HTML report. Prints a short summary and the report's path.
    Running it again replaces the demo community with the same one.

    \b
    Example:
        graphmodel demo
        graphmodel demo --lang zh
    """
    result = app.model.demo(lang=lang, output=output)
    zh = lang == "zh"
    click.echo(("社群 " if zh else "community ") + result.community)
    click.echo(f"- 载入 {result.loaded:,} 行（拒绝 {result.rejected:,} 行）" if zh else
                f"- loaded {result.loaded:,} rows ({result.rejected:,} rejected)")
    click.echo(("- 意见领袖: " if zh else "- leaders: ") + ", ".join(result.leaders))
    click.echo(("- 连接者: " if zh else "- connectors: ") + ", ".join(result.connectors))
    click.echo(f"- 圈子: {result.circles}" if zh else f"- circles: {result.circles}")
    click.echo(f"- 裂变: {result.cascades} 条级联，最深 {result.max_depth} 层" if zh else
                f"- fission: {result.cascades} cascades, deepest {result.max_depth} levels")
    for message in result.imbalances:
        click.echo(("- 失衡: " if zh else "- imbalance: ") + message)
    click.echo(("报告: " if zh else "report: ") + str(result.report))
