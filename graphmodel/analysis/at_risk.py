"""Members at risk of leaving: who an operator should call this week, and why.

Each current member is checked against four signs (``KINDS``), all measured in the
analysis window against the baseline before it (``analysis.window``):

- ``activity_drop``: interactions initiated in the window at most ``DROP_SHARE`` of what
  the member's own baseline rate predicts, for a member whose baseline rate was at least
  the active threshold (``active_min_interactions`` in a window);
- ``leader_quiet`` / ``manager_quiet``: a leader (a current one, a declared one, or one by
  the baseline: addressed by ``leader_min_audience`` members then, with the influence of a
  leader) or a declared manager whose own activity fell that far; with the circles that
  depend on them (their own, and those where a quarter of the members are tied to them)
  and whether they are the only leader there;
- ``ties_fading``: half or more of an engaged member's ties (at least three) are to
  members who left or went quiet (no interaction initiated in the window after some
  before it);
- ``newcomer_unattached``: a member who joined between ``2 * newcomer_days`` and
  ``newcomer_days`` ago with no tie to a leader (the seeds: newcomers need a KOL to
  attach to).

The score is what is at stake: for a leader gone quiet, the members of the circles they
alone lead and their audience in the baseline (so a circle's only leader comes first);
for the other signs a point at most each. Pure numpy over the ``MemberTable``.
"""

from __future__ import annotations

import numpy as np

from graphmodel.analysis.metrics import MemberTable
from graphmodel.analysis.options import AnalysisOptions
from graphmodel.analysis.results import AtRiskMember, AtRiskReason
from graphmodel.analysis.window import MS_PER_DAY, AnalysisWindow

KINDS = ("leader_quiet", "manager_quiet", "activity_drop", "ties_fading", "newcomer_unattached")
DROP_SHARE = 1 / 3          # "well below": at most a third of the baseline rate
BASELINE_MIN_DAYS = 14      # a baseline shorter than this says nothing
FADED_SHARE = 0.5           # ties to members who left or went quiet
FADED_MIN_TIES = 3
DEPENDENT_SHARE = 0.25      # a circle depends on a member when this share of it is tied to them
NEWCOMER_STAKE = 0.5

LEVERS = {
    "leader_quiet": (
        "Talk to them before their circle drifts: offer a KOL sharing session or a co-host; line up a second "
        "leader for the circles that depend on them.",
        "在圈子涣散之前联系他们：安排 KOL 分享会或请人共同主持；为依赖他们的圈子培养第二位领袖。"),
    "manager_quiet": (
        "Ask whether they can still manage; share the duties with a second manager and keep the rules visible.",
        "询问其是否还能继续管理；由第二位管理者分担职责，并让群规保持可见。"),
    "activity_drop": (
        "Reach out personally; give them a set topic or a role (encouragement officer, reviewer) that brings "
        "them back.",
        "私下联系；给他们一个话题或一个角色（鼓励官、点评官），让他们回来。"),
    "ties_fading": (
        "Introduce them to active members: a peer review day, a mutual praise day or an offline meetup builds "
        "new ties.",
        "把他们介绍给活跃成员：互评日、互夸日或线下聚会能建立新的联系。"),
    "newcomer_unattached": (
        "Introduce them to a KOL: a welcome thread a leader answers, an encouragement officer in their first "
        "days.",
        "把他们介绍给一位 KOL：由领袖回应的欢迎帖，前几天安排鼓励官跟进。"),
}


def find_at_risk(table: MemberTable, leader: np.ndarray, members_by_circle: dict[int, np.ndarray],
                 options: AnalysisOptions, window: AnalysisWindow) -> list[AtRiskMember]:
    """The current members at risk, most at stake first (``leader``: the run's inferred leaders;
    ``members_by_circle``: table indexes per circle). Nothing without a window to compare with a
    baseline."""
    if not window.window_days or not len(table):
        return []
    n = len(table)
    c, v = table.counts, table.values
    current = table.current
    days, base_days = window.window_days, window.baseline_days
    sent_window, sent_baseline = c["sent_window"].astype(float), c["sent_baseline"].astype(float)
    expected, present = _expected(table, window)
    fell = (expected >= 1) & (sent_window <= DROP_SHARE * expected)

    influence = np.nan_to_num(v["influence"])
    mean_influence = influence[current].mean() if current.any() else 0.0
    declared_leader = np.array(["leader" in said for said in table.declared], bool)
    declared_manager = np.array(["manager" in said for said in table.declared], bool)
    leader_before = (c["received_from_baseline"] >= options.leader_min_audience) \
        & (influence >= options.leader_influence_factor * mean_influence)
    leader_quiet = current & (leader | declared_leader | leader_before) & fell
    manager_quiet = current & declared_manager & fell & ~leader_quiet
    dropped = current & (expected >= options.active_min_interactions) & fell & ~leader_quiet & ~manager_quiet

    gone = table.departed | ((c["sent_window"] == 0) & (c["sent"] > 0))
    ties = np.bincount(table.tie_a, minlength=n)
    faded = np.bincount(table.tie_a, weights=gone[table.tie_b].astype(float), minlength=n).astype(np.int64)
    engaged = (c["sent_window"] + c["sent_baseline"]) > 0
    fading = current & engaged & (ties >= FADED_MIN_TIES) & (faded >= FADED_SHARE * np.maximum(ties, 1))

    newcomer = np.zeros(n, bool)
    if options.newcomer_days:
        age = window.end_ms - table.joined_ms
        young = (table.joined_ms >= 0) & (age >= options.newcomer_days * MS_PER_DAY) \
            & (age < 2 * options.newcomer_days * MS_PER_DAY)
        anchors = (leader | declared_leader) & current
        tied = np.bincount(table.tie_a, weights=anchors[table.tie_b].astype(float), minlength=n) > 0
        newcomer = current & young & ~tied & ~leader

    circle = v["circle_id"].astype(np.int64)
    flagged = np.flatnonzero(leader_quiet | manager_quiet | dropped | fading | newcomer)
    led = _leaders_per_circle(leader & current, circle)
    partners = _Partners(table)
    found = []
    for i in flagged.tolist():
        reasons: list[AtRiskReason] = []
        stake = 0.0
        concerned: list[int] = [int(circle[i])] if circle[i] >= 0 else []
        before = int(sent_baseline[i])
        if leader_quiet[i] or manager_quiet[i]:
            dependent = partners.dependent_circles(i, members_by_circle)
            concerned = sorted(set(concerned) | set(dependent))
            audience = int(c["received_from_baseline"][i])
            if leader_quiet[i]:
                alone = [k for k in concerned if led.get(k, set()) <= {i}]
                stake += 1 + audience + sum(len(members_by_circle[k]) for k in alone if k in members_by_circle)
                reasons.append(_reason("leader_quiet", *_leader_words(
                    audience, int(sent_window[i]), expected[i], days, base_days, concerned, alone)))
            else:
                stake += 1 + audience
                reasons.append(_reason("manager_quiet",
                                       f"a declared manager who initiated {int(sent_window[i])} interactions in the "
                                       f"last {days} days, against about {expected[i]:.0f} before",
                                       f"已声明的管理者，最近 {days} 天发起 {int(sent_window[i])} 次互动，此前约 "
                                       f"{expected[i]:.0f} 次"))
        if dropped[i]:
            stake += 1 - sent_window[i] / expected[i]
            reasons.append(_reason("activity_drop",
                                   f"initiated {int(sent_window[i])} interactions in the last {days} days, against "
                                   f"about {expected[i]:.0f} in {days} days before ({before} in the "
                                   f"{present[i]:.0f} days before the window)",
                                   f"最近 {days} 天发起 {int(sent_window[i])} 次互动，此前每 {days} 天约 "
                                   f"{expected[i]:.0f} 次（窗口前 {present[i]:.0f} 天共 {before} 次）"))
        if fading[i]:
            stake += faded[i] / ties[i]
            reasons.append(_reason("ties_fading",
                                   f"{faded[i]} of their {ties[i]} ties are to members who left or went quiet",
                                   f"其 {ties[i]} 位联系人中有 {faded[i]} 位已离开或沉寂"))
        if newcomer[i]:
            stake += NEWCOMER_STAKE
            joined_days = int((window.end_ms - table.joined_ms[i]) // MS_PER_DAY)
            reasons.append(_reason("newcomer_unattached",
                                   f"joined {joined_days} days ago and has no tie to a leader",
                                   f"{joined_days} 天前加入，尚未与任何意见领袖建立联系"))
        found.append(AtRiskMember(table.ids[i], table.names[i], round(float(stake), 3), tuple(reasons),
                                  tuple(concerned)))
    return sorted(found, key=lambda m: (-m.score, m.member_id))


def _expected(table: MemberTable, window: AnalysisWindow) -> tuple[np.ndarray, np.ndarray]:
    """Per member, the interactions their baseline rate predicts for a window, and the days of
    the baseline they were there for (0 without a baseline or when too short)."""
    n = len(table)
    start, base = window.window_start_ms, window.baseline_start_ms
    if start is None or base is None:
        return np.zeros(n), np.zeros(n)
    since = np.maximum(np.where(table.joined_ms >= 0, table.joined_ms, base), base)
    present = np.clip((start - since) / MS_PER_DAY, 0, window.baseline_days)
    rate = np.where(present >= BASELINE_MIN_DAYS, table.counts["sent_baseline"] / np.maximum(present, 1), 0.0)
    return rate * window.window_days, present


def _leaders_per_circle(leader: np.ndarray, circle: np.ndarray) -> dict[int, set[int]]:
    """The leaders (table indexes) in each circle that has any."""
    led: dict[int, set[int]] = {}
    for i in np.flatnonzero(leader & (circle >= 0)).tolist():
        led.setdefault(int(circle[i]), set()).add(i)
    return led


class _Partners:
    """Each node's tie partners, from the table's undirected ties sorted once."""

    def __init__(self, table: MemberTable) -> None:
        order = np.argsort(table.tie_a, kind="stable")
        self.a, self.b = table.tie_a[order], table.tie_b[order]
        self.circle = table.values["circle_id"].astype(np.int64)

    def dependent_circles(self, i: int, members_by_circle: dict[int, np.ndarray]) -> list[int]:
        lo, hi = np.searchsorted(self.a, [i, i + 1])
        theirs = self.circle[self.b[lo:hi]]
        found, counts = np.unique(theirs[theirs >= 0], return_counts=True)
        return [int(k) for k, m in zip(found.tolist(), counts.tolist())
                if k in members_by_circle and m >= DEPENDENT_SHARE * len(members_by_circle[k])]


def _leader_words(audience: int, sent: int, expected: float, days: int, base_days: int, concerned: list[int],
                  alone: list[int]) -> tuple[str, str]:
    named = ", ".join(map(str, concerned))
    en = (f"a leader (addressed by {audience} members in the {base_days} days before the window) who initiated "
          f"{sent} interactions in the last {days} days, against about {expected:.0f} before")
    zh = (f"意见领袖（窗口前 {base_days} 天被 {audience} 位成员互动），最近 {days} 天发起 {sent} 次互动，此前约 "
          f"{expected:.0f} 次")
    if alone:
        only = ", ".join(map(str, alone))
        en += f"; the only leader of circle(s) {only}"
        zh += f"；是圈子 {only} 唯一的领袖"
    elif concerned:
        en += f"; circle(s) {named} depend on them"
        zh += f"；圈子 {named} 依赖他们"
    return en, zh


def _reason(kind: str, evidence: str, evidence_zh: str) -> AtRiskReason:
    lever, lever_zh = LEVERS[kind]
    return AtRiskReason(kind, evidence, evidence_zh, lever, lever_zh)
