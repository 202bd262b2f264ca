"""Per-cascade metrics: size, depth, breadth and reproduction per generation,
conversion and structural virality, for every cascade of a forest at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from graphmodel.fission.forest import NO_TIME, CascadeForest
from graphmodel.fission.virality import virality_from_wiener


@dataclass(frozen=True)
class CascadeTree:
    """One cascade: its members with their parent and generation (root first)."""

    root: str
    members: tuple[str, ...]
    parents: tuple[str | None, ...]
    generations: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.members)

    def parent_indices(self) -> list[int]:
        """Parents as positions in ``members`` (-1 for the root)."""
        position = {member: i for i, member in enumerate(self.members)}
        return [-1 if p is None else position[p] for p in self.parents]


@dataclass(frozen=True)
class CascadeMetrics:
    """One cascade. ``breadth[g]`` members at generation g (``breadth[0] == 1``, the
    root); ``reproduction[g]`` = breadth[g+1] / breadth[g], the members each
    generation-g member reached on average; ``shares`` sent by its members,
    ``joins`` the shares credited with a join, ``conversion`` = joins / shares;
    ``activated`` and ``retained`` of those joins became active and stayed so
    (``graphmodel.fission.quality``; None: the data holds no interaction)."""

    root: str
    size: int
    depth: int
    breadth: tuple[int, ...]
    reproduction: tuple[float, ...]
    shares: int
    joins: int
    conversion: float | None
    structural_virality: float
    started_at: datetime | None
    last_reached_at: datetime | None
    root_class: str = ""
    activated: int | None = None
    retained: int | None = None


def to_datetime(millis: int) -> datetime | None:
    """Unix milliseconds as an aware UTC datetime (None for NO_TIME)."""
    if millis == NO_TIME:
        return None
    return datetime.fromtimestamp(millis / 1000, tz=UTC)


def cascade_tree(forest: CascadeForest, root: str) -> CascadeTree:
    """The cascade rooted at member id ``root``."""
    index = forest.edges.index_of(root)
    if forest.generation[index] != 0:
        raise ValueError(f"member {root!r} is not the root of a cascade")
    members = forest.members_of(index)
    ids = forest.ids
    return CascadeTree(
        root=root,
        members=tuple(str(ids[m]) for m in members),
        parents=tuple(None if forest.parent[m] < 0 else str(ids[forest.parent[m]])
                      for m in members),
        generations=tuple(int(forest.generation[m]) for m in members),
    )


def wiener_per_cascade(forest: CascadeForest) -> np.ndarray:
    """Per member index of a root: the sum of pairwise distances in its cascade."""
    n = forest.parent.size
    size = np.where(forest.generation == 0, forest.subtree, 0)
    below = np.flatnonzero(forest.parent >= 0)
    pairs = forest.subtree[below] * (size[forest.root[below]] - forest.subtree[below])
    wiener = np.zeros(n, dtype=np.int64)
    np.add.at(wiener, forest.root[below], pairs)
    return wiener


def all_cascades(forest: CascadeForest, classes: np.ndarray | None = None,
                 class_names: tuple[str, ...] = ()) -> list[CascadeMetrics]:
    """Metrics of every cascade, largest first (ties: deeper, then root id).

    ``classes`` (per member index, a position in ``class_names``) sets ``root_class``."""
    edges = forest.edges
    roots = forest.roots
    n = forest.parent.size
    size = forest.subtree[roots]
    members = forest.order
    slot = np.full(n, -1, dtype=np.int64)
    slot[roots] = np.arange(roots.size)
    cascade = slot[forest.root[members]]
    generation = forest.generation[members]
    depth = np.zeros(roots.size, dtype=np.int64)
    np.maximum.at(depth, cascade, generation)
    width = int(depth.max()) + 1 if roots.size else 1
    keys, counts = np.unique(cascade * width + generation, return_counts=True)
    breadth_start = np.searchsorted(keys // width, np.arange(roots.size))

    sent = np.flatnonzero(forest.generation[edges.source] >= 0)
    sender_slot = slot[forest.root[edges.source[sent]]]
    shares = np.bincount(sender_slot, minlength=roots.size)
    joins = np.bincount(sender_slot, weights=forest.converted[sent], minlength=roots.size)
    virality = virality_from_wiener(wiener_per_cascade(forest)[roots], size)

    reached = np.flatnonzero(forest.tree_edge >= 0)
    reached_at = edges.at[forest.tree_edge[reached]]
    reached_slot = slot[forest.root[reached]]
    started = np.full(roots.size, NO_TIME, dtype=np.int64)
    np.minimum.at(started, sender_slot, edges.at[sent])
    last = np.full(roots.size, -1, dtype=np.int64)
    timed = reached_at != NO_TIME
    np.maximum.at(last, reached_slot[timed], reached_at[timed])

    result = []
    for i in np.lexsort((roots, -depth, -size)):
        start = breadth_start[i]
        breadth = tuple(int(c) for c in counts[start:start + depth[i] + 1])
        sent_count = int(shares[i])
        result.append(CascadeMetrics(
            root=str(edges.ids[roots[i]]),
            size=int(size[i]),
            depth=int(depth[i]),
            breadth=breadth,
            reproduction=reproduction_ratios(breadth),
            shares=sent_count,
            joins=int(joins[i]),
            conversion=float(joins[i] / sent_count) if sent_count else None,
            structural_virality=float(virality[i]),
            started_at=to_datetime(int(started[i])),  # the first share of its members
            last_reached_at=None if last[i] < 0 else to_datetime(int(last[i])),
            root_class="" if classes is None else class_names[classes[roots[i]]],
        ))
    return result


def reproduction_ratios(breadth: tuple[int, ...] | list[int]) -> tuple[float, ...]:
    """Members reached per member, generation by generation: breadth[g+1] / breadth[g]."""
    return tuple(breadth[g + 1] / breadth[g] for g in range(len(breadth) - 1) if breadth[g])
