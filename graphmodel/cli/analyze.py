"""`graphmodel analyze`: leaders, connectors, circles, inferred roles and role imbalance (GDS)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from graphmodel.analysis import AnalysisResult
from graphmodel.analysis.betweenness import precision_text
from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import (
    as_of_option,
    community_option,
    format_option,
    lock_wait_option,
    top_option,
    write_option,
)
from graphmodel.core.asof import AsOf
from graphmodel.core.output import render


@click.command("analyze")
@community_option()
@as_of_option()
@top_option(10)
@write_option()
@format_option("table", "json")
@lock_wait_option()
@pass_app
def analyze(app: AppContext, community: str, as_of: AsOf | None, top: int, write: bool, fmt: str,
            lock_wait: float) -> None:
    """Find the community's structure with Neo4j Graph Data Science and write it back:
    leaders (PageRank on weighted ties, with activity), connectors (betweenness,
    articulation points, bridges, participation coefficient), circles (seeded
    Leiden, with modularity and conductance), an inferred role for every member
    compared with the declared ones, the role-imbalance findings against the norms
    (1:9:90, ~5% active, Dunbar 50/150, two-level layering), the members at risk of
    leaving and what became of the circles since the run before in time order.
    Activity is counted in the last active_window_days (30) before the end (--as-of,
    else the latest recorded time); ties fade with tie_half_life_days (90). Parameters
    and thresholds come from the config file's [analysis] and [thresholds] tables. It
    waits for a load, analysis or fission run of the same community to finish
    (--lock-wait).

    \b
    Example:
        graphmodel analyze --community demo
        graphmodel analyze --community demo --as-of 2024-06-30 --format json
    """
    result = app.model.analyze(community, as_of=as_of, write=write, lock_wait=lock_wait, top=top)
    if fmt == "json":
        click.echo(json.dumps(result_summary(result, top), ensure_ascii=False, indent=2, default=str))
        return
    for title, columns, rows in result_tables(result, top):
        click.echo(f"\n{title}")
        click.echo(render(columns, rows, "table"))


def result_summary(result: AnalysisResult, top: int) -> dict[str, Any]:
    """The headline of a result as plain data (member lists of circles left out)."""
    return {
        "run": asdict(result.run), "figures": result.figures,
        "leaders": [asdict(m) for m in result.leaders[:top]],
        "connectors": [asdict(m) for m in result.connectors[:top]],
        "circles": [{k: v for k, v in asdict(c).items() if k != "members"} for c in result.circles[:top]],
        "mismatches": [asdict(m) for m in result.mismatches[:top]],
        "imbalances": [asdict(f) for f in result.imbalances],
        "at_risk": [asdict(m) for m in result.at_risk[:top]],
        "circle_events": [asdict(e) for e in result.circle_events if e.event != "continue"][:top],
    }


def result_tables(result: AnalysisResult, top: int) -> list[tuple[str, tuple[str, ...], list[dict[str, Any]]]]:
    run, figures = result.run, result.figures
    headline = {
        "run": run.id, "members": run.members, "outsiders": run.outsiders, "ties": run.relationships,
        "circles": len(result.circles), "modularity": round(run.modularity or 0, 3),
        "active_share": figures.get("active_share"), "lurker_share": figures.get("lurker_share"),
        "leaders": len(result.leaders), "connectors": len(result.connectors),
        "betweenness": precision_text(run.betweenness, "en"),
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
        ("At risk of leaving 流失风险", ("member_id", "name", "score", "reasons", "circles", "evidence"),
         [{"member_id": m.member_id, "name": m.name, "score": m.score,
           "reasons": ", ".join(r.kind for r in m.reasons), "circles": ", ".join(map(str, m.circles)),
           "evidence": "; ".join(r.evidence for r in m.reasons)} for m in result.at_risk[:top]]),
        ("Circle events since the run before 圈子演变", ("event", "before", "after", "overlap", "moved", "joined"),
         [{**asdict(e), "before": ", ".join(map(str, e.before)) or "-", "after": ", ".join(map(str, e.after)) or "-"}
          for e in result.circle_events if e.event != "continue"][:top]),
    ]
