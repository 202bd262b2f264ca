"""Circles from Leiden: renumbered by size, small ones dissolved, with cohesion figures."""

from __future__ import annotations

import numpy as np

from graphmodel.analysis.arrays import distinct
from graphmodel.analysis.metrics import MemberTable

NO_CIRCLE = -1


def assign_circles(table: MemberTable, min_size: int, eligible: np.ndarray | None = None) -> dict[int, int]:
    """Renumber Leiden's communities 0.. by size (largest first; ties by smallest member index);
    communities smaller than ``min_size`` become NO_CIRCLE. Only ``eligible`` nodes (default:
    all; the analysis leaves out members who left) are in a circle and count for its size.
    Returns {leiden id: circle id}."""
    raw = table.values["circle"].astype(np.int64)
    chosen = np.ones(len(raw), bool) if eligible is None else np.asarray(eligible, bool)
    index = np.flatnonzero(chosen)
    ids, first, sizes = np.unique(raw[index], return_index=True, return_counts=True)
    first = index[first]
    order = np.lexsort((first, -sizes))
    mapping = {int(ids[i]): rank for rank, i in enumerate(o for o in order if sizes[o] >= min_size)}
    circle = np.array([mapping.get(int(c), NO_CIRCLE) for c in raw], np.int64) if len(raw) else raw
    circle[~chosen] = NO_CIRCLE
    table.values["circle_id"] = circle
    return mapping


def circle_members(table: MemberTable) -> dict[int, np.ndarray]:
    circle = table.values["circle_id"]
    order = np.argsort(circle, kind="stable")
    bounds = np.searchsorted(circle[order], np.arange(circle.max() + 2)) if len(circle) else np.zeros(0, np.int64)
    return {c: order[bounds[c]:bounds[c + 1]] for c in range(len(bounds) - 1) if bounds[c + 1] > bounds[c]}


def only_end(circles: np.ndarray, ends: np.ndarray, width: int) -> dict[int, int]:
    """For pairs (circle, end), the circles that have a single distinct end: {circle: end}."""
    codes = distinct(circles.astype(np.int64) * width + ends)
    circle, end = codes // width, codes % width
    found, first, counts = np.unique(circle, return_index=True, return_counts=True)
    once = counts == 1
    return dict(zip(found[once].tolist(), end[first[once]].tolist()))


def densities(table: MemberTable) -> dict[int, float | None]:
    """Per circle, the share of its possible ties that exist (None below two members)."""
    circle = table.values["circle_id"]
    if not len(circle) or circle.max() < 0:
        return {}
    sizes = np.bincount(circle[circle >= 0], minlength=circle.max() + 1)
    inner = (circle[table.tie_a] >= 0) & (circle[table.tie_a] == circle[table.tie_b])
    ties = np.bincount(circle[table.tie_a[inner]], minlength=len(sizes)) / 2  # each tie is there twice
    return {c: float(ties[c] / (k * (k - 1) / 2)) if k >= 2 else None for c, k in enumerate(sizes.tolist())}


STRONGEST_TIES = 10  # per circle, the ties to other circles that are kept


def circle_ties(table: MemberTable, strongest: int = STRONGEST_TIES) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of circles (smaller id first) with how many member pairs are tied across them:
    each circle's ``strongest`` pairs (most ties; ties broken by the other circle's id)."""
    circle = table.values["circle_id"]
    a, b = circle[table.tie_a], circle[table.tie_b]
    across = (a >= 0) & (a < b)  # each undirected tie is there in both directions: keep one
    if not across.any():
        empty = np.empty(0, np.int64)
        return empty, empty, empty
    width = int(circle.max()) + 1
    codes, ties = np.unique(a[across] * width + b[across], return_counts=True)
    source, target = codes // width, codes % width
    # rank each pair within both of its circles; keep it when it is among either's strongest
    pair = np.concatenate([np.arange(len(codes))] * 2)
    end = np.concatenate([source, target])
    other = np.concatenate([target, source])
    order = np.lexsort((other, -np.concatenate([ties, ties]), end))
    starts = np.searchsorted(end[order], end[order], side="left")
    rank = np.arange(len(order)) - starts
    kept = np.unique(pair[order][rank < strongest])
    return source[kept], target[kept], ties[kept]
