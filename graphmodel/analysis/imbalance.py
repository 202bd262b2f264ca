"""Role imbalance: the community against the norms of docs/domain.md, each finding with the
observed value, the expected range, a severity, the members concerned and the lever.

Pure functions over a ``CommunityShape`` (what the analysis measured), so every
rule is tested without a server. Thresholds come from ``options.Thresholds``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphmodel.analysis.options import Thresholds
from graphmodel.analysis.results import RoleImbalance

MAX_LISTED = 50


@dataclass(frozen=True)
class CircleShape:
    circle_id: int
    members: tuple[str, ...]
    leader: str | None
    novices: int          # members who joined within novice_days of the end
    managers: int
    active: int
    active_managers: int
    executors: int


@dataclass(frozen=True)
class CommunityShape:
    members: int
    leaders: tuple[str, ...]
    active: int
    lurkers: int
    managers: tuple[str, ...]
    executors: tuple[str, ...]
    circles: tuple[CircleShape, ...]
    deepest_chain: tuple[str, ...] = ()          # root ... deepest member (invitation generations)
    circle_bridges: tuple[tuple[str, str, int, int], ...] = ()  # (member, member, circle, circle)
    lone_connectors: tuple[tuple[str, tuple[int, ...]], ...] = ()  # articulation points between circles
    figures: dict = field(default_factory=dict)


def _finding(rule, observed, expected, severity, members, message, message_zh, lever, lever_zh):
    return RoleImbalance(rule, observed, expected, severity, tuple(members)[:MAX_LISTED],
                         message, message_zh, lever, lever_zh)


def check_leaders(s: CommunityShape, t: Thresholds) -> list[RoleImbalance]:
    low, high = s.members * t.leaders_per_member_low, s.members * t.leaders_per_member_high
    expected = f"{low:.0f}-{high:.0f} for {s.members} members (about 1 per {t.members_per_leader:.0f}, 1:9:90)"
    n = len(s.leaders)
    if low <= n <= high or s.members < t.dunbar_small:
        return []
    if n < low:
        severity = "high" if n < low / 2 else "medium"
        return [_finding("leaders_per_member", n, expected, severity, s.leaders,
                         f"{n} opinion leaders where {expected} are expected: too few members produce the value others come for.",
                         f"只有 {n} 位意见领袖，按 1:9:90 应有 {low:.0f}-{high:.0f} 位：产出价值的人太少。",
                         "Find and cultivate KOLs: invite active participants to run a KOL sharing session; "
                         "give seed users expert topics.",
                         "发现并培养 KOL：邀请活跃参与者做 KOL 分享会，给种子用户安排专业话题。")]
    return [_finding("leaders_per_member", n, expected, "low", s.leaders,
                     f"{n} opinion leaders where {expected} are expected: more is not better, members split their attention.",
                     f"有 {n} 位意见领袖，超过 1:9:90 建议的 {low:.0f}-{high:.0f} 位：并非越多越好。",
                     "Layer them: a few core KOLs, the others as a KOL layer that each looks after a circle.",
                     "分层：少数核心 KOL，其余作为 KOL 层各自负责一个圈子。")]


def check_activity(s: CommunityShape, t: Thresholds) -> list[RoleImbalance]:
    if not s.members:
        return []
    findings = []
    active = s.active / s.members
    expected = f"{t.active_share_low:.0%}-{t.active_share_high:.0%} active (about 5% is normal)"
    if active < t.active_share_low:
        findings.append(_finding(
            "active_share", round(active, 4), expected, "high" if active < t.active_share_low / 2 else "medium", (),
            f"{active:.1%} of members are active: below the ~5% a living community has.",
            f"活跃成员占 {active:.1%}，低于健康社群约 5% 的水平。",
            "Name an encouragement officer, set a topic for the first days, run check-ins and sign-up chains.",
            "设立鼓励官，前几天设定话题，组织打卡和接龙。"))
    elif active > t.active_share_high:
        findings.append(_finding(
            "active_share", round(active, 4), expected, "info", (),
            f"{active:.1%} of members are active: unusually many; check for spam or a campaign.",
            f"活跃成员占 {active:.1%}，异常偏高；检查是否有刷屏或活动。",
            "Keep the rules firm while activity is high; turn it into co-building (peer review days).",
            "活跃度高时保持规则，并转化为共建（互评日）。"))
    lurkers = s.lurkers / s.members
    if lurkers > t.lurker_share_high:
        findings.append(_finding(
            "lurker_share", round(lurkers, 4), f"at most {t.lurker_share_high:.0%} silent", "medium", (),
            f"{lurkers:.1%} of members never interact.",
            f"{lurkers:.1%} 的成员从不互动。",
            "Activate followers: hot topics, group tools (check-in, sign-up), a reward scheme for first posts.",
            "激活追随者：热点话题、群工具（打卡、接龙）、首次发言奖励。"))
    return findings


def check_size(s: CommunityShape, t: Thresholds) -> list[RoleImbalance]:
    n = s.members
    if n < t.dunbar_small:
        return [_finding("dunbar_size", n, f"< {t.dunbar_small}: semi-acquaintance mode", "info", (),
                         f"{n} members: small enough to interact deeply without prompting.",
                         f"{n} 位成员：半熟人模式，无需太多推动即可深度互动。",
                         "Keep it personal; offline meetups strengthen the ties.", "保持亲密，线下聚会可加强联系。")]
    if n <= t.dunbar_large:
        if s.managers or s.executors:
            return []
        return [_finding("dunbar_size", n, f"{t.dunbar_small}-{t.dunbar_large}: rules and activities needed", "medium",
                         (), f"{n} members (semi-stranger mode) and nobody manages or runs activities.",
                         f"{n} 位成员（半陌生人模式），但没有管理者或执行者。",
                         "Write clear rules and name managers and an encouragement officer.",
                         "制定明确规则，任命管理者和鼓励官。")]
    led = [c for c in s.circles if c.leader]
    if len(s.circles) >= 2 and len(led) >= len(s.circles) / 2:
        return []
    return [_finding("dunbar_size", n, f"> {t.dunbar_large}: split or layer into led circles", "high",
                     (), f"{n} members but only {len(led)} of {len(s.circles)} circles have a leader: "
                         f"past ~{t.dunbar_large} a group needs layering.",
                     f"{n} 位成员，但 {len(s.circles)} 个圈子中只有 {len(led)} 个有领袖：超过约 {t.dunbar_large} 人需要分层。",
                     "Split the group past 150, or layer it: give each circle a KOL who leads it.",
                     "超过 150 人时拆分群组或分层：为每个圈子安排一位 KOL。")]


def check_layering(s: CommunityShape, t: Thresholds) -> list[RoleImbalance]:
    depth = len(s.deepest_chain) - 1
    if depth <= t.layering_depth:
        return []
    return [_finding("layering_depth", depth, f"at most {t.layering_depth} generations (core KOL -> KOL -> members)",
                     "medium" if depth <= t.layering_depth + 2 else "high", s.deepest_chain,
                     f"An invitation chain {depth} generations deep: from the third level down the core barely "
                     f"reaches members, and such chains are short-lived.",
                     f"邀请链深达 {depth} 层：第三层以下核心几乎影响不到成员，这类链条寿命短且脆弱。",
                     "Re-attach deep branches to a KOL layer: give the newest members a circle led by a KOL.",
                     "把深层分支重新挂到 KOL 层：让最新成员加入由 KOL 带领的圈子。")]


def check_circles(s: CommunityShape, t: Thresholds) -> list[RoleImbalance]:
    findings = []
    leaderless = [c for c in s.circles if c.leader is None]
    if leaderless:
        members = [m for c in leaderless for m in c.members]
        findings.append(_finding(
            "circles_without_leader", len(leaderless), "every circle has a leader",
            "high" if len(leaderless) > len(s.circles) / 2 else "medium", members,
            f"{len(leaderless)} of {len(s.circles)} circles have no leader (circles "
            f"{', '.join(str(c.circle_id) for c in leaderless[:10])}).",
            f"{len(s.circles)} 个圈子中有 {len(leaderless)} 个没有领袖。",
            "Give each leaderless circle a KOL: promote its most active participant, or hold a KOL sharing session there.",
            "为每个无领袖圈子安排 KOL：提拔最活跃的参与者，或在该圈子办 KOL 分享会。"))
    for circle in s.circles:
        if circle.members and circle.novices / len(circle.members) >= t.novice_circle_share \
                and circle.leader is None and circle.managers == 0 and circle.executors == 0:
            findings.append(_finding(
                "novice_only_circle", circle.circle_id, "novices mixed with experienced members", "medium",
                circle.members, f"Circle {circle.circle_id} is made only of novices ({circle.novices} of "
                                f"{len(circle.members)}), with no leader, manager or executor: it drifts into complaining.",
                f"圈子 {circle.circle_id} 全是新人（{len(circle.members)} 人中 {circle.novices} 人），"
                "没有领袖、管理者或执行者：容易变成抱怨群。",
                "Seed it with experienced members and an encouragement officer; run peer review and mutual praise days.",
                "引入老成员和鼓励官，组织互评日和互夸日。"))
        if circle.active and circle.active_managers / circle.active >= t.manager_circle_share and circle.active >= 2:
            findings.append(_finding(
                "manager_only_circle", circle.circle_id, "managers a minority of the active", "low", circle.members,
                f"In circle {circle.circle_id} managers are {circle.active_managers} of {circle.active} active members.",
                f"圈子 {circle.circle_id} 的 {circle.active} 位活跃成员中有 {circle.active_managers} 位是管理者。",
                "Step back and let members lead: hand topics to participants, widen the boundaries.",
                "管理者适当退后：把话题交给参与者，放宽边界。"))
    return findings


def check_connectors(s: CommunityShape, t: Thresholds) -> list[RoleImbalance]:
    findings = []
    for a, b, ca, cb in s.circle_bridges[:10]:
        findings.append(_finding(
            "single_tie_between_circles", f"{ca}-{cb}", "circles tied by several members", "medium", (a, b),
            f"Circles {ca} and {cb} hang together by a single tie ({a} - {b}): lose it and they drift apart.",
            f"圈子 {ca} 与 {cb} 之间只靠一条联系（{a} - {b}）维系。",
            "Hold a joint offline event for both circles; introduce their leaders to each other.",
            "为两个圈子办一次联合线下活动，介绍双方领袖认识。"))
    for member, circles in s.lone_connectors[:10]:
        named = ", ".join(map(str, circles))
        findings.append(_finding(
            "single_connector", member, "several members tie each circle to the rest", "medium", (member,),
            f"Circle(s) {named} tied to the rest of the community through {member} alone: without them cut off.",
            f"圈子 {named} 只通过 {member} 与社群其他部分相连：其离开圈子就会被孤立。",
            "Back the connector up: give a second member a reason to bridge (joint tasks, co-hosted events).",
            "为连接者找后备：让第二位成员也承担连接（联合任务、共同主持活动）。"))
    return findings


RULES = (check_leaders, check_activity, check_size, check_layering, check_circles, check_connectors)
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def find_imbalances(shape: CommunityShape, thresholds: Thresholds) -> list[RoleImbalance]:
    findings = [f for rule in RULES for f in rule(shape, thresholds)]
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
