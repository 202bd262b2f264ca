"""Everything the HTML report draws, made from the report document: the charts, the map of
circles, the member views (ego networks, cascade trees), circle evolution and trends.
Each piece is escaped markup (``markupsafe.Markup``) ready for the template."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from graphmodel.report import charts
from graphmodel.report.cascade_svg import draw_cascade, role_legend
from graphmodel.report.circle_events_svg import draw_circle_events, run_labels
from graphmodel.report.circle_map import circle_map
from graphmodel.report.circle_map_svg import MapView, draw_circle_map, member_names
from graphmodel.report.ego_svg import draw_ego, ego_legend
from graphmodel.report.messages import Words, is_share
from graphmodel.report.palette import circle_colours
from graphmodel.report.presenter import trend_series

NORM_ROLES = {"leader": 0.01, "participant": 0.09, "lurker": 0.9}


@dataclass(frozen=True)
class MemberView:
    anchor: str
    heading: str
    badges: str
    note: str
    svg: Markup
    legend: Markup
    query: str


@dataclass(frozen=True)
class HtmlViews:
    charts: dict[str, Markup]
    circle_map: MapView
    egos: list[MemberView]
    trees: list[MemberView]
    tree_legend: Markup
    circle_events: Markup
    trends: list[Markup] = field(default_factory=list)


def html_views(doc: dict[str, Any], words: Words) -> HtmlViews:
    colours = circle_colours(doc)
    trees = doc.get("member_views", {}).get("cascade_trees", [])
    return HtmlViews(
        charts=chart_views(doc, words), circle_map=draw_circle_map(circle_map(doc), doc, words),
        egos=ego_views(doc, words, colours), trees=tree_views(doc, words),
        tree_legend=role_legend(trees, words) if trees else Markup(""),
        circle_events=draw_circle_events(doc.get("circle_events") or [], doc.get("changes", {}).get("runs", []),
                                         run_labels(_event_runs(doc), doc.get("trends"), words), words),
        trends=trend_views(doc, words))


def chart_views(doc: dict[str, Any], words: Words) -> dict[str, Markup]:
    mix = {r["role"]: r["share"] for r in doc["role_mix"]}
    order = [*NORM_ROLES, *(r["role"] for r in doc["role_mix"] if r["role"] not in NORM_ROLES)]
    out = {"role_mix": charts.bars(
        words.t("role_mix"), [words.role(r) for r in order],
        [(words.t("observed"), [mix.get(r, 0.0) for r in order]),
         (words.t("norm") + " 1:9:90", [NORM_ROLES.get(r, 0.0) for r in order])], percent=True)}
    dist = doc["activity"]["distribution"]
    out["activity"] = charts.bars(
        words.t("activity"), [f'{words.fmt.count(d["from_interactions"])}–{words.fmt.count(d["to_interactions"])}'
                              for d in dist],
        [(words.t("members"), [d["members"] for d in dist])])
    growth = doc["growth"][-36:]
    out["growth"] = charts.columns(
        words.t("growth"), [words.fmt.month(g["month"]) for g in growth],
        [(words.t("invited"), [g["joined_by_invitation"] for g in growth]),
         (words.t("joined"), [g["joined"] - g["joined_by_invitation"] for g in growth])])
    depths = doc["fission"]["depths"]
    if depths:
        out["cascade_depth"] = charts.bars(
            words.t("cascade_depth"), [words.fmt.count(d["depth"]) for d in depths],
            [(words.label("figure", "cascades"), [d["cascades"] for d in depths])])
    channels = [c for c in (doc["fission"].get("channels") or []) if isinstance(c, dict)][:10]
    if channels:
        steps = [k for k in ("invited", "joined", "activated", "retained") if any(k in c for c in channels)]
        out["channels"] = charts.bars(
            words.t("channels"), [str(c.get("channel") or words.t("none")) for c in channels],
            [(words.label("figure", k), [_amount(c.get(k)) for c in channels]) for k in steps])
    return {k: Markup(v) for k, v in out.items()}  # charts escape every label they draw


def ego_views(doc: dict[str, Any], words: Words, colours: dict[int, str]) -> list[MemberView]:
    out: list[MemberView] = []
    for network in doc.get("member_views", {}).get("ego_networks", []):
        centre = network["centre"]
        badges = []
        if network.get("leader_rank"):
            badges.append(words.t("as_leader", rank=network["leader_rank"]))
        if network.get("connector_rank"):
            badges.append(words.t("as_connector", rank=network["connector_rank"]))
        note = words.t("ego_of", shown=words.fmt.count(len(network["first"])),
                       degree=words.fmt.count(network["degree"]), second=words.fmt.count(len(network["second"])))
        out.append(MemberView(
            anchor=f"ego-{len(out)}", heading=f'{centre.get("name") or centre["member_id"]} ({centre["member_id"]})',
            badges=" · ".join(badges), note=note, svg=draw_ego(network, colours, words),
            legend=ego_legend(network, colours, words),
            query=f'graphmodel query member_neighbourhood -p community={doc["community"]} '
                  f'-p member={centre["member_id"]}'))
    return out


def tree_views(doc: dict[str, Any], words: Words) -> list[MemberView]:
    names = member_names(doc)
    out: list[MemberView] = []
    for tree in doc.get("member_views", {}).get("cascade_trees", []):
        root = tree["root"]
        note = words.t("tree_of", size=words.fmt.count(tree["size"]), depth=words.fmt.count(tree["depth"]),
                       shown=words.fmt.count(len(tree["members"])))
        if tree.get("structural_virality") is not None:
            note += f' · {words.t("virality")} {words.fmt.number(tree["structural_virality"], 2)}'
        out.append(MemberView(
            anchor=f"tree-{len(out)}", heading=f"{names.get(root, root)} ({root})", badges="", note=note,
            svg=draw_cascade(tree, words), legend=Markup(""),
            query=f'graphmodel query cascade_members -p community={doc["community"]} -p root={root}'))
    return out


def trend_views(doc: dict[str, Any], words: Words) -> list[Markup]:
    out = []
    for figure, rows in trend_series(doc):
        labels = run_labels([str(p.get("run")) for p in rows], doc.get("trends"), words)
        share = is_share(figure)
        values = [float(p["value"]) if _is_number(p.get("value")) else None for p in rows]
        shown = [words.fmt.share(v) if share else words.fmt.number(v, 2) for v in values]
        points = [(labels[str(p.get("run"))], words.label("figure", figure), v) for p, v in zip(rows, values)]
        out.append(Markup(charts.trend(words.label("figure", figure), points, shown)))
    return out


def _event_runs(doc: dict[str, Any]) -> list[str]:
    return sorted({str(e.get(k)) for e in doc.get("circle_events") or [] for k in ("run_before", "run_after")
                   if isinstance(e, dict) and e.get(k) is not None})


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _amount(value: Any) -> float:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (list, tuple)):
        return float(len(value))
    return 0.0
