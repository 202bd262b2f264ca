"""`graphmodel demo`: the whole pipeline on the bundled demo community."""

from __future__ import annotations

import click

from graphmodel.cli import AppContext, pass_app


@click.command("demo")
@pass_app
def demo(app: AppContext) -> None:
    """Set up everything and run the pipeline on the bundled demo community.

    Starts the local server if needed (assembling it with Maven on first use).

    \b
    Example:
        graphmodel demo
    """
    from graphmodel.demo import run_demo

    result = run_demo(app.connect(), app.echo)
    for step in result.steps:
        click.echo(f"- {step}")
    for row in result.top_members:
        click.echo(f"  {row['member']}: {row['score']:.3f}")
