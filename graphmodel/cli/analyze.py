"""`graphmodel analyze`: leaders, connectors, circles, inferred roles and role imbalance (GDS)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from graphmodel.core.asof import AS_OF
from graphmodel.cli import AppContext, cli, pass_app
from graphmodel.core.output import render


@cli.command("analyze")
@click.option("--community", "-c", required=True, help="The community id.")
@click.option("--as-of", "as_of", type=AS_OF, default=None,
              help="Only data up to this date (end of day, UTC) or ISO datetime.")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Rows per ranked list.")
@click.option("--write/--no-write", default=True, show_default=True,
              help="Store the run and its results in the graph.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@pass_app
def analyze_command(app: AppContext, community: str, as_of, top: int, write: bool, fmt: str) -> None:
    """Find the community's structure with Neo4j Graph Data Science and write it back:
    leaders (PageRank on weighted ties, with activity), connectors (betweenness,
    articulation points, bridges, participation coefficient), circles (seeded
    Leiden, with modularity and conductance), an inferred role for every member
    compared with the declared ones, and the role-imbalance findings against the
    norms (1:9:90, ~5% active, Dunbar 50/150, two-level layering). Parameters and
    thresholds come from the config file's [analysis] and [thresholds] tables.

    \b
    Example:
        graphmodel analyze --community demo
        graphmodel analyze --community demo --as-of 2024-06-30 --format json
    """
    from graphmodel.analysis import AnalysisOptions, analyze
    from graphmodel.core.config import analysis_config

    options = AnalysisOptions.from_config(analysis_config(app.settings), top=top)
    result = analyze(app.connect(), community, options, as_of=as_of, echo=app.echo, write=write)
    if fmt == "json":
        click.echo(json.dumps(result_summary(result, top), ensure_ascii=False, indent=2, default=str))
        return
    for title, columns, rows in result_tables(result, top):
        click.echo(f"\n{title}")
        click.echo(render(columns, rows, "table"))


def result_summary(result, top: int) -> dict[str, Any]:
    """The headline of a result as plain data (member lists of circles left out)."""
    return {
        "run": asdict(result.run), "figures": result.figures,
        "leaders": [asdict(m) for m in result.leaders[:top]],
        "connectors": [asdict(m) for m in result.connectors[:top]],
        "circles": [{k: v for k, v in asdict(c).items() if k != "members"} for c in result.circles[:top]],
        "mismatches": [asdict(m) for m in result.mismatches[:top]],
        "imbalances": [asdict(f) for f in result.imbalances],
    }


def result_tables(result, top: int) -> list[tuple[str, tuple[str, ...], list[dict[str, Any]]]]:
    run, figures = result.run, result.figures
    headline = {
        "run": run.id, "members": run.members, "outsiders": run.outsiders, "ties": run.relationships,
        "circles": len(result.circles), "modularity": round(run.modularity or 0, 3),
        "active_share": figures.get("active_share"), "lurker_share": figures.get("lurker_share"),
        "leaders": len(result.leaders), "connectors": len(result.connectors),
        "betweenness": f"sampled from {run.betweenness_sample} sources" if run.betweenness_sample else "exact",
    }
    return [
        ("Analysis 分析", ("figure", "value"), [{"figure": k, "value": v} for k, v in headline.items()]),
        ("Leaders 意见领袖", ("rank", "member_id", "name", "score", "evidence"),
         [asdict(m) for m in result.leaders[:top]]),
        ("Connectors 连接者", ("rank", "member_id", "name", "score", "external", "evidence"),
         [asdict(m) for m in result.connectors[:top]]),
        ("Circles 圈子", ("circle_id", "size", "leader", "conductance", "density"),
         [asdict(c) for c in result.circles[:top]]),
        ("Declared vs inferred roles 声明角色与推断角色", ("member_id", "kind", "declared", "inferred", "evidence"),
         [asdict(m) for m in result.mismatches[:top]]),
        ("Role imbalance 角色失衡", ("severity", "rule", "observed", "expected", "message", "lever"),
         [asdict(f) for f in result.imbalances]),
    ]
