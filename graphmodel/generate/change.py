"""Change over time, planted on purpose so that windowed runs and circle events can find it.

The circle splits ``CHANGE_DAYS`` before the end of the period (time for the ties from
before to fade), the leader falls quiet ``QUIET_DAYS`` before it (inside the window and
baseline of a run at the end):

- ``quiet_leader``: a circle's leader stops interacting (nobody addresses them either);
- ``departures``: a few percent of the ordinary members leave (``left_at``, ``left`` or
  ``removed``) at a time of their own after joining, and interact no more;
- ``circle_split``: the leader of a large circle leaves, and from then on its two halves
  talk only inside themselves, more than the circle did before;
- ``weak_cohort``: the members who joined in two calendar months in the middle of the
  period stay active a quarter as long (a cohort that retains worse), beside the two
  months before them (``compare_with``).

Drawn from a random stream of their own, so the rest of a seed's community is the same
with or without them. ``truth.json``'s ``changes`` says where each is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from graphmodel.generate.activity import Interactions
from graphmodel.generate.events import Events
from graphmodel.generate.structure import EXECUTOR, LEADER, LURKER, MANAGER, MS_PER_DAY, PARTICIPANT, Structure

CHANGES = ("quiet_leader", "departures", "circle_split", "weak_cohort")
CHANGE_DAYS = 120           # the circle splits this many days before the end
QUIET_DAYS = 45             # the leader falls quiet this many days before the end
DEPARTED_SHARE = 0.03
WEAK_RETENTION = 0.25       # the weak cohort's active windows, against the others'
SPLIT_MIN_SIZE = 40
SPLIT_BOOST = 3.0           # the halves' interactions after the split, against the circle's rate before


@dataclass
class Planted:
    """What ``plant_before`` chose, for ``plant_after`` and ``truth.json``."""

    at: int                                         # the change time, epoch ms
    left_at: np.ndarray                             # per member, epoch ms; -1: stays
    removed: np.ndarray                             # per member: left because removed
    truth: dict = field(default_factory=dict)


def plant_before(rng: np.random.Generator, s: Structure, events: Events, changes: tuple[str, ...],
                 start_ms: int, end_ms: int, avoid: set[int]) -> Planted:
    """The choices, and what changes who stays active (before interactions are drawn).
    ``avoid``: circles planted problems use."""
    at = end_ms - CHANGE_DAYS * MS_PER_DAY
    planted = Planted(at, np.full(s.n, -1, np.int64), np.zeros(s.n, bool))
    led = [int(c) for c in np.flatnonzero(s.leader_of >= 0) if int(c) not in avoid]
    sizes = np.diff(s.circle_start)
    if "circle_split" in changes:
        large = [c for c in led if sizes[c] >= SPLIT_MIN_SIZE]
        if not large:
            raise ValueError(f"circle_split needs a led circle of {SPLIT_MIN_SIZE}+ members (about 1,000 members)")
        circle = max(large, key=lambda c: (sizes[c], -c))
        led.remove(circle)
        leader = int(s.leader_of[circle])
        members = np.sort(s.circle_members(circle))
        rest = members[members != leader]
        shuffled = rng.permutation(rest)
        halves = np.sort(shuffled[: len(rest) // 2]), np.sort(shuffled[len(rest) // 2:])
        events.active_until[rest] = end_ms  # they keep talking, in their halves
        planted.left_at[leader] = at
        planted.truth["circle_split"] = {"circle": circle, "leader": leader, "at": at,
                                         "halves": [h.tolist() for h in halves]}
    if "quiet_leader" in changes:
        if not led:
            raise ValueError("quiet_leader needs another led circle")
        circle = led[len(led) // 2]
        planted.truth["quiet_leader"] = {"circle": circle, "member": int(s.leader_of[circle]),
                                         "since": end_ms - QUIET_DAYS * MS_PER_DAY}
    if "departures" in changes:
        keen = np.isin(s.role, (LEADER, MANAGER, EXECUTOR)) | (planted.left_at >= 0)
        ordinary = np.flatnonzero(np.isin(s.role, (PARTICIPANT, LURKER)) & ~keen & (s.joined < end_ms - 3 * MS_PER_DAY))
        chosen = np.sort(rng.choice(ordinary, size=max(1, int(len(ordinary) * DEPARTED_SHARE)), replace=False))
        planted.left_at[chosen] = s.joined[chosen] + MS_PER_DAY + (
            rng.random(len(chosen)) * (end_ms - s.joined[chosen] - 2 * MS_PER_DAY)).astype(np.int64)
        planted.removed[chosen] = rng.random(len(chosen)) < 0.2
        planted.truth["departures"] = {"members": chosen.tolist()}
    if "weak_cohort" in changes:
        weak, earlier = _cohort_months(start_ms, end_ms)
        cohort = np.flatnonzero((s.joined >= weak[0]) & (s.joined < weak[1]) & ~np.isin(s.role, (LEADER, MANAGER)))
        window = events.active_until[cohort] - s.joined[cohort]
        events.active_until[cohort] = s.joined[cohort] + (window * WEAK_RETENTION).astype(np.int64)
        planted.truth["weak_cohort"] = {"cohort": _spec(weak), "compare_with": _spec(earlier),
                                        "members": len(cohort), "retention_factor": WEAK_RETENTION}
    return planted


def plant_after(rng: np.random.Generator, s: Structure, interactions: Interactions,
                planted: Planted) -> Interactions:
    """What changes the interactions (after they are drawn)."""
    source, target, kind, at = interactions.source, interactions.target, interactions.kind, interactions.at
    split = planted.truth.get("circle_split")
    if split:
        half = np.full(s.n, -1)
        for index, members in enumerate(split["halves"]):
            half[members] = index
        after = at >= planted.at
        inside = after & (half[source] >= 0) & ((s.circle[target] == split["circle"]) | (target == split["leader"]))
        # after the split, what went to the other half or to the leader goes to one's own half
        moved = np.flatnonzero(inside & (half[target] != half[source]))
        for index, members in enumerate(split["halves"]):
            mine = moved[half[source[moved]] == index]
            target[mine] = rng.choice(np.asarray(members), len(mine))
        before = (at < planted.at) & (s.circle[source] == split["circle"]) & (s.circle[target] == split["circle"])
        extra = int(before.sum() * SPLIT_BOOST * CHANGE_DAYS / max(1, (planted.at - int(at.min())) / MS_PER_DAY))
        halves = [np.asarray(h) for h in split["halves"]]
        pick = rng.integers(0, 2, extra)
        new_source = np.array([rng.choice(halves[p]) for p in pick], np.int64)
        new_target = np.array([rng.choice(halves[p]) for p in pick], np.int64)
        differ = new_source != new_target
        new_at = planted.at + (rng.random(extra) * CHANGE_DAYS * MS_PER_DAY).astype(np.int64)
        new_at = np.maximum(new_at, np.maximum(s.joined[new_source], s.joined[new_target]) + 60_000)
        keep = differ & (new_at < planted.at + CHANGE_DAYS * MS_PER_DAY)
        source = np.concatenate([source, new_source[keep]])
        target = np.concatenate([target, new_target[keep]])
        kind = np.concatenate([kind, np.zeros(keep.sum(), kind.dtype)])
        at = np.concatenate([at, new_at[keep]])
    silent = np.full(s.n, np.iinfo(np.int64).max)
    gone = planted.left_at >= 0
    silent[gone] = planted.left_at[gone]
    quiet = planted.truth.get("quiet_leader")
    if quiet:
        silent[quiet["member"]] = min(silent[quiet["member"]], quiet["since"])
    keep = (at < silent[source]) & (at < silent[target])
    return Interactions(source[keep], target[keep], kind[keep], at[keep])


def truth_of(planted: Planted, ids) -> dict:
    """``planted.truth`` with member indexes as member ids and times as ISO text (``ids``: indexes -> ids)."""
    out: dict = {}
    for change, detail in planted.truth.items():
        detail = dict(detail)
        for key in ("leader", "member"):
            if key in detail:
                detail[key] = str(ids(np.array([detail[key]]))[0])
        if "halves" in detail:
            detail["halves"] = [ids(np.array(h)).tolist() for h in detail["halves"]]
        if "members" in detail and isinstance(detail["members"], list):
            detail["members"] = ids(np.array(detail["members"], np.int64)).tolist()
        for key in ("at", "since"):
            if key in detail:
                detail[key] = _iso(detail[key])
        out[change] = detail
    return out


def _cohort_months(start_ms: int, end_ms: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Two calendar months from 40 % into the period, and the two months before them."""
    middle = datetime.fromtimestamp((start_ms + 0.4 * (end_ms - start_ms)) / 1000, UTC)
    first = _month(middle.year, middle.month)
    return (first, _month(*_add(middle.year, middle.month, 2))), (_month(*_add(middle.year, middle.month, -2)), first)


def _add(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _month(year: int, month: int) -> int:
    return int(datetime(year, month, 1, tzinfo=UTC).timestamp() * 1000)


def _spec(months: tuple[int, int]) -> str:
    """A cohort as ``graphmodel compare --cohort`` takes it: joined:YYYY-MM..YYYY-MM (both months in)."""
    first = datetime.fromtimestamp(months[0] / 1000, UTC)
    last = datetime.fromtimestamp((months[1] - 1) / 1000, UTC)
    return f"joined:{first:%Y-%m}..{last:%Y-%m}"


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()
