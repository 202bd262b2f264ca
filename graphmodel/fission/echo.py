"""Internal echo (内部自嗨): shares that only go round the same small group.

Staff re-sharing the same content reach each other, and the value critical point
decays with every repeat. The groups looked at are the staff (managers and executors,
declared or inferred) and each small circle of the analysis run (at most
``small_circle`` members). Inside a group, the shares from one of its members to
another who had joined already (by their join time; no join credited to the share)
link members; a set of members so linked echoes when they sent at least
``min_shares`` such shares. A
finding names the members, the cascades that stay inside them (every member of the
cascade among them), the channel they used most, and the falling yield: how many of
the first and of the last quarter of those shares reached someone no share had
reached before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from graphmodel.fission.critical import small_circle_groups
from graphmodel.fission.forest import NO_TIME, CascadeForest
from graphmodel.fission.quality import staff_members
from graphmodel.fission.roles import RoleBook

LISTED_MEMBERS = 50
LEVERS = {
    "staff": ("Internal echo: staff re-sharing the same content only reach each other, and each repeat is "
              "worth less. Stop re-posting it inside the team; give KOLs and ordinary members something new "
              "worth sharing (a KOL session, a member's story) so that shares leave the staff.",
              "内部自嗨：员工反复转发同一内容只会互相触达，而且越转越不值钱。停止在团队内部反复转发；给 KOL "
              "和普通成员值得分享的新内容（KOL 分享会、成员故事），让分享走出员工圈。"),
    "circle": ("Shares go round one small circle and bring nobody in: connect the circle to others (a "
               "connector, a KOL from another circle) or hold an event its members can invite friends to.",
               "分享只在一个小圈子里打转，没有带来新人：让圈子与其他圈子连接（连接者、其他圈子的 KOL），"
               "或办一场成员可以邀请朋友参加的活动。"),
}


@dataclass(frozen=True)
class EchoFinding:
    """One echoing group. ``kind`` 'staff' or 'circle' (``group``: the circle's id);
    ``shares`` among the members that brought nobody in, of ``all_shares`` their
    sharers sent; ``first_new`` of the first ``quarter`` of them and ``last_new`` of the
    last reached someone new; ``cascades``: roots of cascades that stay inside."""

    kind: str
    group: str | None
    members: tuple[str, ...]
    cascades: tuple[str, ...]
    shares: int
    all_shares: int
    quarter: int
    first_new: int
    last_new: int
    channel: str | None
    evidence: str
    evidence_zh: str
    lever: str
    lever_zh: str


def echo_findings(forest: CascadeForest, book: RoleBook, circles: Mapping[str, object] | None,
                  join: np.ndarray, small_circle: int = 50, min_shares: int = 10) -> list[EchoFinding]:
    """Echoing staff first, then circles, each by shares among them (most first);
    ``join`` per member index: when they joined (``NO_TIME``: not known)."""
    edges = forest.edges
    joined_before = (join[edges.target] != NO_TIME) & (edges.at != NO_TIME) & (join[edges.target] <= edges.at)
    inside = (edges.source != edges.target) & ~forest.converted & joined_before
    staff = staff_members(forest, book)
    found = _findings(forest, "staff", np.where(staff, 0, -1), inside, min_shares)
    if circles:
        group, names = small_circle_groups(forest.ids, circles, small_circle)
        covered = [set(f.members) for f in found]
        for finding in _findings(forest, "circle", group, inside, min_shares, names):
            if not any(set(finding.members) <= members for members in covered):
                found.append(finding)
    return found


def _findings(forest: CascadeForest, kind: str, group: np.ndarray, candidate: np.ndarray, min_shares: int,
              names: list[str] | None = None) -> list[EchoFinding]:
    edges = forest.edges
    within = candidate & (group[edges.source] >= 0) & (group[edges.source] == group[edges.target])
    shares = np.flatnonzero(within)
    if shares.size < min_shares:
        return []
    component = _components(edges.source[shares], edges.target[shares], forest.ids.size)
    labels = component[edges.source[shares]]
    rank = np.empty(edges.size, dtype=np.int64)
    rank[forest.order_edges] = np.arange(forest.order_edges.size)
    sent = np.bincount(edges.source[edges.source != edges.target], minlength=forest.ids.size)
    found = []
    for label in np.unique(labels).tolist():
        mine = shares[labels == label]
        if mine.size < min_shares:
            continue
        mine = mine[np.argsort(rank[mine], kind="stable")]
        members = np.unique(np.concatenate([edges.source[mine], edges.target[mine]]))
        sharers = np.unique(edges.source[mine])
        new = forest.tree_edge[edges.target[mine]] == mine
        quarter = max(1, mine.size // 4)
        found.append(_finding(
            forest, kind, None if names is None else names[int(group[members[0]])], members,
            _inside_cascades(forest, members), int(mine.size), int(sent[sharers].sum()), quarter,
            int(new[:quarter].sum()), int(new[-quarter:].sum()), _main_channel(forest, mine)))
    found.sort(key=lambda f: (-f.shares, f.members))
    return found


def _finding(forest, kind, group, members, cascades, shares, all_shares, quarter, first_new, last_new,
             channel) -> EchoFinding:
    k = members.size
    on = f" on {channel}" if channel else ""
    on_zh = f"在渠道 {channel} 上" if channel else ""
    who = f"{k} staff members" if kind == "staff" else f"{k} members of circle {group}"
    who_zh = f"{k} 位员工" if kind == "staff" else f"圈子 {group} 的 {k} 位成员"
    share = shares / all_shares if all_shares else 0.0
    evidence = (f"{who} shared {shares} times with each other{on} ({share:.0%} of their {all_shares} shares), "
                f"bringing nobody in; the first {quarter} of these shares reached {first_new} people no share "
                f"had reached before, the last {quarter} reached {last_new}")
    evidence_zh = (f"{who_zh}{on_zh}互相转发 {shares} 次（占他们全部 {all_shares} 次分享的 {share:.0%}），"
                   f"没有带来新成员；其中前 {quarter} 次触达 {first_new} 位此前未被触达的人，后 {quarter} 次触达 {last_new} 位")
    if cascades:
        evidence += f"; {len(cascades)} cascade(s) stay inside them"
        evidence_zh += f"；{len(cascades)} 个裂变树完全在组内"
    lever, lever_zh = LEVERS[kind]
    return EchoFinding(kind, group, tuple(str(forest.ids[m]) for m in members[:LISTED_MEMBERS]),
                       cascades, shares, all_shares, quarter, first_new, last_new, channel,
                       evidence, evidence_zh, lever, lever_zh)


def _inside_cascades(forest: CascadeForest, members: np.ndarray) -> tuple[str, ...]:
    """Roots of cascades (two or more members) whose every member is in ``members``."""
    among = np.zeros(forest.ids.size, dtype=bool)
    among[members] = True
    roots = members[(forest.generation[members] == 0) & (forest.subtree[members] >= 2)]
    if not roots.size:
        return ()
    counted = np.bincount(forest.root[among & forest.in_forest], minlength=forest.ids.size)
    return tuple(str(forest.ids[r]) for r in roots if counted[r] == forest.subtree[r])


def _main_channel(forest: CascadeForest, shares: np.ndarray) -> str | None:
    names = [c for c in forest.edges.channel_of(shares) if c]
    return Counter(names).most_common(1)[0][0] if names else None


def _components(source: np.ndarray, target: np.ndarray, n: int) -> np.ndarray:
    """Per node (-1 for nodes on no edge): a label shared by the nodes the edges connect."""
    nodes, local = np.unique(np.concatenate([source, target]), return_inverse=True)
    parent = list(range(nodes.size))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    half = source.size
    for a, b in zip(local[:half].tolist(), local[half:].tolist()):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    labels = np.full(n, -1, dtype=np.int64)
    labels[nodes] = [find(x) for x in range(nodes.size)]
    return labels
