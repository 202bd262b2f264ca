"""How circles changed between analysis runs, as an alluvial (sankey) diagram in inline SVG.

Columns are runs in time order, bars are circles, bands carry the members who moved from a
circle of one run to a circle of the next, coloured by the event (continue, grow, shrink,
split, merge, form, dissolve). A circle that formed comes from a "new" bar, one that
dissolved goes to a "gone" bar. At most ``MAX_STEPS`` transitions (the latest) and
``MAX_BARS`` circles per column (by members moved; the rest joined as "other circles").

``events`` are the report's ``circle_events``: ``before`` and ``after`` are circle ids (a list,
or one id), ``moved`` the members who moved (a count, a list of them, or a count per circle
after), ``overlap`` a share or a count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from graphmodel.report.messages import Words
from graphmodel.report.svg import element, title

MAX_STEPS = 4
MAX_BARS = 24
WIDTH, HEIGHT = 960.0, 440.0
BAR, GAP, TOP = 12.0, 6.0, 28.0
NEW, GONE, OTHER = "new", "gone", "other"
EVENT_COLOURS = {"continue": "#9aa7b4", "grow": "#3a9a5b", "shrink": "#d39b2a", "split": "#e0662c",
                 "merge": "#7b5ea7", "form": "#2f6db5", "dissolve": "#b54a4a"}


@dataclass(frozen=True)
class Flow:
    source: tuple[int, str]   # (column, circle id as text, or NEW/GONE/OTHER)
    target: tuple[int, str]
    members: float
    event: str
    overlap: Any


def circle_ids(value: Any) -> list[str]:
    """``before``/``after`` as a list of circle ids (as text)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    return [str(value)]


def moved_count(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (list, tuple, set)):
        return float(len(value))
    if isinstance(value, dict):
        return float(sum(moved_count(v) or 0 for v in value.values()))
    return None


def run_order(events: list[dict[str, Any]], known: list[str]) -> list[str]:
    """The runs of the events in time order: each run before the runs it leads to, otherwise
    as ``known`` (the analysis runs in time order) lists them, then by id."""
    after: dict[str, set[str]] = defaultdict(set)
    runs: set[str] = set()
    for e in events:
        a, b = e.get("run_before"), e.get("run_after")
        runs.update(str(r) for r in (a, b) if r is not None)
        if a is not None and b is not None and a != b:
            after[str(a)].add(str(b))
    rank = {run: i for i, run in enumerate(known)}

    def key(run: str) -> tuple:
        return (rank.get(run, len(rank)), run)

    waiting = {run: sum(run in later for later in after.values()) for run in runs}
    ready = sorted((r for r, n in waiting.items() if n == 0), key=key)
    order = []
    while ready:
        run = ready.pop(0)
        order.append(run)
        for later in after[run]:
            waiting[later] -= 1
            if waiting[later] == 0:
                ready.append(later)
        ready.sort(key=key)
    return order + sorted(runs - set(order), key=key)  # runs in a cycle (not in time order) last


def flows(events: list[dict[str, Any]], known_runs: list[str]) -> tuple[list[str], list[Flow]]:
    order = run_order(events, known_runs)[-(MAX_STEPS + 1):]
    column = {run: i for i, run in enumerate(order)}
    out = []
    for e in events:
        a, b = column.get(str(e.get("run_before"))), column.get(str(e.get("run_after")))
        if a is None or b is None or b != a + 1:
            continue
        before, after = circle_ids(e.get("before")) or [NEW], circle_ids(e.get("after")) or [GONE]
        moved = e.get("moved")
        total = moved_count(moved)
        if total is None:
            overlap = e.get("overlap")
            total = float(overlap) if isinstance(overlap, (int, float)) and overlap > 1 else 1.0
        for src in before:
            for dst in after:
                if isinstance(moved, dict) and dst in {str(k) for k in moved}:
                    share = moved_count({k: v for k, v in moved.items() if str(k) == dst}) or 0.0
                    members = share / len(before)
                else:
                    members = total / (len(before) * len(after))
                out.append(Flow((a, src), (b, dst), max(members, 0.5), str(e.get("event")), e.get("overlap")))
    return order, _fold(out)


def _fold(out: list[Flow]) -> list[Flow]:
    """At most MAX_BARS circles per column; the others' flows go to one "other circles" bar."""
    weight: dict[tuple[int, str], float] = defaultdict(float)
    for f in out:
        weight[f.source] += f.members
        weight[f.target] += f.members
    keep: set[tuple[int, str]] = set()
    columns = {node[0] for node in weight}
    for c in columns:
        nodes = sorted((n for n in weight if n[0] == c and n[1] not in (NEW, GONE)), key=lambda n: (-weight[n], n[1]))
        keep.update(nodes[:MAX_BARS])
        keep.update(n for n in weight if n[0] == c and n[1] in (NEW, GONE))

    def fold(node: tuple[int, str]) -> tuple[int, str]:
        return node if node in keep else (node[0], OTHER)

    merged: dict[tuple, Flow] = {}
    for f in out:
        key = (fold(f.source), fold(f.target), f.event)
        if key in merged:
            old = merged[key]
            merged[key] = Flow(old.source, old.target, old.members + f.members, f.event, None)
        else:
            merged[key] = Flow(key[0], key[1], f.members, f.event, f.overlap)
    return list(merged.values())


def draw_circle_events(events: list[dict[str, Any]], known_runs: list[str], run_labels: dict[str, str],
                       words: Words) -> Markup:
    order, drawn = flows(events, known_runs)
    if not drawn:
        return Markup("")
    size: dict[tuple[int, str], float] = defaultdict(float)
    into: dict[tuple[int, str], float] = defaultdict(float)
    out_of: dict[tuple[int, str], float] = defaultdict(float)
    for f in drawn:
        out_of[f.source] += f.members
        into[f.target] += f.members
    for node in {*out_of, *into}:
        size[node] = max(out_of[node], into[node])
    per_column: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for node in size:
        per_column[node[0]].append(node)
    tallest = max(sum(size[n] for n in nodes) for nodes in per_column.values())
    most = max(len(nodes) for nodes in per_column.values())
    scale = (HEIGHT - TOP - 10 - GAP * most) / tallest
    y: dict[tuple[int, str], float] = {}
    sources: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    for f in drawn:
        sources[f.target].append(f.source)
    for c in sorted(per_column):
        def rank(node: tuple[int, str]) -> tuple:
            if node[1] in (NEW, GONE, OTHER):
                return (2, 0.0, node[1])
            placed = [y[s] for s in sources[node] if s in y]
            middle = sum(placed) / len(placed) if placed else -size[node]
            return (0, middle, _numeric(node[1]))
        top = TOP
        for node in sorted(per_column[c], key=rank):
            y[node] = top
            top += size[node] * scale + GAP
    step = (WIDTH - 140) / max(len(order) - 1, 1)
    x = {c: 60 + c * step for c in per_column}
    parts: list[Markup] = []
    for c, run in enumerate(order):
        parts.append(element("text", {"class": "flow-head", "x": 60 + c * step + BAR / 2, "y": 14},
                             run_labels.get(run, run)))
    out_offset: dict[tuple[int, str], float] = defaultdict(float)
    in_offset: dict[tuple[int, str], float] = defaultdict(float)
    for f in sorted(drawn, key=lambda f: (f.source[0], y[f.source], y[f.target])):
        h = f.members * scale
        y0 = y[f.source] + out_offset[f.source]
        y1 = y[f.target] + in_offset[f.target]
        out_offset[f.source] += h
        in_offset[f.target] += h
        x0, x1 = x[f.source[0]] + BAR, x[f.target[0]]
        mid = (x0 + x1) / 2
        d = (f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f} "
             f"L{x1:.1f},{y1 + h:.1f} C{mid:.1f},{y1 + h:.1f} {mid:.1f},{y0 + h:.1f} {x0:.1f},{y0 + h:.1f} Z")
        tip = (f'{words.label("event", f.event)}: {_bar_name(f.source[1], words)} → {_bar_name(f.target[1], words)}'
               f' · {words.t("moved")}: {words.fmt.count(f.members)}')
        if isinstance(f.overlap, (int, float)) and not isinstance(f.overlap, bool):
            shown = words.fmt.share(f.overlap) if f.overlap <= 1 else words.fmt.count(f.overlap)
            tip += f' · {words.t("overlap")}: {shown}'
        parts.append(element("path", {"class": "flow", "d": d, "fill": EVENT_COLOURS.get(f.event, "#9aa7b4")},
                             title(tip)))
    for node, top in y.items():
        h = max(size[node] * scale, 1.5)
        name = _bar_name(node[1], words)
        parts.append(element("rect", {"class": "flow-bar", "x": x[node[0]], "y": top, "width": BAR, "height": h},
                             title(f"{run_labels.get(order[node[0]], order[node[0]])} · {name}")))
        last = node[0] == len(order) - 1
        short = node[1] if node[1] not in (NEW, GONE, OTHER) else name
        parts.append(element("text", {"class": "flow-label", "x": x[node[0]] + (BAR + 3 if last else -3),
                                      "y": top + h / 2 + 4, "text-anchor": "start" if last else "end"}, short))
    height = max(top + max(size[node] * scale, 1.5) for node, top in y.items()) + 40
    legend_events = sorted({f.event for f in drawn}, key=lambda e: list(EVENT_COLOURS).index(e)
                           if e in EVENT_COLOURS else 99)
    for k, event in enumerate(legend_events):
        lx = 60 + k * 130
        parts.append(element("rect", {"x": lx, "y": height - 22, "width": 12, "height": 12,
                                      "fill": EVENT_COLOURS.get(event, "#9aa7b4")}))
        parts.append(element("text", {"class": "flow-legend", "x": lx + 16, "y": height - 12},
                             words.label("event", event)))
    return element("svg", {"class": "flows", "xmlns": "http://www.w3.org/2000/svg",
                           "viewBox": f"0 0 {WIDTH:.0f} {height:.0f}", "role": "img",
                           "aria-label": words.t("circle_events")}, *parts)


def run_labels(runs: list[str], trends: dict[str, Any] | None, words: Words) -> dict[str, str]:
    """A short label per run: when it was seen (from the trends), else the time in its id."""
    seen: dict[str, Any] = {}
    for points in (trends or {}).values():
        for p in points if isinstance(points, list) else []:
            if isinstance(p, dict) and p.get("run") is not None and p.get("seen"):
                seen.setdefault(str(p["run"]), p["seen"])
    labels = {}
    for run in runs:
        if run in seen:
            labels[run] = words.fmt.moment(seen[run])
            continue
        stamp = re.search(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})", run)
        labels[run] = words.fmt.moment(f"{stamp[1]}-{stamp[2]}-{stamp[3]}T{stamp[4]}:{stamp[5]}") if stamp \
            else run[-16:]
    return labels


def _bar_name(node: str, words: Words) -> str:
    if node == NEW:
        return words.t("formed")
    if node == GONE:
        return words.t("dissolved")
    if node == OTHER:
        return words.t("other_circles")
    return words.t("circle_n", id=node)


def _numeric(text: str) -> tuple:
    return (0, int(text), "") if text.lstrip("-").isdigit() else (1, 0, text)
