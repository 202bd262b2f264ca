"""Critical points of fission: growth per period, the headcount at which
cascades began to sustain themselves, and the decay of repeated shares inside
the same small circle.

Reproduction over time: the members who entered cascades in a period (first
reached then, or a root's first share then) form a cohort; the cohort's
reproduction ratio is how many members they went on to reach first, per
cohort member. Cascades sustain themselves once that ratio stays at 1 or more
for ``sustain`` consecutive periods; the headcount critical point is the
member count at the start of the first such period. Recent cohorts have had
less time to share, so the last periods' ratios are low bounds.

Real fission counts only what became active: the same cohorts, counting a member
only as a root or as an activated invitee (``graphmodel.fission.quality``), and
the activated joins credited to them instead of everyone they reached; its
critical point is found the same way.

Repeated shares: the shares of each group (a small circle from the analysis
run, or each sharer when there is no run) are numbered in time order; the
share of them that reached a member nobody had reached before is reported per
repeat bucket (1st, 2nd, 3rd-4th, 5th-8th, ...). A falling rate is the decay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from graphmodel.fission.forest import NO_TIME, CascadeForest

PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class PeriodGrowth:
    """One period. ``joined``: members whose join date falls in it; ``members``:
    members at its end; ``joined_by_share``: shares in it credited with a join;
    ``entered``: members who entered cascades in it; ``reached_later``: members
    those entrants reached first, whenever; ``reproduction`` = reached_later / entered.
    The same on real fission: ``active_entered`` (roots and activated invitees),
    ``active_brought`` (activated joins credited to them), ``active_reproduction``."""

    period: date
    joined: int
    members: int
    joined_by_share: int
    entered: int
    reached_later: int
    reproduction: float | None
    active_entered: int = 0
    active_brought: int = 0
    active_reproduction: float | None = None


@dataclass(frozen=True)
class CriticalPoint:
    """Where cascades began to sustain themselves (``from_start``: from the first period)."""

    period: date
    headcount: int
    headcount_basis: str
    reproduction: float
    from_start: bool


@dataclass(frozen=True)
class DecayBucket:
    """Shares that were a group's ``repeat_from``-th to ``repeat_to``-th."""

    repeat_from: int
    repeat_to: int
    shares: int
    reached_new: int
    inside_group: int | None
    new_rate: float


@dataclass(frozen=True)
class RepeatDecay:
    """How the yield of repeated shares inside the same group decays.

    ``grouping`` is 'circle' (small circles of the analysis run) or 'sharer';
    ``decay`` = new_rate of the last bucket / new_rate of the first (None when
    there is only one bucket or the first reached nobody)."""

    grouping: str
    groups: int
    buckets: tuple[DecayBucket, ...]
    decay: float | None


def period_starts(millis: np.ndarray, period: str) -> np.ndarray:
    """Start day of the day/ISO week/month holding each time (datetime64[D])."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}; got {period!r}")
    days = (np.asarray(millis, dtype=np.int64) // 86_400_000).astype("datetime64[D]")
    if period == "day":
        return days
    if period == "month":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    return days - weekday.astype("timedelta64[D]")


def entry_times(forest: CascadeForest) -> np.ndarray:
    """Per member index: when they entered a cascade (NO_TIME: unknown or not in one)."""
    edges = forest.edges
    entered = np.full(forest.ids.size, NO_TIME, dtype=np.int64)
    reached = forest.tree_edge >= 0
    entered[reached] = edges.at[forest.tree_edge[reached]]
    first_share = np.full(forest.ids.size, NO_TIME, dtype=np.int64)
    np.minimum.at(first_share, edges.source, edges.at)
    roots = forest.generation == 0
    entered[roots] = first_share[roots]
    return entered


def growth_per_period(forest: CascadeForest, joined_per_period: Mapping[date, int],
                      period: str, real: np.ndarray | None = None,
                      brought: np.ndarray | None = None) -> list[PeriodGrowth]:
    """Growth and cohort reproduction per period (periods with any activity); with
    ``real`` (per member: counts in real fission) and ``brought`` (per member: activated
    joins credited to them), real fission's too."""
    entered_at = entry_times(forest)
    timed = np.flatnonzero(entered_at != NO_TIME)
    cohort_period = period_starts(entered_at[timed], period)
    share_at = forest.edges.at[forest.converted]
    share_period = period_starts(share_at[share_at != NO_TIME], period)
    children = forest.children_count()
    all_periods = sorted(set(cohort_period.tolist()) | set(share_period.tolist())
                         | set(joined_per_period))
    entered = _count_by(cohort_period, all_periods)
    reached_later = _count_by(cohort_period, all_periods, weights=children[timed])
    by_share = _count_by(share_period, all_periods)
    if real is None or brought is None:
        active_entered = active_brought = np.zeros(len(all_periods))
    else:
        counted = real[timed]
        active_entered = _count_by(cohort_period[counted], all_periods)
        active_brought = _count_by(cohort_period[counted], all_periods, weights=brought[timed][counted])
    result = []
    members = 0
    for i, start in enumerate(all_periods):
        joined = int(joined_per_period.get(start, 0))
        members += joined
        result.append(PeriodGrowth(
            period=start, joined=joined, members=members, joined_by_share=int(by_share[i]),
            entered=int(entered[i]), reached_later=int(reached_later[i]),
            reproduction=float(reached_later[i] / entered[i]) if entered[i] else None,
            active_entered=int(active_entered[i]), active_brought=int(active_brought[i]),
            active_reproduction=float(active_brought[i] / active_entered[i]) if active_entered[i] else None,
        ))
    return result


def _count_by(periods: np.ndarray, ordered: Sequence[date], weights=None) -> np.ndarray:
    if not ordered:
        return np.zeros(0)
    slots = np.searchsorted(np.array(ordered, dtype="datetime64[D]"), periods)
    return np.bincount(slots, weights=weights, minlength=len(ordered))


def headcount_critical_point(growth: Sequence[PeriodGrowth], sustain: int = 2,
                             activated: bool = False) -> CriticalPoint | None:
    """The first period from which cohort reproduction (``activated``: real fission's)
    stays >= 1 for ``sustain`` periods."""
    basis = "joined_at" if any(g.joined for g in growth) else "reached"

    def ratio(g: PeriodGrowth) -> float | None:
        return g.active_reproduction if activated else g.reproduction

    entrants = 0
    active = [g for g in growth if ratio(g) is not None]
    headcounts: dict[date, int] = {}
    for g in growth:
        headcounts[g.period] = (g.members - g.joined) if basis == "joined_at" else entrants
        entrants += g.active_entered if activated else g.entered
    for i in range(len(active) - sustain + 1):
        window = active[i:i + sustain]
        if all((ratio(g) or 0.0) >= 1 for g in window):
            first = window[0]
            return CriticalPoint(first.period, headcounts[first.period], basis,
                                 float(ratio(first) or 0.0), from_start=i == 0)
    return None


def generation_reproduction(forest: CascadeForest) -> tuple[float, ...]:
    """Over all cascades: members at generation g+1 per member at generation g."""
    in_forest = forest.generation[forest.generation >= 0]
    breadth = np.bincount(in_forest) if in_forest.size else np.zeros(0, dtype=np.int64)
    return tuple(float(breadth[g + 1] / breadth[g]) for g in range(breadth.size - 1))


def repeat_decay(forest: CascadeForest, circles: Mapping[str, object] | None = None,
                 small_circle: int = 50) -> RepeatDecay:
    """Yield of a group's repeated shares; groups are circles of at most ``small_circle``
    members when ``circles`` (member id -> circle) is given, else each sharer."""
    edges = forest.edges
    order = forest.order_edges  # time order, ties broken as in the forest
    if circles:
        group, grouping = _small_circle_groups(forest, circles, small_circle), "circle"
    else:
        group, grouping = np.arange(forest.ids.size, dtype=np.int64), "sharer"
    order = order[group[edges.source[order]] >= 0]
    share_group = group[edges.source[order]]
    by_group = order[np.argsort(share_group, kind="stable")]
    grouped = group[edges.source[by_group]]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if grouped.size else grouped
    lengths = np.diff(np.r_[starts, grouped.size])
    rank = np.arange(grouped.size) - np.repeat(starts, lengths) + 1
    new = forest.tree_edge[edges.target[by_group]] == by_group
    inside = group[edges.target[by_group]] == grouped if grouping == "circle" else None
    bucket = np.ceil(np.log2(rank)).astype(np.int64) if rank.size else rank
    buckets = []
    for b in range(int(bucket.max()) + 1 if bucket.size else 0):
        mask = bucket == b
        count = int(mask.sum())
        if not count:
            continue
        reached_new = int(new[mask].sum())
        buckets.append(DecayBucket(
            repeat_from=1 if b == 0 else 2 ** (b - 1) + 1, repeat_to=2 ** b,
            shares=count, reached_new=reached_new,
            inside_group=None if inside is None else int(inside[mask].sum()),
            new_rate=reached_new / count,
        ))
    repeated = int(np.sum(lengths > 1))
    decay = None
    if len(buckets) > 1 and buckets[0].new_rate > 0:
        decay = buckets[-1].new_rate / buckets[0].new_rate
    return RepeatDecay(grouping, repeated, tuple(buckets), decay)


def _small_circle_groups(forest: CascadeForest, circles: Mapping[str, object],
                         small_circle: int) -> np.ndarray:
    """Per member index: a number for their circle when it is small, else -1."""
    return small_circle_groups(forest.ids, circles, small_circle)[0]


def small_circle_groups(ids: np.ndarray, circles: Mapping[str, object],
                        small_circle: int) -> tuple[np.ndarray, list[str]]:
    """Per member of ``ids`` (sorted): a number for their circle when it has at most
    ``small_circle`` members, else -1 (also for members in no circle); and the circle
    each number stands for (small circles numbered in the order of their ids as text)."""
    group = np.full(ids.size, -1, dtype=np.int64)
    if not circles or not ids.size:
        return group, []
    members = np.array(list(circles), dtype=str)
    kinds, code, sizes = np.unique(np.array([str(c) for c in circles.values()], dtype=str),
                                   return_inverse=True, return_counts=True)
    small = sizes <= small_circle
    numbers = np.cumsum(small) - 1
    number = np.where(small[code], numbers[code], -1)
    at = np.minimum(np.searchsorted(ids, members), ids.size - 1)
    found = ids[at] == members
    group[at[found]] = number[found]
    return group, [str(k) for k in kinds[small]]
