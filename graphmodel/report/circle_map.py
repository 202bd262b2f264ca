"""The map of circles: each circle a disc (area by members), ties between circles as lines
weighted by the member pairs that join them, and the listed connectors drawn between the
circles they tie into.

The layout is computed here, deterministically (the same document gives the same map):
a force simulation in the manner of d3-force (links pull tied circles together in
proportion to their ties, discs repel, a gentle pull to the middle keeps unconnected
circles in view, and collision keeps discs apart), then a pass that removes any overlap
left. It shows structure rather than members, so it stays small at any community size:
at most ``MAX_CIRCLES`` circles (the largest) and ``MAX_LINKS`` ties.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_CIRCLES = 150
MAX_LINKS = 600
CONNECTOR_CIRCLES = 4      # circles a connector is drawn to
WIDTH, HEIGHT = 960.0, 620.0
FILL = 0.24                # share of the canvas the discs cover
MIN_RADIUS, GAP, PAD = 7.0, 22.0, 3.0
CONNECTOR_RADIUS = 6.0
REACH = 180.0              # how far a disc repels others
TICKS = 300


@dataclass(frozen=True)
class MapDisc:
    circle_id: int
    size: int
    leader: str | None
    x: float
    y: float
    r: float


@dataclass(frozen=True)
class MapLink:
    a: int          # circle ids
    b: int
    ties: int


@dataclass(frozen=True)
class MapConnector:
    member_id: str
    x: float
    y: float
    circles: tuple[tuple[int, int], ...]  # (circle id, members it ties to there), most first


@dataclass(frozen=True)
class CircleMap:
    discs: tuple[MapDisc, ...]
    links: tuple[MapLink, ...]
    connectors: tuple[MapConnector, ...]
    box: tuple[float, float, float, float]  # the viewBox: x, y, width, height
    total: int                              # circles in the run


def circle_map(document: dict[str, Any]) -> CircleMap:
    """Lay out the document's circles, their ties and its connectors."""
    circles = sorted(document["circles"], key=lambda c: (-c["size"], c["circle_id"]))[:MAX_CIRCLES]
    index = {c["circle_id"]: i for i, c in enumerate(circles)}
    pairs: dict[tuple[int, int], int] = defaultdict(int)
    for tie in document.get("circle_ties", []):
        a, b = index.get(tie["source"]), index.get(tie["target"])
        if a is not None and b is not None and a != b:
            pairs[min(a, b), max(a, b)] = max(pairs[min(a, b), max(a, b)], int(tie["ties"]))
    links = sorted(((a, b, w) for (a, b), w in pairs.items()), key=lambda link: (-link[2], link[0], link[1]))
    links = links[:MAX_LINKS]
    sizes = np.array([max(c["size"], 1) for c in circles], float)
    joined = _joined(document, index)
    # connectors are laid out with the circles, each tied to the circles it joins, so the
    # layout leaves them room between those circles
    n, peak = len(circles), max((w for _, _, w in links), default=1)
    radii = np.concatenate([_radii(sizes), np.full(len(joined), CONNECTOR_RADIUS)])
    tethers = [(n + k, index[c], peak) for k, (_, held) in enumerate(joined) for c, _ in held]
    positions = _layout(radii, links + tethers, n)
    connectors = tuple(MapConnector(member, float(positions[n + k, 0]), float(positions[n + k, 1]), held)
                       for k, (member, held) in enumerate(joined))
    discs = tuple(MapDisc(c["circle_id"], c["size"], c.get("leader"), float(positions[i, 0]), float(positions[i, 1]),
                          float(radii[i])) for i, c in enumerate(circles))
    return CircleMap(discs, tuple(MapLink(circles[a]["circle_id"], circles[b]["circle_id"], w) for a, b, w in links),
                     connectors, _box(discs, connectors), len(document["circles"]))


def _radii(sizes: np.ndarray) -> np.ndarray:
    if not len(sizes):
        return sizes
    scale = math.sqrt(FILL * WIDTH * HEIGHT / (math.pi * sizes.sum()))
    return np.clip(scale * np.sqrt(sizes), MIN_RADIUS, 0.22 * HEIGHT)


def _layout(radii: np.ndarray, links: list[tuple[int, int, int]], circles: int) -> np.ndarray:
    """Disc centres (the first ``circles``, then connectors): a force simulation, then any
    overlap removed."""
    n = len(radii)
    if n == 0:
        return np.zeros((0, 2))
    pos = _start(radii, links, circles)
    vel = np.zeros_like(pos)
    a = np.array([link[0] for link in links], int)
    b = np.array([link[1] for link in links], int)
    degree = np.bincount(np.concatenate([a, b]), minlength=n).astype(float) if links else np.zeros(n)
    if links:
        weight = np.array([link[2] for link in links], float)
        strength = (0.15 + 0.85 * np.sqrt(weight / weight.max())) / np.sqrt(np.minimum(degree[a], degree[b]))
        # the strongest ties pull discs close to touching, the weakest leave a wider gap
        distance = radii[a] + radii[b] + GAP * (0.5 + 2.5 * (1 - np.sqrt(weight / weight.max())))
        bias = degree[a] / (degree[a] + degree[b])
    charge = -6.0 * radii
    alpha, decay = 1.0, 1 - 0.001 ** (1 / TICKS)
    for _ in range(TICKS):
        alpha += (0.0 - alpha) * decay
        if links:  # links pull tied circles to touching distance, the stronger tie more
            d = pos[b] + vel[b] - pos[a] - vel[a]
            length = np.sqrt((d ** 2).sum(1)) + 1e-9
            d *= ((length - distance) / length * alpha * strength)[:, None]
            np.add.at(vel, b, -d * bias[:, None])
            np.add.at(vel, a, d * (1 - bias)[:, None])
        dx = pos[None, :, 0] - pos[:, None, 0]             # j - i
        dy = pos[None, :, 1] - pos[:, None, 1]
        dist2 = dx * dx + dy * dy
        np.fill_diagonal(dist2, np.inf)
        push = np.where(dist2 < REACH ** 2, charge[None, :], 0.0) * alpha / np.maximum(dist2, 25.0)
        vel[:, 0] += (dx * push).sum(1)                   # repulsion, fading beyond REACH
        vel[:, 1] += (dy * push).sum(1)
        vel[:, 0] -= pos[:, 0] * 0.04 * alpha             # towards the middle, wider than high
        vel[:, 1] -= pos[:, 1] * 0.09 * alpha
        pos += vel * 0.6
        vel *= 0.6
        _collide(pos, radii, 0.7)
    for _ in range(400):
        if _collide(pos, radii, 1.0) < PAD / 2:
            break
    return pos


def _start(radii: np.ndarray, links: list[tuple[int, int, int]], circles: int) -> np.ndarray:
    """A spiral, filled in breadth-first order from the largest circle along the strongest
    ties, so tied circles start near each other; connectors start amid their circles."""
    n = circles
    neighbours: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b, w in links:
        if a < n and b < n:
            neighbours[a].append((-w, b))
            neighbours[b].append((-w, a))
    order, seen = [], [False] * n
    for start in range(n):
        if seen[start]:
            continue
        seen[start] = True
        queue = deque([start])
        while queue:
            node = queue.popleft()
            order.append(node)
            for _, other in sorted(neighbours[node]):
                if not seen[other]:
                    seen[other] = True
                    queue.append(other)
    pos = np.zeros((len(radii), 2))
    step = math.sqrt(float(np.mean(radii[:n] ** 2))) * 1.6
    for rank, node in enumerate(order):
        radius, angle = step * math.sqrt(rank), rank * math.pi * (3 - math.sqrt(5))
        pos[node] = radius * math.cos(angle) * 1.3, radius * math.sin(angle)
    held: dict[int, list[int]] = defaultdict(list)
    for a, b, _ in links:
        if a >= n:
            held[a].append(b)
    for k in range(n, len(radii)):  # amid its circles, a little off so no two start together
        pos[k] = pos[held[k]].mean(0) + (k - n + 1) * 0.7
    return pos


def _collide(pos: np.ndarray, radii: np.ndarray, strength: float, fixed: int = 0) -> float:
    """Push overlapping discs apart (the first ``fixed`` do not move); the deepest overlap found."""
    dx = pos[:, None, 0] - pos[None, :, 0]
    dy = pos[:, None, 1] - pos[None, :, 1]
    dist = np.sqrt(dx * dx + dy * dy)
    short = radii[:, None] + radii[None, :] + PAD - dist
    overlap = np.triu(short > 0.01, 1)
    if fixed:
        overlap[:fixed, :fixed] = False
    if not overlap.any():
        return 0.0
    i, j = np.nonzero(overlap)
    gap, d = short[i, j], np.maximum(dist[i, j], 1e-9)
    direction = np.column_stack([dx[i, j] / d, dy[i, j] / d])
    same = dist[i, j] < 1e-9
    direction[same] = np.column_stack([np.cos(i[same] + 0.5), np.sin(i[same] + 0.5)])
    area_i, area_j = radii[i] ** 2, radii[j] ** 2
    share_i = np.where(i < fixed, 0.0, area_j / (area_i + area_j))
    move = direction * (gap * strength)[:, None]
    np.add.at(pos, i, move * share_i[:, None])
    np.add.at(pos, j, -move * (1 - share_i)[:, None])
    return float(gap.max())


def _joined(document: dict[str, Any], index: dict[int, int]) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    """The listed connectors that tie into shown circles, with those circles (at most
    ``CONNECTOR_CIRCLES``, most tied first) and the members they tie to in each."""
    rows = {row["member_id"]: row["circles"] for row in document.get("member_views", {}).get("connector_circles", [])}
    out = []
    for connector in document.get("connectors", []):
        held = tuple((int(c["circle"]), int(c["members"])) for c in rows.get(connector["member_id"], [])
                     if c["circle"] in index)[:CONNECTOR_CIRCLES]
        if held:
            out.append((connector["member_id"], held))
    return out


def _box(discs: tuple[MapDisc, ...], connectors: tuple[MapConnector, ...], margin: float = 14.0):
    if not discs:
        return 0.0, 0.0, WIDTH, 200.0
    xs = [d.x - d.r for d in discs] + [c.x - CONNECTOR_RADIUS for c in connectors]
    ys = [d.y - d.r for d in discs] + [c.y - CONNECTOR_RADIUS for c in connectors]
    xe = [d.x + d.r for d in discs] + [c.x + CONNECTOR_RADIUS for c in connectors]
    ye = [d.y + d.r for d in discs] + [c.y + CONNECTOR_RADIUS for c in connectors]
    x0, y0 = min(xs) - margin, min(ys) - margin
    return round(x0, 1), round(y0, 1), round(max(xe) - x0 + margin, 1), round(max(ye) - y0 + margin, 1)
