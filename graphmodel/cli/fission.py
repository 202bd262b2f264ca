"""`graphmodel fission`: cascade trees, who drives them, critical points."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import (
    as_of_option,
    community_option,
    format_option,
    lang_option,
    lock_wait_option,
    top_option,
    write_option,
)
from graphmodel.core.asof import AsOf
from graphmodel.core.output import render
from graphmodel.fission import FissionSummary
from graphmodel.fission.analysis import headline
from graphmodel.fission.critical import CriticalPoint


@click.command("fission")
@community_option()
@as_of_option("shares")
@click.option("--period", type=click.Choice(["day", "week", "month"]), default=None,
              help="Period for growth and critical points [config: [fission] period; default month].")
@click.option("--layering-depth", type=click.IntRange(0), default=None,
              help="Generations below a root the layering norm allows; deeper chains are "
                   "flagged [config: [thresholds] layering_depth; default 2].")
@top_option(None, "Rows per ranked list [config: [fission] top; default 20].")
@write_option("the run, its cascades, members' cascade places, inviters' quality and fraud signals")
@format_option("table", "json")
@lang_option("Language of the evidence in tables (JSON holds both).")
@lock_wait_option()
@pass_app
def fission(app: AppContext, community: str, as_of: AsOf | None, period: str | None,
            layering_depth: int | None, top: int | None, write: bool, fmt: str, lang: str,
            lock_wait: float) -> None:
    """Cascade trees of shares and invitations (裂变): who reached whom (earliest share
    wins), size, depth, breadth, conversion, reproduction and structural virality per
    cascade; the members and roles that drive fission; first-layer versus open
    fission; outsider -> KOL connectors; chains deeper than the layering norm; growth
    per period and the headcount at which cascades began to sustain themselves. And
    whether it is real: per inviter and per channel, the joins that became active and
    stayed, who left, second-generation joins; fraud signals (bursts, star farms,
    quick leavers, rings, new-account chains, low retention) with their evidence;
    internal echo among staff or small circles; first-layer versus open fission and
    the critical point on activated joins. It waits for a load, analysis or fission run
    of the same community to finish (--lock-wait).

    \b
    Example:
        graphmodel fission --community demo
        graphmodel fission --community demo --as-of 2024-06-30 --period week --format json
    """
    summary = app.model.fission(community, as_of=as_of, write=write, lock_wait=lock_wait, period=period,
                                layering_depth=layering_depth, top=top)
    if fmt == "json":
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        return
    for title, columns, rows in summary_tables(summary, lang):
        click.echo(f"\n{title}")
        click.echo(render(columns, rows, "table"))


def summary_tables(summary: FissionSummary,
                   lang: str = "en") -> list[tuple[str, Sequence[str], list[dict[str, Any]]]]:
    """The summary as titled tables (title, columns, rows); evidence in ``lang``."""
    zh = lang == "zh"
    when = f" as of {summary.as_of}" if summary.as_of else ""
    figures = headline(summary)
    figures["critical_point"] = _point(summary.critical_point)
    if summary.invitations is not None:
        q = summary.invitations
        figures.update({"activated_joins": q.activated, "activation_rate": q.activation_rate,
                        "retention_rate": q.retention_rate, "left_share": q.left_share,
                        "activated_critical_point": _point(summary.activated_critical_point)})
    figures["generation_reproduction"] = ", ".join(f"{r:.2f}" for r in
                                                   summary.generation_reproduction[:8])
    tables: list[tuple[str, Sequence[str], list[dict[str, Any]]]] = [
        (f"Fission 裂变 of {summary.community}{when}", ("figure", "value"),
         [{"figure": k, "value": v} for k, v in figures.items()])]
    cascade_columns = ("root", "root_class", "size", "depth", "breadth", "structural_virality",
                       "shares", "joins", "activated", "conversion", "started_at")
    tables.append(("Largest cascades 最大的裂变树", cascade_columns,
                   [asdict(c) for c in summary.top_cascades]))
    tables.append(("Who starts cascades 谁发起裂变", (
        "root_class", "label_zh", "cascades", "lone_roots", "reached", "largest", "mean_size",
        "mean_virality", "joins"), [asdict(r) for r in summary.by_root_class]))
    tables.append(("First-layer vs open fission 首层裂变与开放裂变", (
        "kind", "sharers", "reached", "joins", "share_of_reached", "activated", "share_of_activated"),
        [asdict(k) for k in summary.share_kinds]))
    tables.append(("Top spreaders 传播者", (
        "member", "role_class", "cascade_root", "generation", "direct_reach", "downstream_reach",
        "shares", "conversions", "conversion", "downstream_joins"),
        [asdict(s) for s in summary.spreaders]))
    tables.append(("Outsider -> KOL connectors 外部连接者", (
        "outsider", "leader", "leader_reach", "outsider_other_reach", "cascade_root",
        "reached_at_generation"), [asdict(c) for c in summary.connectors]))
    tables.append((f"Chains deeper than {summary.layering_depth} generations "
                   f"({summary.deep_cascades} cascades) 超出分层规范的链条", (
                       "root", "root_class", "depth", "beyond_norm", "path"),
                   [{**asdict(d), "path": " > ".join(d.path)} for d in summary.deep_chains]))
    tables.append((f"Growth per {summary.period} 增长与临界点", (
        "period", "joined", "members", "joined_by_share", "entered", "reached_later",
        "reproduction", "active_entered", "active_brought", "active_reproduction"),
        [asdict(g) for g in summary.growth]))
    decay = summary.repeat_decay
    tables.append((f"Repeated shares by {decay.grouping} ({decay.groups} groups repeat; "
                   f"decay {_ratio(decay.decay)}) 重复分享衰减", (
                       "repeat_from", "repeat_to", "shares", "reached_new", "inside_group",
                       "new_rate"), [asdict(b) for b in decay.buckets]))
    quality_columns = ("invited", "joined", "activated", "retained", "retention_eligible", "retained_long",
                       "left", "left_soon", "downstream_joins", "became_leader")
    tables.append(("Inviters by quality 邀请人质量", ("member", "role_class", *quality_columns, "flags"),
                   [_quality_row(i, i.invited) for i in summary.inviters]))
    tables.append(("Channels 渠道", ("channel", "sharers", "shares", *quality_columns, "flagged_joins", "flags"),
                   [_quality_row(c, c.invited) for c in summary.channels]))
    tables.append(("Fraud signals 作弊信号", ("member", "kind", "evidence"),
                   [{"member": i.member, "kind": f.label_zh if zh else f.label,
                     "evidence": f.evidence_zh if zh else f.evidence}
                    for i in summary.flagged for f in i.flags]
                   + [{"member": f"channel {c.channel}", "kind": f.label_zh if zh else f.label,
                       "evidence": f.evidence_zh if zh else f.evidence}
                      for c in summary.channels for f in c.flags]))
    tables.append(("Internal echo 内部自嗨", ("kind", "members", "cascades", "evidence", "lever"),
                   [{"kind": e.kind if e.group is None else f"{e.kind} {e.group}",
                     "members": ", ".join(e.members), "cascades": ", ".join(e.cascades),
                     "evidence": e.evidence_zh if zh else e.evidence, "lever": e.lever_zh if zh else e.lever}
                    for e in summary.echo]))
    return tables


def _quality_row(row: Any, invited: int) -> dict[str, Any]:
    figures = asdict(row.quality)
    return {**asdict(row), **figures, "invited": invited,
            "flags": ", ".join(f.kind for f in row.flags)}


def _point(point: CriticalPoint | None) -> str:
    if point is None:
        return "none yet"
    return (f"{point.period} at {point.headcount} members ({point.headcount_basis}), "
            f"R={point.reproduction:.2f}" + (" from the start" if point.from_start else ""))


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"
