"""Quality of invitations: did the people invited become members who matter?

An invitee is a member whose join a share is credited with (the earliest share with
``joined`` into them: ``CascadeForest.converted``); their inviter is that share's sharer
and their channel its channel. Their join time is their ``joined_at``, else the credited
share's time. An invitee is

- *activated* when they started an interaction within ``activation_days`` of joining;
- *retained* when they started one ``retention_days`` or more after joining (*retained
  long*: ``long_retention_days``); only invitees who joined at least that long before the
  end of the data are *eligible*, and retention rates are over the eligible;
- *left* when a departure (before the cutoff) came after their join, *left soon* when it
  came within ``harvest_days`` of it;
- *hollow* when they never started an interaction nor shared, and nobody but their
  inviter interacted with them;
- *a leader* when they hold the leader or connector role (declared, or inferred by the
  analysis run), which they took on after being invited.

Per inviter, per channel and per cascade these add up; ``downstream_joins`` are the
joins credited to the invitees' own shares (the second generation). The community's
retention, the yardstick for an inviter's, is over every member whose join time is
known. Without a single interaction in the community the activity figures are not known
(None), and nothing is judged on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from graphmodel.fission.flags import Flag
from graphmodel.fission.forest import NO_TIME, CascadeForest
from graphmodel.fission.options import FissionOptions
from graphmodel.fission.roles import ROOT_CLASSES, RoleBook
from graphmodel.fission.source import MemberActivity

DAY = 86_400_000
#: roles an invitee may grow into that count as "became a leader or connector"
LEADING_ROLES = ("leader", "connector")
#: the per-inviter and per-channel counts, in the order rows show them
COUNTS = ("joined", "activated", "eligible", "retained", "eligible_long", "retained_long", "left",
          "left_soon", "hollow", "became_leader", "downstream_joins")


@dataclass(frozen=True)
class MemberQuality:
    """Per member index of a forest: their join (``join``: Unix ms or ``NO_TIME``;
    ``joined_at_known``: from their ``joined_at``), who is credited with it (``inviter``,
    ``credited``: the share; -1: nobody) and what became of them. ``end`` is the time of
    the latest thing the data holds; ``activity_known`` whether it holds any interaction."""

    join: np.ndarray
    joined_at_known: np.ndarray
    inviter: np.ndarray
    credited: np.ndarray
    started: np.ndarray
    activated: np.ndarray
    eligible: np.ndarray
    retained: np.ndarray
    eligible_long: np.ndarray
    retained_long: np.ndarray
    left: np.ndarray
    left_soon: np.ndarray
    removed: np.ndarray
    hollow: np.ndarray
    leads: np.ndarray
    end: int
    activity_known: bool
    community_eligible: int
    community_retained: int

    @property
    def invitees(self) -> np.ndarray:
        """Indices of the members a share is credited with."""
        return np.flatnonzero(self.inviter >= 0)

    @property
    def community_retention(self) -> float | None:
        """Retained share of every member whose join is known and long enough ago."""
        if not self.activity_known or not self.community_eligible:
            return None
        return self.community_retained / self.community_eligible


@dataclass(frozen=True)
class QualityFigures:
    """What became of the joins of one inviter, one channel or the whole community.
    Activity figures (``activated``, ``retained``, ``retained_long`` and their rates) are
    None when the data holds no interaction; rates are None without a base."""

    joined: int
    activated: int | None
    activation_rate: float | None
    retained: int | None
    retention_eligible: int
    retention_rate: float | None
    retained_long: int | None
    retention_long_eligible: int
    left: int
    left_share: float | None
    left_soon: int
    downstream_joins: int
    became_leader: int


@dataclass(frozen=True)
class InviterQuality:
    """One inviter: ``invited`` distinct people they shared to, and what became of the
    joins credited to them; ``flags`` are the fraud signals they raise."""

    member: str
    role_class: str
    invited: int
    quality: QualityFigures
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class ChannelQuality:
    """One channel (campaign tag; None: shares without one): who shared on it, how many
    people they reached, what became of its joins, and ``flagged_joins`` credited to
    inviters who raise a fraud signal."""

    channel: str | None
    sharers: int
    shares: int
    invited: int
    quality: QualityFigures
    flagged_joins: int = 0
    flags: tuple[Flag, ...] = ()


def member_quality(forest: CascadeForest, activity: MemberActivity | None, book: RoleBook,
                   options: FissionOptions | None = None) -> MemberQuality:
    """What became of every member of ``forest`` (see the module doc)."""
    options = options or FissionOptions()
    edges = forest.edges
    n = forest.ids.size
    credited = np.flatnonzero(forest.converted)
    inviter = np.full(n, -1, dtype=np.int64)
    inviter[edges.target[credited]] = edges.source[credited]
    credited_share = np.full(n, -1, dtype=np.int64)
    credited_share[edges.target[credited]] = credited
    share_time = np.full(n, NO_TIME, dtype=np.int64)
    share_time[edges.target[credited]] = edges.at[credited]

    empty = MemberActivity.from_columns([], [])
    activity = activity or empty
    position = activity.positions(forest.ids)
    have = position >= 0

    def pick(column: np.ndarray, fill) -> np.ndarray:
        out = np.full(n, fill, dtype=column.dtype if column.dtype.kind != "U" else object)
        out[have] = column[position[have]]
        return out

    joined_at, started, first = pick(activity.joined, NO_TIME), pick(activity.started, 0), pick(activity.first, NO_TIME)
    last, left_at, reason = pick(activity.last, NO_TIME), pick(activity.left, NO_TIME), pick(activity.left_reason, "")
    heard_from, partner = pick(activity.heard_from, 0), pick(activity.only_partner, "")
    join = np.where(joined_at != NO_TIME, joined_at, share_time)
    end = data_end(forest, activity)
    timed = join != NO_TIME
    since = np.where(timed, join, 0)
    last_seen = np.where(last == NO_TIME, -1, last)
    activated = timed & (first != NO_TIME) & (first <= since + options.activation_days * DAY) & (last_seen >= since)
    eligible = timed & (since + options.retention_days * DAY <= end)
    eligible_long = timed & (since + options.long_retention_days * DAY <= end)
    left = (left_at != NO_TIME) & (~timed | (left_at > since))
    left_soon = left & timed & (left_at - since <= options.harvest_days * DAY)

    shared = np.zeros(n, dtype=bool)
    shared[edges.source[edges.source != edges.target]] = True
    partner_index = _indices(forest.ids, partner.astype(str))
    only_inviter = (heard_from == 1) & (inviter >= 0) & (partner_index == inviter)
    hollow = (started == 0) & ~shared & ((heard_from == 0) | only_inviter)
    community_eligible, community_retained = _community_retention(activity, forest, position, share_time,
                                                                  options.retention_days, end)
    return MemberQuality(
        join=join, joined_at_known=joined_at != NO_TIME, inviter=inviter, credited=credited_share,
        started=started, activated=activated, eligible=eligible,
        retained=eligible & (last_seen >= since + options.retention_days * DAY),
        eligible_long=eligible_long,
        retained_long=eligible_long & (last_seen >= since + options.long_retention_days * DAY),
        left=left, left_soon=left_soon, removed=left & (reason == "removed"), hollow=hollow,
        leads=_holding(forest, book, LEADING_ROLES), end=end,
        activity_known=activity.interactions_known,
        community_eligible=community_eligible, community_retained=community_retained)


def data_end(forest: CascadeForest, activity: MemberActivity) -> int:
    """The latest time the data holds (a share, a join, a departure, an interaction)."""
    times = [forest.edges.at, activity.joined, activity.left, activity.last]
    latest = [int(t[t != NO_TIME].max()) for t in times if (t != NO_TIME).any()]
    return max(latest, default=NO_TIME)


def tally(keys: np.ndarray, size: int, members: np.ndarray, quality: MemberQuality) -> dict[str, np.ndarray]:
    """``COUNTS`` added up per key (``keys[i]`` is the slot of invitee ``members[i]``)."""
    joins_by = np.bincount(quality.inviter[quality.invitees], minlength=quality.inviter.size)
    values = {
        "joined": np.ones(members.size), "activated": quality.activated[members],
        "eligible": quality.eligible[members], "retained": quality.retained[members],
        "eligible_long": quality.eligible_long[members], "retained_long": quality.retained_long[members],
        "left": quality.left[members], "left_soon": quality.left_soon[members], "hollow": quality.hollow[members],
        "became_leader": quality.leads[members], "downstream_joins": joins_by[members],
    }
    return {name: np.bincount(keys, weights=values[name], minlength=size).astype(np.int64) for name in COUNTS}


def figures(counts: dict[str, np.ndarray], slot: int, activity_known: bool) -> QualityFigures:
    """The ``QualityFigures`` of one slot of ``tally``'s counts."""
    c = {name: int(counts[name][slot]) for name in COUNTS}
    known = activity_known
    return QualityFigures(
        joined=c["joined"],
        activated=c["activated"] if known else None,
        activation_rate=_rate(c["activated"], c["joined"]) if known else None,
        retained=c["retained"] if known else None, retention_eligible=c["eligible"],
        retention_rate=_rate(c["retained"], c["eligible"]) if known else None,
        retained_long=c["retained_long"] if known else None, retention_long_eligible=c["eligible_long"],
        left=c["left"], left_share=_rate(c["left"], c["joined"]), left_soon=c["left_soon"],
        downstream_joins=c["downstream_joins"], became_leader=c["became_leader"])


def community_figures(quality: MemberQuality) -> QualityFigures:
    """Every join credited to a share, added up."""
    members = quality.invitees
    counts = tally(np.zeros(members.size, dtype=np.int64), 1, members, quality)
    return figures(counts, 0, quality.activity_known)


def invited_counts(forest: CascadeForest) -> np.ndarray:
    """Per member: the distinct people they shared to (themselves left out)."""
    edges = forest.edges
    keep = edges.source != edges.target
    pairs = np.unique(edges.source[keep] * np.int64(forest.ids.size) + edges.target[keep])
    return np.bincount(pairs // max(forest.ids.size, 1), minlength=forest.ids.size)


def inviter_rows(forest: CascadeForest, quality: MemberQuality, classes: np.ndarray,
                 members: Sequence[int], flags: dict[int, tuple[Flag, ...]] | None = None) -> list[InviterQuality]:
    """Rows for the members (indices) given, in that order."""
    invitees = quality.invitees
    counts = tally(quality.inviter[invitees], forest.ids.size, invitees, quality)
    invited = invited_counts(forest)
    flags = flags or {}
    return [InviterQuality(member=str(forest.ids[m]), role_class=ROOT_CLASSES[classes[m]], invited=int(invited[m]),
                           quality=figures(counts, m, quality.activity_known), flags=flags.get(m, ()))
            for m in members]


def ranked_inviters(forest: CascadeForest, quality: MemberQuality) -> np.ndarray:
    """Inviters (members credited with a join) by quality: retained joins, then activated,
    then joins, then id."""
    invitees = quality.invitees
    counts = tally(quality.inviter[invitees], forest.ids.size, invitees, quality)
    inviters = np.flatnonzero(counts["joined"] > 0)
    return inviters[np.lexsort((inviters, -counts["joined"][inviters], -counts["activated"][inviters],
                                -counts["retained"][inviters]))]


def channel_rows(forest: CascadeForest, quality: MemberQuality,
                 flagged: np.ndarray | None = None) -> list[ChannelQuality]:
    """Every channel the shares use, most joins first (``flagged``: per member index,
    whether the inviter raises a fraud signal)."""
    edges = forest.edges
    names = edges.channel_names if edges.channel is not None else (None,)
    code = edges.channel if edges.channel is not None else np.zeros(edges.size, dtype=np.int64)
    k = len(names)
    keep = edges.source != edges.target
    invitees = quality.invitees
    channel_of = code[quality.credited[invitees]]
    counts = tally(channel_of, k, invitees, quality)
    flagged_joins = (np.bincount(channel_of, weights=flagged[quality.inviter[invitees]], minlength=k)
                     if flagged is not None else np.zeros(k))
    n = np.int64(max(forest.ids.size, 1))
    rows = []
    for c in range(k):
        mine = keep & (code == c)
        rows.append(ChannelQuality(
            channel=names[c], sharers=int(np.unique(edges.source[mine]).size), shares=int(mine.sum()),
            invited=int(np.unique(edges.source[mine] * n + edges.target[mine]).size),
            quality=figures(counts, c, quality.activity_known), flagged_joins=int(flagged_joins[c])))
    rows.sort(key=lambda r: (-r.quality.joined, -r.shares, r.channel or ""))
    return rows


def per_cascade(forest: CascadeForest, quality: MemberQuality) -> dict[str, np.ndarray]:
    """Per root index: the activated and retained joins credited to its members' shares."""
    invitees = quality.invitees
    roots = forest.root[quality.inviter[invitees]]
    inside = roots >= 0
    n = forest.ids.size
    return {name: np.bincount(roots[inside], weights=getattr(quality, name)[invitees[inside]],
                              minlength=n).astype(np.int64)
            for name in ("activated", "retained")}


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _indices(ids: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Index in ``ids`` (sorted) of each member id, -1 where absent or empty."""
    if not ids.size:
        return np.full(members.size, -1, dtype=np.int64)
    at = np.minimum(np.searchsorted(ids, members), ids.size - 1)
    return np.where((ids[at] == members) & (members != ""), at, -1)


def _holding(forest: CascadeForest, book: RoleBook, roles: tuple[str, ...]) -> np.ndarray:
    """Per member index: whether they hold one of ``roles`` (declared or inferred)."""
    holding = np.zeros(forest.ids.size, dtype=bool)
    wanted = set(roles)
    holders = [m for source in (book.declared, book.inferred) for m, held in source.items() if held & wanted]
    if holders:
        index = _indices(forest.ids, np.array(holders, dtype=str))
        holding[index[index >= 0]] = True
    return holding


def staff_members(forest: CascadeForest, book: RoleBook) -> np.ndarray:
    """Per member index: whether they are staff (a manager or an executor)."""
    return _holding(forest, book, ("manager", "executor"))


def _community_retention(activity: MemberActivity, forest: CascadeForest, position: np.ndarray,
                         share_time: np.ndarray, days: int, end: int) -> tuple[int, int]:
    """(eligible, retained) over every member whose join time is known."""
    join = activity.joined.copy()
    fill = (position >= 0) & (share_time != NO_TIME)
    unknown = join[position[fill]] == NO_TIME
    join[position[fill][unknown]] = share_time[fill][unknown]
    timed = join != NO_TIME
    since = np.where(timed, join, 0)
    eligible = timed & (since + days * DAY <= end)
    last = np.where(activity.last == NO_TIME, -1, activity.last)
    retained = eligible & (last >= since + days * DAY)
    return int(eligible.sum()), int(retained.sum())
