"""Fraud signals in invitations (羊毛党 reward hunters, 刷量 padded numbers).

Each signal is a ``Flag`` on an inviter with its evidence in English and Chinese
(figures from ``graphmodel.fission.quality``); every threshold is a
``FissionOptions`` field (a ``[fission]`` key):

- ``burst``: at least ``burst_joins`` of the inviter's invitees joined within
  ``burst_minutes`` of each other (by their ``joined_at``: a share's time says when
  the invitation went out, not when someone joined);
- ``star_farm``: at least ``star_farm_invitees`` hollow invitees (never took part,
  nobody but the inviter interacted with them), at least ``star_farm_share`` of the
  inviter's joins;
- ``quick_leavers``: at least ``harvest_invitees`` invitees left within
  ``harvest_days`` of joining, at least ``harvest_share`` of the joins (reward
  harvesting: join, let the inviter collect, leave);
- ``ring``: invitations that go round (shares saying they brought someone in: A
  invited B, ..., who invited A; reciprocal when two);
- ``new_account_chain``: ``new_account_chain`` or more invitations in a row, each
  sent by an account within ``new_account_days`` of its own ``joined_at`` that never
  took part (started no interaction);
- ``low_retention``: at least ``low_retention_invitees`` invitees old enough to
  count, retained at less than ``low_retention_ratio`` times the community's rate,
  and improbably so by chance: the binomial tail is below ``low_retention_p``
  divided by the number of inviters tested (Bonferroni: with many inviters some
  fall short by chance alone).

A channel is flagged ``low_retention`` by the same rule, and ``flagged_inviters``
when at least half of its joins (and at least ``burst_joins``) are credited to
flagged inviters. Signals that need activity are not raised when the data holds
no interaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from math import exp, lgamma, log

import numpy as np

from graphmodel.fission.flags import FLAG_KINDS, Flag
from graphmodel.fission.forest import NO_TIME, CascadeForest
from graphmodel.fission.options import FissionOptions
from graphmodel.fission.quality import DAY, ChannelQuality, MemberQuality, QualityFigures

LISTED_MEMBERS = 50  # related members kept with a flag


def inviter_flags(forest: CascadeForest, quality: MemberQuality,
                  rules: FissionOptions | None = None) -> dict[int, tuple[Flag, ...]]:
    """Per inviter (member index) with at least one signal: its flags, in ``FLAG_KINDS`` order."""
    rules = rules or FissionOptions()
    found: dict[int, list[Flag]] = defaultdict(list)
    detectors = [bursts, quick_leavers, rings]
    if quality.activity_known:
        detectors += [star_farms, new_account_chains, low_retention]
    for detect in detectors:
        for member, flag in detect(forest, quality, rules).items():
            found[member].append(flag)
    order = list(FLAG_KINDS)
    return {m: tuple(sorted(flags, key=lambda f: order.index(f.kind))) for m, flags in sorted(found.items())}


def bursts(forest: CascadeForest, quality: MemberQuality, rules: FissionOptions) -> dict[int, Flag]:
    invitees = quality.invitees
    invitees = invitees[quality.joined_at_known[invitees]]
    inviter = quality.inviter[invitees]
    order = np.lexsort((quality.join[invitees], inviter))
    invitees, inviter = invitees[order], inviter[order]
    window = rules.burst_minutes * 60_000
    starts = np.flatnonzero(np.r_[True, inviter[1:] != inviter[:-1]]) if inviter.size else inviter
    ends = np.r_[starts[1:], inviter.size] if inviter.size else inviter
    flags = {}
    for begin, end in zip(starts.tolist(), ends.tolist()):
        if end - begin < rules.burst_joins:
            continue
        group = invitees[begin:end]
        times = quality.join[group]
        count = np.searchsorted(times, times + window, side="right") - np.arange(times.size)
        best = int(np.argmax(count))
        if count[best] < rules.burst_joins:
            continue
        burst = group[best:best + int(count[best])]
        when = _minute(int(times[best]))
        flags[int(inviter[begin])] = Flag(
            "burst",
            f"{count[best]} invitees joined within {rules.burst_minutes} minutes (from {when} UTC)",
            f"{count[best]} 位受邀者在 {rules.burst_minutes} 分钟内加入（{when} UTC 起）",
            _ids(forest, burst))
    return flags


def star_farms(forest: CascadeForest, quality: MemberQuality, rules: FissionOptions) -> dict[int, Flag]:
    return {m: Flag("star_farm",
                    f"{k} of {j} invitees never took part and nobody but this inviter interacted with them",
                    f"{j} 位受邀者中有 {k} 位从未参与互动，除邀请人外无人与其互动", _ids(forest, mine))
            for m, mine, k, j in _inviters_with(forest, quality, quality.hollow, rules.star_farm_invitees,
                                                rules.star_farm_share)}


def quick_leavers(forest: CascadeForest, quality: MemberQuality, rules: FissionOptions) -> dict[int, Flag]:
    days = rules.harvest_days
    flags = {}
    for m, mine, k, j in _inviters_with(forest, quality, quality.left_soon, rules.harvest_invitees,
                                        rules.harvest_share):
        removed = int(quality.removed[mine].sum())
        flags[m] = Flag(
            "quick_leavers",
            f"{k} of {j} invitees left within {days} days of joining ({removed} removed by an admin)",
            f"{j} 位受邀者中有 {k} 位在加入后 {days} 天内退群（其中 {removed} 位被管理员移出）",
            _ids(forest, mine))
    return flags


def _inviters_with(forest: CascadeForest, quality: MemberQuality, marked: np.ndarray, least: int,
                   share: float) -> Iterator[tuple[int, np.ndarray, int, int]]:
    """Inviters with at least ``least`` invitees ``marked`` (per member index), ``share`` or
    more of their joins: (inviter, those invitees, how many, joins)."""
    invitees = quality.invitees
    inviter = quality.inviter[invitees]
    joined = np.bincount(inviter, minlength=forest.ids.size)
    count = np.bincount(inviter, weights=marked[invitees], minlength=forest.ids.size)
    for m in np.flatnonzero((count >= least) & (count >= share * joined)).tolist():
        yield m, invitees[(inviter == m) & marked[invitees]], int(count[m]), int(joined[m])


def rings(forest: CascadeForest, quality: MemberQuality, rules: FissionOptions) -> dict[int, Flag]:
    """Members on a cycle of invitations (strongly connected, two or more members)."""
    edges = forest.edges
    keep = edges.joined & (edges.source != edges.target)
    flags = {}
    for members in strongly_connected(edges.source[keep], edges.target[keep], forest.ids.size):
        cycle = _shortest_cycle(members, edges.source[keep], edges.target[keep])
        names = [str(forest.ids[m]) for m in cycle]
        path = " > ".join([*names, names[0]])
        if len(members) == 2:
            en = f"{names[0]} and {names[1]} invited each other"
            zh = f"{names[0]} 与 {names[1]} 互相邀请"
        elif len(cycle) == len(members):
            en = f"invitations go round {len(members)} members: {path}"
            zh = f"{len(members)} 人之间的邀请形成环：{path}"
        else:
            en = f"{len(members)} members invited each other round in rings, e.g. {path}"
            zh = f"{len(members)} 人之间互相邀请成环，例如：{path}"
        related = _ids(forest, np.array(sorted(members)))
        for m in members:
            flags[m] = Flag("ring", en, zh, related)
    return flags


def new_account_chains(forest: CascadeForest, quality: MemberQuality, rules: FissionOptions) -> dict[int, Flag]:
    """Invitations in a row, each sent by a brand-new, inactive account."""
    invitees = quality.invitees
    inviter = quality.inviter[invitees]
    sent = forest.edges.at[quality.credited[invitees]]
    age = np.where(sent != NO_TIME, sent, 0) - np.where(quality.join[inviter] != NO_TIME, quality.join[inviter], 0)
    fresh = (quality.joined_at_known[inviter] & (sent != NO_TIME) & (age >= 0)
             & (age <= rules.new_account_days * DAY) & (quality.started[inviter] == 0))
    up = np.full(forest.ids.size, -1, dtype=np.int64)  # the fresh inviter above each member
    up[invitees[fresh]] = inviter[fresh]
    length = np.zeros(forest.ids.size, dtype=np.int64)
    for _ in range(rules.new_account_chain):  # fresh invitations above each member, up to the rule's
        length = np.where(up >= 0, length[np.maximum(up, 0)] + 1, 0)
    paths = []
    for end in np.flatnonzero(length >= rules.new_account_chain).tolist():
        path = [end]
        while up[path[-1]] >= 0 and up[path[-1]] not in path:
            path.append(int(up[path[-1]]))
        paths.append(path)
    flags: dict[int, Flag] = {}
    for path in sorted(paths, key=lambda p: (-len(p), p[-1], p[0])):  # a member's longest chain names it
        down = list(reversed(path))
        names = " > ".join(str(forest.ids[m]) for m in down)
        flag = Flag(
            "new_account_chain",
            f"{len(down)} accounts in a row, each invited the next within {rules.new_account_days} "
            f"day(s) of joining and none took part: {names}",
            f"{len(down)} 个账号连环邀请，每个都在加入后 {rules.new_account_days} 天内邀请下一个，且都未参与互动：{names}",
            _ids(forest, np.array(down)))
        for m in down[:-1]:
            flags.setdefault(m, flag)
    return flags


def low_retention(forest: CascadeForest, quality: MemberQuality, rules: FissionOptions) -> dict[int, Flag]:
    base = quality.community_retention
    if base is None:
        return {}
    invitees = quality.invitees
    n = forest.ids.size
    inviter = quality.inviter[invitees]
    eligible = np.bincount(inviter, weights=quality.eligible[invitees], minlength=n).astype(np.int64)
    retained = np.bincount(inviter, weights=quality.retained[invitees], minlength=n).astype(np.int64)
    flags = {}
    tested = np.flatnonzero(eligible >= rules.low_retention_invitees).tolist()
    for m in tested:
        flag = retention_flag(int(retained[m]), int(eligible[m]), base, rules, len(tested))
        if flag is not None:
            flags[m] = flag
    return flags


def retention_flag(retained: int, eligible: int, base: float, rules: FissionOptions, tested: int = 1) -> Flag | None:
    """A ``low_retention`` flag when ``retained`` of ``eligible`` is far below ``base`` and
    improbably so, ``tested`` being how many were tested alike."""
    if eligible < rules.low_retention_invitees or retained >= rules.low_retention_ratio * base * eligible:
        return None
    if binomial_cdf(retained, eligible, base) >= rules.low_retention_p / max(tested, 1):
        return None
    rate, days = retained / eligible, rules.retention_days
    return Flag(
        "low_retention",
        f"{retained} of {eligible} invitees were active again {days} days after joining ({rate:.0%}), "
        f"against {base:.0%} in the community",
        f"{eligible} 位受邀者中仅 {retained} 位在加入 {days} 天后仍有互动（{rate:.0%}），社群整体为 {base:.0%}")


def channel_flags(channels: list[ChannelQuality], base: float | None,
                  rules: FissionOptions | None = None) -> list[ChannelQuality]:
    """The channels with their flags set."""
    rules = rules or FissionOptions()
    out = []
    tested = sum(1 for c in channels if c.quality.retention_eligible >= rules.low_retention_invitees)
    for channel in channels:
        q: QualityFigures = channel.quality
        flags = []
        if base is not None and q.retained is not None:
            flag = retention_flag(q.retained, q.retention_eligible, base, rules, tested)
            if flag is not None:
                flags.append(flag)
        if channel.flagged_joins >= max(rules.burst_joins, 0.5 * q.joined) and q.joined:
            flags.append(Flag(
                "flagged_inviters",
                f"{channel.flagged_joins} of its {q.joined} joins came from inviters with fraud signals",
                f"该渠道 {q.joined} 个加入中有 {channel.flagged_joins} 个来自有作弊信号的邀请人"))
        out.append(replace(channel, flags=tuple(flags)))
    return out


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p)."""
    if p <= 0:
        return 1.0
    if p >= 1:
        return 1.0 if k >= n else 0.0
    total = 0.0
    for i in range(0, min(k, n) + 1):
        total += exp(lgamma(n + 1) - lgamma(i + 1) - lgamma(n - i + 1) + i * log(p) + (n - i) * log(1 - p))
    return min(total, 1.0)


def strongly_connected(source: np.ndarray, target: np.ndarray, n: int) -> list[list[int]]:
    """Components of two or more nodes of the directed graph (Tarjan, iterative), after
    pruning nodes that cannot be on a cycle (no edge in or no edge out)."""
    keep = np.ones(source.size, dtype=bool)
    while True:
        has_in = np.zeros(n, dtype=bool)
        has_out = np.zeros(n, dtype=bool)
        has_in[target[keep]] = True
        has_out[source[keep]] = True
        still = keep & has_in[source] & has_out[target]
        if still.sum() == keep.sum():
            break
        keep = still
    adjacency: dict[int, list[int]] = defaultdict(list)
    for s, t in zip(source[keep].tolist(), target[keep].tolist()):
        adjacency[s].append(t)
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    components = []
    for start in sorted(adjacency):
        if start in index:
            continue
        work = [(start, 0)]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, i = work[-1]
            nexts = adjacency.get(node, [])
            if i < len(nexts):
                work[-1] = (node, i + 1)
                child = nexts[i]
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def _shortest_cycle(members: list[int], source: np.ndarray, target: np.ndarray) -> list[int]:
    """A shortest cycle through the smallest member, inside the component."""
    inside = set(members)
    adjacency: dict[int, set[int]] = defaultdict(set)
    for s, t in zip(source.tolist(), target.tolist()):
        if s in inside and t in inside:
            adjacency[s].add(t)
    start = members[0]
    parent = {start: -1}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(adjacency[node]):
                if child == start:
                    path = [node]
                    while parent[path[-1]] != -1:
                        path.append(parent[path[-1]])
                    return list(reversed(path))
                if child not in parent:
                    parent[child] = node
                    following.append(child)
        frontier = following
    return members


def _ids(forest: CascadeForest, members: np.ndarray) -> tuple[str, ...]:
    return tuple(str(forest.ids[m]) for m in np.asarray(members)[:LISTED_MEMBERS])


def _minute(millis: int) -> str:
    return datetime.fromtimestamp(millis / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M")
