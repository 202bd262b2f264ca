"""The report as a plain, versioned document (the JSON format; HTML and Markdown render it).

Its shape is ``report.schema.json`` (JSON Schema 2020-12), ``schema_version`` 1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from graphmodel.analysis.betweenness import precision_text
from graphmodel.fission.analysis import jsonable
from graphmodel.report.data import AT_RISK_LISTED, LISTED, QUERIES, ReportData
from graphmodel.report.recommend import recommendations
from graphmodel.report.summary import health, top_gaps

SCHEMA_VERSION = 1
# the 1:9:90 norm as primary-role shares
NORM = {"leader": 0.01, "participant": 0.09, "lurker": 0.90}


def build_document(data: ReportData, lang: str = "en") -> dict[str, Any]:
    result = data.analysis
    run = result.run
    zh = lang == "zh"
    mix = Counter({role: count for role, count in data.role_mix.items() if count})
    total = sum(mix.values()) or 1
    return {
        "schema_version": SCHEMA_VERSION,
        "community": data.community,
        "name": data.name,
        "lang": lang,
        "generated_at": data.generated_at.isoformat(),
        "analysis_run": {
            "id": run.id, "started_at": _iso(run.started_at), "as_of": _iso(run.as_of),
            "neo4j_version": run.neo4j_version, "gds_version": run.gds_version,
            "modularity": run.modularity, "betweenness": asdict(run.betweenness)},
        "connectors_precision": precision_text(run.betweenness, lang),
        "size": {"members": run.members, "outsiders": run.outsiders, "ties": run.relationships,
                 "circles": len(result.circles)},
        "summary": {
            "health": health(result), "active_share": result.figures.get("active_share"),
            "lurker_share": result.figures.get("lurker_share"), "top_gaps": top_gaps(result, lang)},
        "leaders": [_ranked(m, zh) for m in result.leaders[:LISTED]],
        "connectors": [{**_ranked(m, zh), "external": m.external} for m in result.connectors[:LISTED]],
        "circles": [{"circle_id": c.circle_id, "size": c.size, "members": list(c.members), "leader": c.leader,
                     "conductance": c.conductance, "density": c.density} for c in result.circles],
        "roles": {m: {"inferred": list(r.inferred), "declared": list(r.declared)} for m, r in result.roles.items()},
        "role_mix": [{"role": role, "members": count, "share": round(count / total, 4),
                      "norm": NORM.get(role)} for role, count in mix.most_common()],
        "imbalances": [{"rule": f.rule, "observed": f.observed, "expected": f.expected, "severity": f.severity,
                        "members": list(f.members), "message": f.message_zh if zh else f.message,
                        "lever": f.lever_zh if zh else f.lever} for f in result.imbalances],
        "mismatches": [asdict(m) for m in result.mismatches[:200]],
        "activity": {"distribution": data.activity, "figures": _activity_figures(result.figures)},
        "growth": data.growth,
        "fission": _fission(data),
        "changes": data.changes,
        "recommendations": recommendations(result, data.fission and {**data.fission, **data.invitations}, lang),
        "circle_ties": data.circle_ties,
        "member_views": jsonable(asdict(data.member_views)),
        "at_risk": [{"member_id": m.member_id, "name": m.name, "score": m.score,
                     "reasons": [asdict(r) for r in m.reasons], "circles": list(m.circles)}
                    for m in result.at_risk[:AT_RISK_LISTED]],
        "circle_events": [{**asdict(e), "before": list(e.before), "after": list(e.after),
                           "moved_members": list(e.moved_members)} for e in data.circle_events],
        "trends": {name: [{"run": p.run, "seen": _iso(p.seen), "value": p.value} for p in points]
                   for name, points in data.trends.items()},
        "queries": QUERIES,
    }


def _ranked(m, zh: bool) -> dict[str, Any]:
    circle = m.metrics.get("circle")
    return {"rank": m.rank, "member_id": m.member_id, "name": m.name, "score": m.score,
            "evidence": m.evidence_zh if zh else m.evidence,
            "circle": None if circle is None or circle < 0 else int(circle)}


def _activity_figures(figures: dict[str, Any]) -> dict[str, Any]:
    keep = ("active_share", "lurker_share", "retention_window_days", "overall", "by_threshold", "by_offline_events")
    return {k: figures[k] for k in keep if k in figures}


def _fission(data: ReportData) -> dict[str, Any]:
    run = data.fission or {}
    return {
        "run": run.get("run"),
        "summary": {k: run.get(k) for k in ("cascades", "reached", "joins", "largest", "max_depth",
                                             "mean_virality", "deep_cascades", "critical_headcount")},
        "cascades": [{"root": c["root"], "size": c["size"], "depth": c["depth"],
                      "structural_virality": c["structural_virality"], "joins": c.get("joins"),
                      "root_class": c.get("root_class")} for c in data.cascades],
        "depths": data.cascade_depths,
        "spreaders": data.spreaders,
        **_invitations(data),
    }


INVITER_KEYS = ("member_id", "name", "invited", "joined", "activated", "retained", "retention_eligible",
                "retained_long", "left", "left_share", "left_soon", "downstream_joins", "became_leader")
CHANNEL_KEYS = ("channel", "sharers", "shares", "invited", "joined", "activated", "retained", "retention_eligible",
                "retained_long", "left", "left_share", "left_soon", "downstream_joins", "became_leader",
                "flagged_joins")
ECHO_KEYS = ("kind", "circle", "members", "cascades", "shares", "all_shares", "quarter", "first_new", "last_new",
             "channel", "evidence", "evidence_zh", "lever", "lever_zh")
FLAG_KEYS = ("kind", "label", "label_zh", "evidence", "evidence_zh", "members")


def _invitations(data: ReportData) -> dict[str, Any]:
    """Whether fission is real: inviters and channels by the quality of their joins, with
    their fraud signals; internal echo; first-layer vs open and the critical point on
    activated joins."""
    by_member: dict[str, list[dict[str, Any]]] = {}
    by_channel: dict[str | None, list[dict[str, Any]]] = {}
    for flag in data.fraud_flags:
        shown = {k: flag.get(k) for k in FLAG_KEYS}
        if flag.get("member_id") is not None:
            by_member.setdefault(flag["member_id"], []).append(shown)
        else:
            by_channel.setdefault(flag.get("channel"), []).append(shown)
    q = data.invitations
    kinds = ("first_layer", "open", "outside")
    activated: dict[str, int | None] = {kind: q.get(f"{kind}_activated") for kind in kinds}
    total = sum(a or 0 for a in activated.values())
    split = [{"kind": kind, "joins": q.get(f"{kind}_joins"), "activated": activated[kind],
              "share_of_activated": None if not total or activated[kind] is None
              else round((activated[kind] or 0) / total, 4)} for kind in kinds]
    return {
        "inviters": [{**{k: row.get(k) for k in INVITER_KEYS}, "flags": by_member.get(row["member_id"], [])}
                     for row in data.inviters],
        "channels": [{**{k: row.get(k) for k in CHANNEL_KEYS}, "flags": by_channel.get(row.get("channel"), [])}
                     for row in data.channels],
        "echo": [{k: row.get(k) for k in ECHO_KEYS} for row in data.echo],
        "activated": {
            "joins": q.get("joins"), "activated": q.get("activated_joins"),
            "activation_rate": q.get("activation_rate"), "retention_rate": q.get("retention_rate"),
            "community_retention": q.get("community_retention"), "left_share": q.get("left_share"),
            "split": split,
            "critical_point": _point(q.get("critical_period"), q.get("critical_headcount")),
            "activated_critical_point": _point(q.get("activated_critical_period"),
                                               q.get("activated_critical_headcount")),
        },
    }


def _point(period: Any, headcount: Any) -> dict[str, Any] | None:
    return None if period is None else {"period": period, "headcount": headcount}


def _iso(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "to_native"):
        value = value.to_native()
    return value.isoformat()
