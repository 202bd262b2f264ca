"""The map of circles: circles as discs (area by members), ties between circles as lines.

It shows structure rather than every member, so it stays small and responsive
at any community size: at most ``MAX_CIRCLES`` circles (the largest), laid out
by a few hundred steps of a force layout computed here, deterministic.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

MAX_CIRCLES = 150
MAX_LINKS = 600


def circle_map(document: dict[str, Any]) -> dict[str, Any]:
    circles = sorted(document["circles"], key=lambda c: -c["size"])[:MAX_CIRCLES]
    index = {c["circle_id"]: i for i, c in enumerate(circles)}
    links = [(index[t["source"]], index[t["target"]], t["ties"]) for t in document.get("circle_ties", [])
             if t["source"] in index and t["target"] in index]
    links = sorted(links, key=lambda link: -link[2])[:MAX_LINKS]
    positions = _layout(len(circles), links)
    connectors: dict[int, list[str]] = {}
    for c in document["connectors"]:
        if c.get("circle") is not None:
            connectors.setdefault(c["circle"], []).append(c["member_id"])
    peak = max((c["size"] for c in circles), default=1)
    nodes = [{"id": c["circle_id"], "size": c["size"], "leader": c["leader"],
              "conductance": c["conductance"], "connectors": connectors.get(c["circle_id"], [])[:5],
              "x": round(float(positions[i][0]), 1), "y": round(float(positions[i][1]), 1),
              "r": round(4 + 26 * math.sqrt(c["size"] / peak), 1)} for i, c in enumerate(circles)]
    peak_ties = max((w for _, _, w in links), default=1)
    edges = [{"a": a, "b": b, "ties": w, "w": round(0.5 + 4 * w / peak_ties, 2)} for a, b, w in links]
    return {"nodes": nodes, "edges": edges, "shown": len(circles), "total": len(document["circles"])}


def _layout(n: int, links: list[tuple[int, int, int]], size: float = 600, steps: int = 300) -> np.ndarray:
    if n == 0:
        return np.zeros((0, 2))
    angle = np.linspace(0, 2 * math.pi, n, endpoint=False)
    pos = np.column_stack([np.cos(angle), np.sin(angle)]) * size / 3
    if links:
        a = np.array([link[0] for link in links])
        b = np.array([link[1] for link in links])
        w = np.array([link[2] for link in links], float)
        w = w / w.max()
    k = size / math.sqrt(n) / 2
    for step in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta ** 2).sum(-1)) + 1e-6
        force = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(1)
        if links:
            d = pos[a] - pos[b]
            length = np.sqrt((d ** 2).sum(-1)) + 1e-6
            pull = d / length[:, None] * (length ** 2 / k * w)[:, None]
            np.add.at(force, a, -pull)
            np.add.at(force, b, pull)
        force -= pos * 0.05  # gravity keeps fragments in view
        temperature = size / 10 * (1 - step / steps) + 0.5
        length = np.sqrt((force ** 2).sum(-1)) + 1e-6
        pos += force / length[:, None] * np.minimum(length, temperature)[:, None]
    pos -= pos.min(0)
    span = pos.max(0)
    span[span == 0] = 1
    return 40 + pos / span * (size - 80)
