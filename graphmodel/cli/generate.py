"""`graphmodel generate`: a synthetic community in the interchange format."""

from __future__ import annotations

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.core.errors import ConfigurationError
from graphmodel.generate import CHANGES, PROBLEMS, GeneratorOptions, generate_community


@click.command("generate")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--members", "-n", type=click.IntRange(300), default=2_000, show_default=True,
              help="Members (outsiders come on top).")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed: same seed, same files.")
@click.option("--interactions-per-member", type=click.FloatRange(0.5), default=10.0, show_default=True,
              help="Interactions per member on average.")
@click.option("--start", default="2024-01-01", show_default=True, help="First day of the period (UTC).")
@click.option("--end", default="2024-12-31", show_default=True, help="Last day of the period (UTC).")
@click.option("--problems", default="", show_default=False,
              help="Planted problems, comma-separated, or 'all': no_leaders, novice_only, "
                   "deep_chain, single_bridge, fission_fraud.")
@click.option("--changes", default="", show_default=False,
              help="Planted change over time, comma-separated, or 'all': quiet_leader, departures, "
                   "circle_split, weak_cohort (truth.json says where and when).")
@pass_app
def generate(app: AppContext, directory: str, members: int, seed: int, interactions_per_member: float,
             start: str, end: str, problems: str, changes: str) -> None:
    """Write a synthetic community that behaves as the domain describes: managers, seed
    users, opinion leaders with followers in Dunbar-sized circles, 1:9:90 activity,
    invitation cascades over several generations, offline events that keep members
    active longer, role changes over time, and optional planted problems and change
    over time. Also writes truth.json: what was planted, to check the analysis finds it.

    \b
    Example:
        graphmodel generate demo-data --members 2000 --seed 7 --problems all --changes all
        graphmodel load csv demo-data --community demo
    """
    chosen = PROBLEMS if problems.strip() == "all" else tuple(p.strip() for p in problems.split(",") if p.strip())
    changing = CHANGES if changes.strip() == "all" else tuple(c.strip() for c in changes.split(",") if c.strip())
    try:
        truth = generate_community(directory, GeneratorOptions(
            members=members, seed=seed, interactions_per_member=interactions_per_member,
            start=start, end=end, problems=chosen, changes=changing))
    except ValueError as error:
        raise ConfigurationError(str(error)) from None
    click.echo(f"{directory}: {truth.members:,} members, {truth.outsiders:,} outsiders, "
               f"{truth.interactions:,} interactions, {truth.shares:,} shares, {truth.events} events, "
               f"{truth.circles} circles; planted: {', '.join([*truth.problems, *truth.changes]) or 'nothing'}")
