"""Drawing the map of circles (laid out by ``circle_map``) as inline SVG, with a details
panel for every circle and connector that the page's script shows on hover, focus or click
(without the script, the largest circle's details show)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from graphmodel.report.circle_map import CONNECTOR_RADIUS, CircleMap
from graphmodel.report.messages import Words
from graphmodel.report.palette import circle_colours
from graphmodel.report.svg import element, fit, join, text_width, title

LABELLED_CONNECTORS = 5
TIES_LISTED = 5


@dataclass(frozen=True)
class MapView:
    svg: Markup
    details: Markup   # one panel per circle and connector, all but the first hidden
    legend: Markup


def draw_circle_map(cmap: CircleMap, document: dict[str, Any], words: Words) -> MapView:
    names = member_names(document)
    colours = circle_colours(document)
    circles = {c["circle_id"]: c for c in document["circles"]}
    discs = {d.circle_id: d for d in cmap.discs}
    peak = max((link.ties for link in cmap.links), default=1)
    ranked = {c["member_id"]: c for c in document.get("connectors", [])}
    parts: list[Markup] = []
    for link in cmap.links:
        a, b = discs[link.a], discs[link.b]
        share = math.sqrt(link.ties / peak)
        parts.append(element("line", {"class": "tie", "data-a": link.a, "data-b": link.b, "x1": a.x, "y1": a.y,
                                      "x2": b.x, "y2": b.y, "stroke-width": round(0.6 + 3.4 * share, 2),
                                      "stroke-opacity": round(0.18 + 0.5 * share, 2)},
                             title(f'{words.t("circle_n", id=link.a)} – {words.t("circle_n", id=link.b)}: '
                                   f'{words.t("member_pairs", n=words.fmt.count(link.ties))}')))
    for k, connector in enumerate(cmap.connectors):
        for circle, _members in connector.circles:
            d = discs[circle]
            parts.append(element("line", {"class": "spoke", "data-connector": k, "x1": connector.x, "y1": connector.y,
                                          "x2": d.x, "y2": d.y}))
    for d in cmap.discs:
        circle = circles[d.circle_id]
        leader = names.get(d.leader, d.leader) if d.leader else None
        tip = (f'{words.t("circle_n", id=d.circle_id)} · {words.t("circle_members", n=words.fmt.count(d.size))} · '
               f'{words.t("leader")}: {leader or words.t("no_leader")}')
        labels = [element("text", {"class": "disc-id", "x": d.x, "y": d.y + (4 if d.r < 24 else -2)},
                          str(d.circle_id))] if d.r >= 10 else []
        if d.r >= 24:
            size = words.fmt.count(d.size)  # in full where it fits, else short (1.2K, 1.2万)
            size = size if text_width(size, 10) <= 1.6 * d.r else words.fmt.compact(d.size)
            labels.append(element("text", {"class": "disc-size", "x": d.x, "y": d.y + 11}, size))
        if d.r >= 38 and leader:
            labels.append(element("text", {"class": "disc-leader", "x": d.x, "y": d.y + 24},
                                  fit(leader, 1.6 * d.r, 10)))
        parts.append(element(
            "g", {"class": "disc" + ("" if circle.get("leader") else " leaderless"), "tabindex": 0,
                  "data-circle": d.circle_id, "data-detail": f"detail-circle-{d.circle_id}"},
            title(tip),
            element("circle", {"cx": d.x, "cy": d.y, "r": d.r, "fill": colours.get(d.circle_id, "#ccc")}),
            *labels))
    taken = [_label_box(d) for d in cmap.discs if d.r >= 10]
    for k, connector in enumerate(cmap.connectors):
        row = ranked.get(connector.member_id, {})
        name = row.get("name") or connector.member_id
        s = CONNECTOR_RADIUS
        diamond = f"M{connector.x:.1f},{connector.y - s:.1f} l{s},{s} l{-s},{s} l{-s},{-s} z"
        group = [title(f'{words.t("legend_connector")} #{row.get("rank", k + 1)} · {name}'),
                 element("path", {"d": diamond})]
        shown = fit(name, 90, 10)
        box = (connector.x + s + 3, connector.y - 7, connector.x + s + 3 + text_width(shown, 10), connector.y + 5)
        if k < LABELLED_CONNECTORS and not any(_overlaps(box, other) for other in taken):
            taken.append(box)  # named only where the name covers no other label
            group.append(element("text", {"class": "connector-name", "x": box[0], "y": connector.y + 4}, shown))
        parts.append(element("g", {"class": "connector", "tabindex": 0, "data-connector": k,
                                   "data-detail": f"detail-connector-{k}"}, *group))
    x, y, w, h = cmap.box
    svg = element("svg", {"id": "circle-map", "xmlns": "http://www.w3.org/2000/svg",
                          "viewBox": f"{x:.1f} {y:.1f} {w:.1f} {h:.1f}", "role": "img",
                          "aria-label": words.t("circle_map")}, *parts)
    return MapView(svg, _details(cmap, document, words, names), _legend(cmap, words))


def _label_box(d) -> tuple[float, float, float, float]:
    """Where a disc's own labels (number, size, leader) are drawn."""
    half = min(d.r * 0.8, 45.0)
    return d.x - half, d.y - 14, d.x + half, d.y + (28 if d.r >= 38 else 14 if d.r >= 24 else 6)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def member_names(document: dict[str, Any]) -> dict[str, str]:
    """Member id -> name for every member the document names."""
    names: dict[str, str] = {}
    for row in [*document.get("member_views", {}).get("named", []), *document.get("leaders", []),
                *document.get("connectors", [])]:
        if row.get("name"):
            names.setdefault(row["member_id"], row["name"])
    return names


def _details(cmap: CircleMap, document: dict[str, Any], words: Words, names: dict[str, str]) -> Markup:
    circles = {c["circle_id"]: c for c in document["circles"]}
    ties: dict[int, list[tuple[int, int]]] = {}
    for link in cmap.links:
        ties.setdefault(link.a, []).append((link.ties, link.b))
        ties.setdefault(link.b, []).append((link.ties, link.a))
    touching: dict[int, list[str]] = {}
    for connector in cmap.connectors:
        for circle, _ in connector.circles:
            touching.setdefault(circle, []).append(names.get(connector.member_id, connector.member_id))
    ranked = {c["member_id"]: c for c in document.get("connectors", [])}
    panels = []
    for n, disc in enumerate(cmap.discs):
        c = circles[disc.circle_id]
        leader = c.get("leader")
        rows = [(words.t("size"), words.fmt.count(c["size"])),
                (words.t("leader"), f"{names.get(leader, leader)} ({leader})" if leader else words.t("no_leader")),
                (words.t("conductance"), words.fmt.number(c.get("conductance"))),
                (words.t("density"), words.fmt.number(c.get("density")))]
        strongest = sorted(ties.get(disc.circle_id, []), key=lambda t: (-t[0], t[1]))[:TIES_LISTED]
        if strongest:
            rows.append((words.t("tied_circles"), "; ".join(
                f'{words.t("circle_n", id=other)}: {words.t("member_pairs", n=words.fmt.count(w))}'
                for w, other in strongest)))
        if touching.get(disc.circle_id):
            rows.append((words.t("listed_connectors"), ", ".join(touching[disc.circle_id])))
        panels.append(_panel(f"detail-circle-{disc.circle_id}", words.t("circle_n", id=disc.circle_id), rows,
                             hidden=n > 0))
    for k, connector in enumerate(cmap.connectors):
        row = ranked.get(connector.member_id, {})
        name = row.get("name") or connector.member_id
        heading = words.t("connector_heading", rank=row.get("rank", k + 1), name=name)
        rows = [(words.t("member"), connector.member_id + (f' ({words.t("outsider_connector")})'
                                                           if row.get("external") else "")),
                (words.t("joins_circles"), "; ".join(
                    f'{words.t("circle_n", id=circle)}: {words.t("circle_members", n=words.fmt.count(m))}'
                    for circle, m in connector.circles)),
                (words.t("evidence"), row.get("evidence") or "")]
        panels.append(_panel(f"detail-connector-{k}", heading, rows, hidden=True))
    return join(panels)


def _panel(ident: str, heading: str, rows: list[tuple[str, str]], hidden: bool) -> Markup:
    items = [Markup("").join([element("dt", None, key), element("dd", None, value or "–")]) for key, value in rows]
    return element("div", {"class": "map-detail", "id": ident, "hidden": "hidden" if hidden else None},
                   element("h3", None, heading), element("dl", None, *items))


def _legend(cmap: CircleMap, words: Words) -> Markup:
    def swatch(inner: Markup, text: str) -> Markup:
        icon = element("svg", {"width": 26, "height": 16, "viewBox": "0 0 26 16", "aria-hidden": "true"}, inner)
        return element("span", {"class": "legend-item"}, icon, text)

    items = [
        swatch(element("circle", {"cx": 13, "cy": 8, "r": 7, "fill": "hsl(210,58%,52%)"}), words.t("legend_disc")),
        swatch(element("circle", {"cx": 13, "cy": 8, "r": 6, "fill": "#ddd", "stroke": "#b00020",
                                  "stroke-dasharray": "3 2", "stroke-width": 2}), words.t("legend_leaderless")),
        swatch(element("line", {"x1": 1, "y1": 8, "x2": 25, "y2": 8, "stroke": "#6b7b8c", "stroke-width": 3}),
               words.t("legend_tie")),
        swatch(element("path", {"d": "M13,2 l6,6 l-6,6 l-6,-6 z", "fill": "#222"}), words.t("legend_connector")),
    ]
    shown = words.t("map_shown", shown=words.fmt.count(len(cmap.discs)), total=words.fmt.count(cmap.total))
    return element("div", {"class": "legend"}, *items, element("span", {"class": "legend-note"}, shown))
