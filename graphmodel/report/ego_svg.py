"""An ego network as inline SVG: the member in the middle, the first step on an inner ring
(grouped by circle, so a circle's members sit together), the second step on an outer ring
beside the first-step member that reaches them; colour is the circle, a hollow dot an
outsider. The second step can be hidden with the box before the drawing (no script)."""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup

from graphmodel.report.messages import Words
from graphmodel.report.palette import NO_CIRCLE
from graphmodel.report.svg import element, fit, title

SIZE = 520.0
INNER, OUTER = 130.0, 220.0
LEGEND_CIRCLES = 8


def draw_ego(network: dict[str, Any], colours: dict[int, str], words: Words) -> Markup:
    centre = network["centre"]
    first, second = network["first"], network["second"]
    mid = SIZE / 2
    own = centre.get("circle")
    counts: dict[Any, int] = {}
    for m in first:
        counts[m.get("circle")] = counts.get(m.get("circle"), 0) + 1
    group = {c: (0 if c == own else 1, -n, -1 if c is None else c) for c, n in counts.items()}
    ordered = sorted(first, key=lambda m: (group[m.get("circle")], -m["weight"], m["member_id"]))
    place: dict[str, tuple[float, float, float]] = {centre["member_id"]: (mid, mid, 0.0)}
    step = 2 * math.pi / max(len(ordered), 1)
    for i, m in enumerate(ordered):
        angle = -math.pi / 2 + i * step
        place[m["member_id"]] = (mid + INNER * math.cos(angle), mid + INNER * math.sin(angle), angle)
    beside: dict[str, list[dict[str, Any]]] = {}
    for m in second:
        beside.setdefault(m["via"], []).append(m)
    for via, members in beside.items():
        if via not in place:
            continue
        base = place[via][2]
        spread = step * 0.8
        for k, m in enumerate(members):
            angle = base + (0 if len(members) == 1 else spread * (k / (len(members) - 1) - 0.5))
            place[m["member_id"]] = (mid + OUTER * math.cos(angle), mid + OUTER * math.sin(angle), angle)
    peak = max((m["weight"] for m in first), default=1.0) or 1.0
    inner_ids = {m["member_id"] for m in first}
    lines, outer_lines = [], []
    for m in ordered:
        x, y, _ = place[m["member_id"]]
        share = math.sqrt(m["weight"] / peak)
        lines.append(element("line", {"class": "ego-tie", "x1": mid, "y1": mid, "x2": x, "y2": y,
                                      "stroke-width": round(0.8 + 4 * share, 2)}))
    for tie in network["ties"]:
        if tie["a"] not in place or tie["b"] not in place:
            continue
        (x1, y1, _), (x2, y2, _) = place[tie["a"]], place[tie["b"]]
        if tie["a"] in inner_ids and tie["b"] in inner_ids:  # bowed away from the middle
            cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
            away = math.hypot(cx - mid, cy - mid) or 1.0
            cx, cy = mid + (cx - mid) / away * INNER * 1.15, mid + (cy - mid) / away * INNER * 1.15
            lines.append(element("path", {"class": "ego-side", "d": f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} "
                                                                    f"{x2:.1f},{y2:.1f}"}))
        else:
            outer_lines.append(element("line", {"class": "ego-outer", "x1": x1, "y1": y1, "x2": x2, "y2": y2}))
    names = {m["member_id"]: m.get("name") or m["member_id"] for m in [centre, *first, *second]}
    nodes, outer_nodes, labels = [], [], []
    for m in second:
        if m["member_id"] in place:
            x, y, _ = place[m["member_id"]]
            outer_nodes.append(_node(m, x, y, 4.0, colours, words, names))
    for m in ordered:
        x, y, angle = place[m["member_id"]]
        r = 4.5 + 5 * math.sqrt(m["weight"] / peak)
        nodes.append(_node(m, x, y, r, colours, words, names))
        right = math.cos(angle) >= -0.01
        lx, ly = x + (r + 3) * math.cos(angle), y + (r + 3) * math.sin(angle) + 4
        labels.append(element("text", {"class": "ego-label", "x": lx, "y": ly,
                                       "text-anchor": "start" if right else "end"},
                              fit(names[m["member_id"]], 78, 10)))
    nodes.append(_node(centre, mid, mid, 13.0, colours, words, names, is_centre=True))
    labels.append(element("text", {"class": "ego-centre", "x": mid, "y": mid + 30},
                          fit(names[centre["member_id"]], 150, 12)))
    return element("svg", {"class": "ego", "xmlns": "http://www.w3.org/2000/svg",
                           "viewBox": f"0 0 {SIZE:.0f} {SIZE:.0f}", "role": "img",
                           "aria-label": names[centre["member_id"]]},
                   element("g", {"class": "ring2"}, *outer_lines, *outer_nodes), *lines, *nodes, *labels)


def ego_legend(network: dict[str, Any], colours: dict[int, str], words: Words) -> Markup:
    counts: dict[Any, int] = {}
    for m in [network["centre"], *network["first"], *network["second"]]:
        counts[m.get("circle")] = counts.get(m.get("circle"), 0) + 1
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] is None, -kv[1], kv[0] if kv[0] is not None else 0))
    items = []
    for circle, n in ordered[:LEGEND_CIRCLES]:
        colour = NO_CIRCLE if circle is None else colours.get(circle, NO_CIRCLE)
        text = words.t("no_circle") if circle is None else words.t("in_circle", id=circle)
        items.append(_swatch(element("circle", {"cx": 7, "cy": 7, "r": 6, "fill": colour}), f"{text} ({n})"))
    items.append(_swatch(element("circle", {"cx": 7, "cy": 7, "r": 5, "fill": "#fff", "stroke": "#555",
                                            "stroke-width": 1.5}), words.t("outsider")))
    return element("div", {"class": "legend"}, *items)


def _node(m: dict[str, Any], x: float, y: float, r: float, colours: dict[int, str], words: Words,
          names: dict[str, str], is_centre: bool = False) -> Markup:
    circle = m.get("circle")
    colour = NO_CIRCLE if circle is None else colours.get(circle, NO_CIRCLE)
    parts = [f'{names[m["member_id"]]} ({m["member_id"]})',
             words.t("no_circle") if circle is None else words.t("in_circle", id=circle)]
    if m.get("role"):
        parts.append(words.role(m["role"]))
    if not m.get("is_member", True):
        parts.append(words.t("outsider"))
    if not is_centre:
        parts.append(words.t("tie_weight", w=words.fmt.number(m["weight"], 1)))
    if m.get("via"):
        parts.append(words.t("via", name=names.get(m["via"], m["via"])))
    outsider = not m.get("is_member", True)
    attrs = {"cx": x, "cy": y, "r": r, "fill": "#fff" if outsider else colour,
             "stroke": colour if outsider else "#fff", "stroke-width": 2 if outsider else 1}
    if is_centre:
        attrs.update({"stroke": "#111", "stroke-width": 2.5})
    return element("circle", {**attrs, "class": "ego-node"}, title(" · ".join(parts)))


def _swatch(icon: Markup, text: str) -> Markup:
    return element("span", {"class": "legend-item"},
                   element("svg", {"width": 14, "height": 14, "viewBox": "0 0 14 14", "aria-hidden": "true"}, icon),
                   text)

