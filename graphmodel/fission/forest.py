"""Cascade forests: who reached whom, from share/invite edges, earliest share wins.

Every member touched by a share is a node. A member reached more than once
keeps the earliest share that reached them as their tree edge; ties (same
time, or no time) are broken by the sharer's id, then by the edge's order in
the sorted input, so the same edges always give the same forest. Shares
without a time sort after every timed share. A share that would close a loop
(a member reached back by someone already downstream of them) is skipped in
favour of the member's next share; in loop-free data this is exactly "earliest
share wins". Roots are the sharers never reached themselves.

Everything here works on NumPy arrays over member indices, so a forest of a
million members is built in about a second; nothing here reads the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

#: ``at`` of a share without a time (sorts after every real time).
NO_TIME = np.iinfo(np.int64).max


@dataclass(frozen=True)
class ShareEdges:
    """Shares as parallel arrays; ``ids[source[k]]`` shared to ``ids[target[k]]``.

    ``ids`` is sorted, so member indices follow id order and tie-breaks by
    index are tie-breaks by id. ``at`` is Unix milliseconds (``NO_TIME`` when
    unknown). ``channel[k]`` is a position in ``channel_names`` (the share's
    channel or campaign tag; None where the share has none); without
    ``channel`` every share's channel is unknown.
    """

    ids: np.ndarray
    source: np.ndarray
    target: np.ndarray
    at: np.ndarray
    joined: np.ndarray
    channel: np.ndarray | None = None
    channel_names: tuple[str | None, ...] = ()

    @classmethod
    def from_columns(cls, sources: Sequence[str], targets: Sequence[str],
                     at: Sequence[int | None] | None = None,
                     joined: Sequence[bool | None] | None = None,
                     members: Iterable[str] = (),
                     channels: Sequence[str | None] | None = None) -> ShareEdges:
        """Edges from id columns; ``members`` adds ids that shared nothing (kept as nodes)."""
        count = len(sources)
        if len(targets) != count:
            raise ValueError("sources and targets differ in length")
        every = [*sources, *targets, *members]
        if every:
            ids, inverse = np.unique(np.array(every, dtype=str), return_inverse=True)
        else:
            ids, inverse = np.zeros(0, dtype=str), np.zeros(0, dtype=np.int64)
        inverse = inverse.astype(np.int64)
        source, target = inverse[:count], inverse[count:2 * count]
        if at is None:
            times = np.full(count, NO_TIME, dtype=np.int64)
        else:
            times = np.fromiter((NO_TIME if a is None else a for a in at), dtype=np.int64,
                                count=count)
        flags = (np.zeros(count, dtype=bool) if joined is None
                 else np.fromiter((bool(j) for j in joined), dtype=bool, count=count))
        if channels is None:
            return cls(ids, source, target, times, flags)
        if len(channels) != count:
            raise ValueError("sources and channels differ in length")
        names, codes = np.unique(np.array([c or "" for c in channels], dtype=str), return_inverse=True)
        return cls(ids, source, target, times, flags, codes.astype(np.int64),
                   tuple(str(n) or None for n in names))

    def channel_of(self, shares: np.ndarray) -> list[str | None]:
        """The channel names of some shares (None: not known)."""
        if self.channel is None:
            return [None] * len(shares)
        return [self.channel_names[c] for c in self.channel[shares].tolist()]

    @property
    def size(self) -> int:
        return int(self.source.size)

    @property
    def members(self) -> int:
        return int(self.ids.size)

    def index_of(self, member: str) -> int:
        """The index of a member id (ValueError when absent)."""
        position = int(np.searchsorted(self.ids, member))
        if position >= self.ids.size or self.ids[position] != member:
            raise ValueError(f"member {member!r} is not in these shares")
        return position


@dataclass(frozen=True)
class CascadeForest:
    """The forest of cascades over ``edges.ids``; arrays indexed by member index.

    ``parent`` (-1 for roots and members outside the forest), ``tree_edge``
    (index of the share that reached the member, -1 if none), ``root`` (the
    cascade's root, -1 outside), ``generation`` (0 for roots, -1 outside),
    ``subtree`` (members in the subtree, the member included; 0 outside),
    ``order`` (forest members, generation by generation) and ``converted``
    (per share: it is the earliest share with ``joined`` into its target, so
    it is credited with that member's join).
    """

    edges: ShareEdges
    order_edges: np.ndarray
    parent: np.ndarray
    tree_edge: np.ndarray
    root: np.ndarray
    generation: np.ndarray
    subtree: np.ndarray
    order: np.ndarray
    converted: np.ndarray
    self_shares: int
    loop_shares: int

    @property
    def ids(self) -> np.ndarray:
        return self.edges.ids

    @property
    def in_forest(self) -> np.ndarray:
        return self.generation >= 0

    @property
    def roots(self) -> np.ndarray:
        """Root indices, in id order."""
        return np.flatnonzero(self.generation == 0)

    @property
    def depth(self) -> int:
        return int(self.generation.max()) if self.generation.size else -1

    def children_count(self) -> np.ndarray:
        """Members each member reached first (their direct reach)."""
        has_parent = self.parent >= 0
        return np.bincount(self.parent[has_parent], minlength=self.parent.size)

    def members_of(self, root: int) -> np.ndarray:
        """Indices of the cascade rooted at ``root``, generation by generation."""
        return self.order[self.root[self.order] == root]

    def subtree_sum(self, values: np.ndarray) -> np.ndarray:
        """Per member: the sum of ``values`` over their subtree (themselves included)."""
        return _subtree_sum(self.parent, _split_levels(self.order, self.generation), values)

    def path_to_root(self, member: int) -> list[int]:
        """``member``, its parent, ..., the root."""
        path = [member]
        while self.parent[path[-1]] >= 0:
            path.append(int(self.parent[path[-1]]))
        return path


def share_order(edges: ShareEdges) -> np.ndarray:
    """Indices of the shares sorted by (time, sharer id, target id, input order)."""
    return np.lexsort((np.arange(edges.size), edges.target, edges.source, edges.at))


def build_forest(edges: ShareEdges) -> CascadeForest:
    """The cascade forest of ``edges`` (earliest share wins; see the module doc)."""
    n = edges.members
    order = share_order(edges)
    order = order[edges.source[order] != edges.target[order]]
    self_shares = edges.size - order.size
    tree_edge = _earliest_per_target(edges, order, n)
    parent = _parents(edges, tree_edge)
    touched = np.zeros(n, dtype=bool)
    touched[edges.source[order]] = True
    touched[edges.target[order]] = True
    levels = _levels(parent, touched)
    loop_shares = 0
    if sum(level.size for level in levels) < int(touched.sum()):
        tree_edge, loop_shares = _forest_without_loops(edges, order, n)
        parent = _parents(edges, tree_edge)
        levels = _levels(parent, touched)
    generation = np.full(n, -1, dtype=np.int64)
    root = np.full(n, -1, dtype=np.int64)
    for depth, level in enumerate(levels):
        generation[level] = depth
        root[level] = level if depth == 0 else root[parent[level]]
    subtree = _subtree_sum(parent, levels, touched.astype(np.int64))
    forest_order = np.concatenate(levels) if levels else np.zeros(0, dtype=np.int64)
    return CascadeForest(edges, order, parent, tree_edge, root, generation, subtree,
                         forest_order, _converted(edges, order), self_shares, loop_shares)


def _earliest_per_target(edges: ShareEdges, order: np.ndarray, n: int) -> np.ndarray:
    targets = edges.target[order]
    _, first = np.unique(targets, return_index=True)
    tree_edge = np.full(n, -1, dtype=np.int64)
    tree_edge[targets[first]] = order[first]
    return tree_edge


def _parents(edges: ShareEdges, tree_edge: np.ndarray) -> np.ndarray:
    parent = np.full(tree_edge.size, -1, dtype=np.int64)
    has = tree_edge >= 0
    parent[has] = edges.source[tree_edge[has]]
    return parent


def _converted(edges: ShareEdges, order: np.ndarray) -> np.ndarray:
    """Per share: the earliest share with ``joined`` into its target."""
    converted = np.zeros(edges.size, dtype=bool)
    joined_order = order[edges.joined[order]]
    if joined_order.size:
        _, first = np.unique(edges.target[joined_order], return_index=True)
        converted[joined_order[first]] = True
    return converted


def _levels(parent: np.ndarray, touched: np.ndarray) -> list[np.ndarray]:
    """Forest members by generation, from the roots down (members on loops are left out)."""
    n = parent.size
    child = np.flatnonzero(parent >= 0)
    child = child[np.argsort(parent[child], kind="stable")]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(parent[child], minlength=n), out=offsets[1:])
    frontier = np.flatnonzero(touched & (parent < 0))
    levels = []
    while frontier.size:
        levels.append(frontier)
        counts = offsets[frontier + 1] - offsets[frontier]
        total = int(counts.sum())
        if total == 0:
            break
        starts = np.repeat(offsets[frontier] - np.cumsum(counts) + counts, counts)
        frontier = child[starts + np.arange(total)]
    return levels


def _split_levels(order: np.ndarray, generation: np.ndarray) -> list[np.ndarray]:
    if not order.size:
        return []
    bounds = np.flatnonzero(np.diff(generation[order])) + 1
    return np.split(order, bounds)


def _subtree_sum(parent: np.ndarray, levels: list[np.ndarray], values: np.ndarray) -> np.ndarray:
    total = np.array(values, dtype=np.int64, copy=True)
    for level in reversed(levels[1:]):
        np.add.at(total, parent[level], total[level])
    return total


def _forest_without_loops(edges: ShareEdges, order: np.ndarray, n: int) -> tuple[np.ndarray, int]:
    """Earliest share wins, skipping shares that would close a loop (union-find)."""
    group = list(range(n))

    def find(x: int) -> int:
        while group[x] != x:
            group[x] = group[group[x]]
            x = group[x]
        return x

    tree_edge = [-1] * n
    skipped = 0
    sources = edges.source[order].tolist()
    targets = edges.target[order].tolist()
    for k, s, t in zip(order.tolist(), sources, targets):
        if tree_edge[t] >= 0:
            continue
        gs, gt = find(s), find(t)
        if gs == gt:  # s is downstream of t already: reaching t would close a loop
            skipped += 1
            continue
        tree_edge[t] = k
        group[gt] = gs
    return np.array(tree_edge, dtype=np.int64), skipped
