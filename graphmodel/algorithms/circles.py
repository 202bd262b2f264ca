"""Circles from Leiden: renumbered by size, small ones dissolved, with cohesion figures."""

from __future__ import annotations

import numpy as np

from graphmodel.algorithms.metrics import MemberTable

NO_CIRCLE = -1


def assign_circles(table: MemberTable, min_size: int) -> dict[int, int]:
    """Renumber Leiden's communities 0.. by size (largest first; ties by smallest member index);
    communities smaller than ``min_size`` become NO_CIRCLE. Returns {leiden id: circle id}."""
    raw = table.values["circle"].astype(np.int64)
    ids, first, sizes = np.unique(raw, return_index=True, return_counts=True)
    order = np.lexsort((first, -sizes))
    mapping = {int(ids[i]): rank for rank, i in enumerate(o for o in order if sizes[o] >= min_size)}
    circle = np.array([mapping.get(int(c), NO_CIRCLE) for c in raw], np.int64) if len(raw) else raw
    table.values["circle_id"] = circle
    return mapping


def circle_members(table: MemberTable) -> dict[int, np.ndarray]:
    circle = table.values["circle_id"]
    order = np.argsort(circle, kind="stable")
    bounds = np.searchsorted(circle[order], np.arange(circle.max() + 2)) if len(circle) else []
    return {c: order[bounds[c]:bounds[c + 1]] for c in range(len(bounds) - 1) if bounds[c + 1] > bounds[c]}


def density(table: MemberTable, members: np.ndarray) -> float | None:
    """Share of possible ties inside a circle that exist."""
    k = len(members)
    if k < 2:
        return None
    inside = np.zeros(len(table), bool)
    inside[members] = True
    ties = np.count_nonzero(inside[table.tie_a] & inside[table.tie_b]) / 2
    return float(ties / (k * (k - 1) / 2))
