"""Who drives fission: top spreaders, which roles start cascades, first-layer
versus open fission, the outsider -> KOL connector pattern, chains deeper than
the layering norm."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

import numpy as np

from graphmodel.fission.cascades import CascadeMetrics
from graphmodel.fission.forest import CascadeForest
from graphmodel.fission.roles import ROOT_CLASS_LABELS, ROOT_CLASSES, SHARE_KINDS, RoleBook, share_kind


@dataclass(frozen=True)
class Spreader:
    """A member's part in fission: ``direct_reach`` members they reached first,
    ``downstream_reach`` members below them in their cascade, ``shares`` sent,
    ``conversions`` the shares credited with a join, ``downstream_joins``
    members below them who joined through a share."""

    member: str
    role_class: str
    cascade_root: str
    generation: int
    direct_reach: int
    downstream_reach: int
    shares: int
    conversions: int
    conversion: float | None
    downstream_joins: int


@dataclass(frozen=True)
class RootClassStats:
    """Cascades started by one class of root."""

    root_class: str
    label_en: str
    label_zh: str
    cascades: int
    lone_roots: int
    reached: int
    largest: int
    mean_size: float
    mean_virality: float | None
    joins: int


@dataclass(frozen=True)
class ShareKindStats:
    """Members reached first by shares of one kind ('first_layer' by leaders,
    managers and seed users; 'open' by ordinary members; 'outside' by outsiders);
    ``joins`` credited to such shares, ``activated`` of them by invitees who became
    active (None: the data holds no interaction), and each kind's share of all."""

    kind: str
    sharers: int
    reached: int
    joins: int
    share_of_reached: float
    activated: int | None = None
    share_of_activated: float | None = None


@dataclass(frozen=True)
class ConnectorPattern:
    """An outsider whose share reached a KOL who then reached more than the outsider did otherwise."""

    outsider: str
    leader: str
    leader_reach: int
    outsider_other_reach: int
    cascade_root: str
    reached_at_generation: int


@dataclass(frozen=True)
class DeepChain:
    """A cascade deeper than the layering norm: ``beyond_norm`` members sit below
    the norm's last layer; ``path`` runs from the root to its deepest member."""

    root: str
    root_class: str
    depth: int
    beyond_norm: int
    path: tuple[str, ...]


def member_classes(forest: CascadeForest, book: RoleBook) -> np.ndarray:
    """Per member index: its position in ``ROOT_CLASSES``."""
    codes = np.full(forest.ids.size, ROOT_CLASSES.index("member"), dtype=np.int8)
    for member in set(book.declared) | set(book.inferred) | set(book.outsiders):
        try:
            codes[forest.edges.index_of(member)] = ROOT_CLASSES.index(book.root_class(member))
        except ValueError:  # a member with a role who never shared nor was reached
            continue
    return codes


def joined_members(forest: CascadeForest) -> np.ndarray:
    """Per member index: 1 when a share is credited with their join."""
    joined = np.zeros(forest.ids.size, dtype=np.int64)
    joined[forest.edges.target[forest.converted]] = 1
    return joined


def top_spreaders(forest: CascadeForest, classes: np.ndarray, limit: int = 20) -> list[Spreader]:
    """Members ranked by downstream reach, then conversions, then id."""
    edges = forest.edges
    n = forest.ids.size
    shares = np.bincount(edges.source, minlength=n)
    conversions = np.bincount(edges.source, weights=forest.converted, minlength=n).astype(np.int64)
    reach = np.where(forest.in_forest, forest.subtree - 1, 0)
    candidates = np.flatnonzero(forest.in_forest & (shares > 0))
    ranked = candidates[np.lexsort((candidates, -conversions[candidates], -reach[candidates]))]
    top = ranked[:limit]
    joined = joined_members(forest)
    downstream_joins = forest.subtree_sum(joined) - joined
    direct = forest.children_count()
    return [
        Spreader(
            member=str(forest.ids[m]),
            role_class=ROOT_CLASSES[classes[m]],
            cascade_root=str(forest.ids[forest.root[m]]),
            generation=int(forest.generation[m]),
            direct_reach=int(direct[m]),
            downstream_reach=int(reach[m]),
            shares=int(shares[m]),
            conversions=int(conversions[m]),
            conversion=float(conversions[m] / shares[m]),
            downstream_joins=int(downstream_joins[m]),
        )
        for m in top
    ]


def by_root_class(cascades: Sequence[CascadeMetrics], book: RoleBook) -> list[RootClassStats]:
    """Which roles start cascades, and how large those cascades grow."""
    grouped: dict[str, list[CascadeMetrics]] = {c: [] for c in ROOT_CLASSES}
    for cascade in cascades:
        grouped[book.root_class(cascade.root)].append(cascade)
    result = []
    for root_class, group in grouped.items():
        spread = [c.structural_virality for c in group if c.size > 1]
        en, zh = ROOT_CLASS_LABELS[root_class]
        result.append(RootClassStats(
            root_class=root_class, label_en=en, label_zh=zh,
            cascades=len(group),
            lone_roots=sum(1 for c in group if c.size == 1),
            reached=sum(c.size - 1 for c in group),
            largest=max((c.size for c in group), default=0),
            mean_size=fmean(c.size for c in group) if group else 0.0,
            mean_virality=fmean(spread) if spread else None,
            joins=sum(c.joins for c in group),
        ))
    return result


def share_kinds(forest: CascadeForest, classes: np.ndarray,
                activated: np.ndarray | None = None) -> list[ShareKindStats]:
    """First-layer, open and outside fission: who reached the reached members, and
    (``activated``: per member, whether they became active after joining) whose
    joins became active."""
    edges = forest.edges
    tree = forest.tree_edge[forest.tree_edge >= 0]
    kind_of_class = np.array([SHARE_KINDS.index(share_kind(c)) for c in ROOT_CLASSES])
    tree_kind = kind_of_class[classes[edges.source[tree]]]
    reached = np.bincount(tree_kind, minlength=len(SHARE_KINDS))
    sharers = [np.unique(edges.source[tree][tree_kind == k]).size for k in range(len(SHARE_KINDS))]
    converted = np.flatnonzero(forest.converted)
    join_kind = kind_of_class[classes[edges.source[converted]]]
    joins = np.bincount(join_kind, minlength=len(SHARE_KINDS))
    total = int(reached.sum())
    real = (None if activated is None else
            np.bincount(join_kind, weights=activated[edges.target[converted]], minlength=len(SHARE_KINDS)))
    real_total = 0 if real is None else int(real.sum())
    return [ShareKindStats(kind, int(sharers[k]), int(reached[k]), int(joins[k]),
                           float(reached[k] / total) if total else 0.0,
                           None if real is None else int(real[k]),
                           None if real is None else (float(real[k] / real_total) if real_total else 0.0))
            for k, kind in enumerate(SHARE_KINDS)]


def connector_patterns(forest: CascadeForest, classes: np.ndarray, book: RoleBook,
                       limit: int = 20) -> list[ConnectorPattern]:
    """Outsiders whose share reached a KOL whose downstream outgrew the outsider's other reach."""
    leader_ids = [m for m in set(book.declared) | set(book.inferred) if book.is_leader(m)]
    found = []
    outsider_code = ROOT_CLASSES.index("outsider")
    for member in leader_ids:
        try:
            leader = forest.edges.index_of(member)
        except ValueError:
            continue
        outsider = int(forest.parent[leader])
        if outsider < 0 or classes[outsider] != outsider_code:
            continue
        leader_reach = int(forest.subtree[leader] - 1)
        other = int(forest.subtree[outsider] - 1 - forest.subtree[leader])
        if leader_reach > other:
            found.append(ConnectorPattern(
                outsider=str(forest.ids[outsider]), leader=member, leader_reach=leader_reach,
                outsider_other_reach=other, cascade_root=str(forest.ids[forest.root[leader]]),
                reached_at_generation=int(forest.generation[leader])))
    found.sort(key=lambda p: (-p.leader_reach, p.leader))
    return found[:limit]


def deep_chains(forest: CascadeForest, classes: np.ndarray, norm: int,
                limit: int = 20) -> tuple[int, list[DeepChain]]:
    """Cascades deeper than ``norm`` generations: how many, and the deepest ``limit``."""
    beyond = np.flatnonzero(forest.generation > norm)
    if not beyond.size:
        return 0, []
    roots, counts = np.unique(forest.root[beyond], return_counts=True)
    deepest_first = beyond[np.lexsort((beyond, -forest.generation[beyond], forest.root[beyond]))]
    _, first = np.unique(forest.root[deepest_first], return_index=True)
    deepest = deepest_first[first]  # one per root, aligned with ``roots``
    order = np.lexsort((roots, -counts, -forest.generation[deepest]))[:limit]
    chains = [
        DeepChain(
            root=str(forest.ids[roots[i]]),
            root_class=ROOT_CLASSES[classes[roots[i]]],
            depth=int(forest.generation[deepest[i]]),
            beyond_norm=int(counts[i]),
            path=tuple(str(forest.ids[m]) for m in reversed(forest.path_to_root(int(deepest[i])))),
        )
        for i in order
    ]
    return int(roots.size), chains
