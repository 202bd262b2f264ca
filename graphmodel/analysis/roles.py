"""Inferred roles for every member, with the evidence, and where they contradict the declared ones.

Activity is what a member did in the analysis window (``active_window_days``); members
who left before the end hold no role (their history stays in the graph and in earlier runs).

- leader: influence (PageRank on decayed ties) at least ``leader_influence_factor`` times
  the current members' mean and addressed by at least ``leader_min_audience`` members in
  the window;
- connector: an articulation point, or a Guimerà-Amaral connector (R3, R6, R7)
  among the top brokers; outsiders who tie into two or more members, or
  bring members in, are external connectors;
- manager: declared manager who initiated something in the window (governance cannot be
  read off ties);
- executor: declared executor who is active, or a non-leader who addresses
  many members (twice the active threshold, 20+ distinct members);
- contributor: brought three or more members in (invitations that joined);
- participant: initiated at least ``active_min_interactions`` interactions in the window;
- follower: some activity below that; lurker: none (the 90 of 1:9:90);
- seed user: among the first 1% of members to join, or declared one.
Mismatches: paper leaders (declared, not influential), hidden leaders
(influential, not declared), inactive managers, declared executors who do nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graphmodel.analysis.brokerage import GA_ROLES, GA_ROLES_ZH
from graphmodel.analysis.metrics import MemberTable
from graphmodel.analysis.options import AnalysisOptions
from graphmodel.analysis.results import RoleMismatch
from graphmodel.history import ROLE_PRECEDENCE

SEED_SHARE = 0.01


@dataclass
class InferredRoles:
    roles: list[list[str]]          # per member, canonical names
    leader: np.ndarray              # bool
    connector: np.ndarray           # bool
    active: np.ndarray              # bool
    leader_score: np.ndarray
    mismatches: list[RoleMismatch]


def rank_percentile(values: np.ndarray) -> np.ndarray:
    if len(values) == 0:
        return values
    order = values.argsort(kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    return ranks / max(len(values) - 1, 1)


def infer_roles(table: MemberTable, options: AnalysisOptions) -> InferredRoles:
    n = len(table)
    member = table.current
    outsider = ~table.is_member
    v, c = table.values, table.counts
    influence = np.nan_to_num(v["influence"])
    mean_influence = influence[member].mean() if member.any() else 0.0
    sent = c["sent_window"]
    activity = sent + c["received_window"]
    leader_score = 0.7 * rank_percentile(influence) + 0.3 * rank_percentile(activity.astype(float))
    leader = member & (influence >= options.leader_influence_factor * mean_influence) \
        & (c["received_from_window"] >= options.leader_min_audience)
    active = sent >= options.active_min_interactions
    betweenness = np.nan_to_num(v["betweenness"])
    top_brokers = np.zeros(n, bool)
    if n:
        top_brokers[np.argsort(-betweenness, kind="stable")[: options.connector_top]] = True
    top_brokers &= betweenness > 0
    articulation = np.nan_to_num(v["articulation"]) > 0
    structural = np.isin(v["ga_role"], (3, 6, 7)) & top_brokers
    external = outsider & ((v["degree"] >= 2) | (c["invited_joined"] >= 1))
    connector = (member & (articulation | structural)) | external
    declared = table.declared
    joined = np.where(table.joined_ms >= 0, table.joined_ms, np.iinfo(np.int64).max)
    seeds = np.zeros(n, bool)
    member_index = np.flatnonzero(table.is_member)
    if len(member_index):
        earliest = member_index[np.argsort(joined[member_index], kind="stable")]
        seeds[earliest[: max(1, int(len(member_index) * SEED_SHARE))]] = True
    seeds &= joined < np.iinfo(np.int64).max

    roles: list[list[str]] = []
    mismatches: list[RoleMismatch] = []
    # plain lists: indexing numpy arrays one element at a time is slow for a million members
    busy = (sent >= 2 * options.active_min_interactions) & (c["sent_to_window"] >= 20)
    gone = table.departed if len(table.departed) else np.zeros(n, bool)
    for i, (is_outsider, has_left, said, is_leader, is_connector, is_active, initiated, is_busy, invited,
            is_seed) in enumerate(zip(
            outsider.tolist(), gone.tolist(), declared, leader.tolist(), connector.tolist(), active.tolist(),
            sent.tolist(), busy.tolist(), c["invited_joined"].tolist(), seeds.tolist())):
        held: list[str] = []
        if has_left:  # not a current member: no role now
            roles.append(held)
            continue
        if is_outsider:
            if is_connector:
                held.append("connector")
            roles.append(held)
            continue
        if "manager" in said and initiated > 0:
            held.append("manager")
        if is_leader:
            held.append("leader")
        if is_connector:
            held.append("connector")
        if not is_leader and (("executor" in said and is_active) or is_busy):
            held.append("executor")
        if invited >= 3:
            held.append("contributor")
        if not is_leader:
            held.append("participant" if is_active else "follower" if initiated > 0 else "lurker")
        if is_seed or "seed_user" in said:
            held.append("seed_user")
        held.sort(key=ROLE_PRECEDENCE.index)
        roles.append(held)
        if said or is_leader:  # a mismatch needs a declared role or an inferred leader
            _mismatches(table, i, said, held, leader_score[i], mismatches)
    return InferredRoles(roles, leader, connector, active, leader_score, mismatches)


def _mismatches(table: MemberTable, i: int, said: list[str], held: list[str], score: float,
                out: list[RoleMismatch]) -> None:
    c = table.counts
    kinds = []
    if "leader" in said and "leader" not in held:
        kinds.append(("paper_leader", f"declared leader, influence percentile {score:.0%}, "
                                      f"addressed by {c['received_from_window'][i]} members in the window"))
    if "leader" in held and not {"leader", "manager"} & set(said):
        kinds.append(("hidden_leader", f"influential (addressed by {c['received_from_window'][i]} members in the "
                                       f"window) but no leader or manager role is declared"))
    if "manager" in said and "manager" not in held:
        kinds.append(("inactive_manager", "declared manager with no activity in the window"))
    if "executor" in said and "executor" not in held:
        kinds.append(("idle_executor", f"declared executor who initiated {c['sent_window'][i]} interactions in the "
                                       f"window"))
    for kind, evidence in kinds:
        out.append(RoleMismatch(table.ids[i], kind, tuple(said), tuple(held), evidence))


def leader_evidence(table: MemberTable, i: int, circles_reached: int, window_days: int = 0) -> tuple[str, str]:
    """Why a leader, in words: their audience in the window of ``window_days`` (0: the whole
    period, with the replies they had)."""
    c = table.counts
    audience = c["received_from_window"][i]
    if window_days:
        return (f"addressed by {audience} members in {circles_reached} circles in the last {window_days} days; "
                f"influence rank by PageRank",
                f"最近 {window_days} 天被 {circles_reached} 个圈子的 {audience} 位成员互动；PageRank 影响力排名")
    return (f"addressed by {audience} members in {circles_reached} circles ({c['replies_received'][i]} replies); "
            f"influence rank by PageRank",
            f"被 {circles_reached} 个圈子的 {audience} 位成员互动（{c['replies_received'][i]} 次回复）；PageRank 影响力排名")


def connector_evidence(table: MemberTable, i: int, circles_reached: int) -> tuple[str, str]:
    v = table.values
    ga = int(v["ga_role"][i])
    parts_en = [f"ties into {circles_reached} circles", f"participation {v['participation'][i]:.2f}",
                f"role {GA_ROLES[ga]}"]
    parts_zh = [f"连接 {circles_reached} 个圈子", f"参与系数 {v['participation'][i]:.2f}", f"角色 {GA_ROLES_ZH[ga]}"]
    if v["articulation"][i] > 0:
        parts_en.append("removing them splits the network")
        parts_zh.append("移除后网络会断开")
    if not table.is_member[i]:
        parts_en.append(f"outsider; brought in {table.counts['invited_joined'][i]} members")
        parts_zh.append(f"外部人员；带来 {table.counts['invited_joined'][i]} 位成员")
    return "; ".join(parts_en), "；".join(parts_zh)
