"""Structural virality (Goel, Anderson, Hofman, Watts 2016) of cascade trees.

Structural virality is the mean shortest-path distance over all pairs of
nodes of the tree: about 2 for a pure broadcast (a star of n nodes gives
2(n-1)/n), (n+1)/3 for a chain of n nodes.

On a tree the sum of all pairwise distances (the Wiener index) is exact in
linear time: the edge above a node with a subtree of s nodes lies on the path
of exactly s * (n - s) pairs. So every cascade's virality is computed exactly,
whatever its size: there is no sampling and no sampling error.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def wiener_index(parents: Sequence[int]) -> int:
    """Sum of distances over all pairs of a tree given as parent indices (-1: the root)."""
    parent = np.asarray(parents, dtype=np.int64)
    n = parent.size
    roots = np.flatnonzero(parent < 0)
    if n and roots.size != 1:
        raise ValueError(f"a tree has exactly one root; got {roots.size}")
    subtree = np.ones(n, dtype=np.int64)
    for node in _bottom_up(parent):
        if parent[node] >= 0:
            subtree[parent[node]] += subtree[node]
    below = subtree[parent >= 0]
    return int(np.sum(below * (n - below)))


def structural_virality(parents: Sequence[int]) -> float:
    """Mean pairwise distance of the tree; 0 for a single node."""
    n = len(parents)
    if n < 2:
        return 0.0
    return wiener_index(parents) / (n * (n - 1) / 2)


def virality_from_wiener(wiener: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Structural virality per tree from its Wiener index and size (0 where size < 2)."""
    pairs = size.astype(np.float64) * (size - 1) / 2
    out = np.zeros(size.shape, dtype=np.float64)
    np.divide(wiener.astype(np.float64), pairs, out=out, where=pairs > 0)
    return out


def _bottom_up(parent: np.ndarray) -> list[int]:
    """Nodes ordered so that every node comes before its parent (raises on a loop)."""
    n = parent.size
    depth = np.full(n, -1, dtype=np.int64)
    for start in range(n):
        path: list[int] = []
        node = start
        while node >= 0 and depth[node] < 0:
            if len(path) > n:
                raise ValueError("the parent array has a loop")
            path.append(node)
            node = int(parent[node])
        base = -1 if node < 0 else int(depth[node])
        for offset, member in enumerate(reversed(path), start=1):
            depth[member] = base + offset
    return [int(i) for i in np.argsort(-depth, kind="stable")]
