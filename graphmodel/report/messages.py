"""The report's words in English and Chinese.

``TEXT`` holds the headings and phrases by key; ``LABELS`` names what the analyses
report by key (rules, severities, mismatch kinds, figures, events, flags), so that no
key is ever shown as it is. A key no label knows yet (an analysis newer than these
words) is shown as words made from the key (``max_depth`` -> "Max depth"), never raw.
Role names come from the vocabulary. ``Words(lang)`` bundles them with the number
formats of the language for the templates and views.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graphmodel.core.model import roles
from graphmodel.report.formatting import Formatter

TEXT = {
    "title": ("Community structure report", "社群结构报告"),
    "contents": ("Contents", "目录"),
    "summary": ("Summary", "概览"),
    "members": ("Members", "成员"),
    "members_lower": ("members", "成员"),
    "outsiders": ("Outsiders", "外部人员"),
    "ties": ("Ties", "联系"),
    "circles": ("Circles", "圈子"),
    "active_share": ("Active members", "活跃成员占比"),
    "health": ("Health", "健康度"),
    "healthy": ("healthy", "健康"),
    "watch": ("needs watching", "需关注"),
    "attention": ("needs attention", "需要处理"),
    "top_gaps": ("Top gaps and what to do", "最主要的问题与对策"),
    "leaders": ("Leaders (KOLs)", "意见领袖 (KOL)"),
    "connectors": ("Connectors", "连接者"),
    "external": ("outsider", "外部"),
    "role_mix": ("Role mix against the 1:9:90 norm", "角色结构与 1:9:90 规范对比"),
    "imbalances": ("Role imbalance", "角色失衡"),
    "mismatches": ("Declared roles the structure contradicts", "与结构不符的声明角色"),
    "fission": ("Fission (裂变)", "裂变"),
    "cascades": ("Largest cascades", "最大的裂变树"),
    "spreaders": ("Top spreaders", "主要传播者"),
    "changes": ("Changes since the previous run", "与上次分析相比的变化"),
    "no_previous": ("This is the first analysis run: no changes to show yet.", "这是第一次分析，尚无变化可比较。"),
    "leaders_gained": ("Leaders gained", "新增领袖"),
    "leaders_lost": ("Leaders lost", "流失领袖"),
    "recommendations": ("Recommendations", "建议"),
    "activity": ("Activity distribution", "活跃度分布"),
    "charts": ("Role mix and activity", "角色结构与活跃度"),
    "growth": ("Growth per month", "每月新增成员"),
    "cascade_depth": ("Cascade depth", "裂变深度"),
    "query": ("reproduce with", "复现查询"),
    "rank": ("#", "#"), "member": ("Member", "成员"), "name": ("Name", "名称"), "score": ("Score", "得分"),
    "evidence": ("Evidence", "依据"), "size": ("Members", "人数"), "leader": ("Leader", "领袖"),
    "conductance": ("Conductance", "传导率"), "density": ("Density", "密度"), "severity": ("Severity", "严重度"),
    "rule": ("Finding", "问题"), "observed": ("Observed", "实际"), "expected": ("Expected", "期望"),
    "message": ("What it means", "说明"), "lever": ("What to do", "对策"), "none": ("none", "无"),
    "kind": ("Kind", "类型"), "declared": ("Declared", "声明"), "inferred": ("Inferred", "推断"),
    "root": ("Root", "起点"), "depth": ("Depth", "深度"), "virality": ("Structural virality", "结构传播度"),
    "joins": ("Joins", "加入"), "reach": ("Downstream reach", "下游覆盖"), "share": ("Share", "占比"),
    "role": ("Role", "角色"), "norm": ("Norm", "规范"), "joined": ("Joined", "加入"),
    "invited": ("By invitation", "经邀请"), "from": ("From", "从"), "to": ("To", "到"),
    "generated": ("generated", "生成于"), "analysis_run": ("analysis run", "分析批次"),
    "no_leader": ("no leader", "无领袖"), "no_findings": ("No imbalance found.", "未发现失衡。"),
    "no_fission": ("No shares or invitations loaded: no fission figures.", "未载入分享或邀请数据，无裂变数据。"),
    "retention": ("Retention", "留存"), "retention_heading": ("Retention and activity by group", "分组留存与活跃"),
    "interactions_per_member": ("Interactions per member", "人均互动"),
    "by_threshold": ("Entry threshold", "入群门槛"), "by_events": ("Offline events", "线下活动"),
    "retention_note": ("Retention: the share of members who joined at least {days} days before the end and were "
                       "active in the last {days} days.",
                       "留存：在结束前至少 {days} 天加入、且在最后 {days} 天仍活跃的成员占比。"),
    "observed_share": ("Observed", "实际"),
    "count": ("Count", "数量"),
    # the map of circles
    "circle_map": ("Map of circles and connectors", "圈子与连接者地图"),
    "circle_map_hint": ("Each disc is a circle (area: members); lines are ties between circles (width: member "
                        "pairs), diamonds are connectors with lines to the circles they tie into. Point at or "
                        "click a circle or a connector for its details.",
                        "每个圆代表一个圈子（面积为人数）；圈子间的连线为联系（粗细为成员对数）；菱形为连接者，"
                        "连线指向其联系的圈子。指向或点击圆或菱形查看详情。"),
    "map_shown": ("{shown} of {total} circles shown (the largest)", "显示 {total} 个圈子中最大的 {shown} 个"),
    "legend_disc": ("circle (area: members)", "圈子（面积：人数）"),
    "legend_leaderless": ("circle without a leader", "无领袖的圈子"),
    "legend_tie": ("ties between circles", "圈子间的联系"),
    "legend_connector": ("connector", "连接者"),
    "circle": ("Circle", "圈子"),
    "circle_n": ("Circle {id}", "圈子 {id}"),
    "tied_circles": ("Most tied circles", "联系最多的圈子"),
    "member_pairs": ("{n} member pairs", "{n} 对成员"),
    "joins_circles": ("Ties into circles", "联系的圈子"),
    "circle_members": ("{n} members", "{n} 人"),
    "outsider_connector": ("an outsider", "外部人员"),
    "connector_heading": ("Connector #{rank}: {name}", "连接者 第{rank}名：{name}"),
    "listed_connectors": ("Connectors", "连接者"),
    # member views
    "member_views": ("Leaders and connectors up close", "领袖与连接者的关系网"),
    "member_views_hint": ("Each leader's and connector's ego network: the member in the middle, their strongest "
                          "direct ties (first step) and the strongest ties of those (second step), coloured by "
                          "circle. Open a member to see their network.",
                          "每位领袖和连接者的个人关系网：中间是该成员，内圈是其最强的直接联系（一步），外圈是这些人的"
                          "最强联系（两步），颜色表示圈子。展开成员查看其关系网。"),
    "first_step": ("first step", "一步"), "second_step": ("second step", "两步"),
    "show_second": ("show the second step", "显示两步联系"),
    "ego_of": ("{shown} of {degree} direct ties shown, the strongest; {second} members at the second step",
               "显示 {degree} 个直接联系中最强的 {shown} 个；两步联系 {second} 人"),
    "tie_weight": ("tie strength {w}", "联系强度 {w}"),
    "via": ("via {name}", "经由 {name}"),
    "as_leader": ("leader #{rank}", "领袖 第{rank}名"), "as_connector": ("connector #{rank}", "连接者 第{rank}名"),
    "in_circle": ("circle {id}", "圈子 {id}"), "no_circle": ("no circle", "无圈子"),
    "cascade_trees": ("Cascade trees", "裂变树"),
    "cascade_trees_hint": ("The largest cascades generation by generation: the root, the first layer it reached, "
                           "then open fission (members reached by members). Colour: the member's role; a hollow "
                           "dot is an outsider; \"+N\" are members reached there and not drawn.",
                           "最大的几棵裂变树，按代展开：起点、它直接带来的第一层，以及开放裂变（成员带来的成员）。"
                           "颜色为成员角色；空心点为外部人员；“+N”为此处带来但未画出的成员。"),
    "generation_0": ("root", "起点"), "generation_1": ("first layer", "第一层"),
    "open_fission": ("open fission", "开放裂变"),
    "tree_of": ("{size} members, {depth} generations deep; {shown} drawn",
                "{size} 人，深 {depth} 代；画出 {shown} 人"),
    "hidden_members": ("+{n} more reached here ({reach} members below them)",
                       "+{n} 人未画出（其下共 {reach} 人）"),
    "reached_by": ("reached by {name}", "由 {name} 带来"),
    "generation": ("generation {n}", "第{n}代"),
    "below": ("{n} members below", "其下 {n} 人"),
    "outsider": ("outsider", "外部人员"),
    "legend_roles": ("Roles", "角色"),
    # sections from the time-aware and fission-quality analyses
    "at_risk": ("Members at risk", "流失风险成员"),
    "at_risk_hint": ("Members whose activity or ties are slipping, what is at stake first, with what to do.",
                     "活跃度或联系正在下滑的成员，按影响大小排序，并给出对策。"),
    "reasons": ("Why", "原因"),
    "circle_events": ("How circles changed between runs", "圈子在各次分析之间的变化"),
    "circle_events_hint": ("Each column is an analysis run, each bar a circle; bands show where members went "
                           "(width: members who moved).",
                           "每列为一次分析，每个条块为一个圈子；色带表示成员的去向（宽度为移动的人数）。"),
    "event": ("Event", "变化"), "before": ("Before", "之前"), "after": ("After", "之后"),
    "overlap": ("Overlap", "重合度"), "moved": ("Members moved", "移动人数"),
    "formed": ("new", "新出现"), "dissolved": ("gone", "已消失"),
    "other_circles": ("other circles", "其他圈子"),
    "trends": ("Trends across runs", "各次分析的趋势"),
    "trends_hint": ("Each figure across the analysis runs, the latest last.", "各项指标在历次分析中的变化，最右为最新。"),
    "latest": ("latest", "最新"),
    "inviters": ("Inviters by quality", "邀请人质量"),
    "channels": ("Channels by quality", "渠道质量"),
    "inviter": ("Inviter", "邀请人"), "channel": ("Channel", "渠道"),
    "flags": ("Flags", "标记"),
    "echo": ("Internal echo", "内部回声"),
    "fission_quality_hint": ("Invited, joined, activated and retained members per inviter and channel; flags name "
                             "what looks gamed.",
                             "按邀请人和渠道统计的邀请、加入、激活与留存人数；标记指出疑似刷量之处。"),
    "no_flags": ("no flag", "无标记"),
    "yes": ("yes", "是"), "no": ("no", "否"),
}

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "severity": {"info": ("info", "提示"), "low": ("low", "低"), "medium": ("medium", "中"), "high": ("high", "高")},
    "rule": {
        "leaders_per_member": ("Opinion leaders for the size", "意见领袖数量与规模"),
        "active_share": ("Share of active members", "活跃成员占比"),
        "lurker_share": ("Share of silent members", "沉默成员占比"),
        "dunbar_size": ("Group size (Dunbar)", "群规模（邓巴数）"),
        "layering_depth": ("Layering depth", "分层深度"),
        "circles_without_leader": ("Circles without a leader", "无领袖的圈子"),
        "novice_only_circle": ("Circle of novices only", "全是新人的圈子"),
        "manager_only_circle": ("Circle run by managers", "管理者主导的圈子"),
        "single_tie_between_circles": ("Circles held by a single tie", "仅靠一条联系的圈子"),
        "single_connector": ("A single connector", "唯一的连接者"),
        "deep_cascades": ("Deep invitation chains", "过深的邀请链"),
        "no_critical_point": ("No critical point yet", "尚未达到临界点"),
        "low_conversion": ("Shares rarely turn into members", "分享转化率低"),
        "fraud_signals": ("Invitations that look gamed", "疑似作弊的邀请"),
        "internal_echo": ("Shares going round inside the team", "分享在内部打转"),
    },
    "mismatch": {
        "paper_leader": ("Declared leader without influence", "名义领袖（无实际影响力）"),
        "hidden_leader": ("Influential, not declared", "未声明的隐性领袖"),
        "inactive_manager": ("Inactive manager", "不活跃的管理者"),
        "idle_executor": ("Idle executor", "不作为的执行者"),
    },
    "threshold": {"identity": ("Identity", "身份"), "interest": ("Interest", "兴趣"), "geo": ("Geography", "地域"),
                  "paid": ("Paid", "付费"), "composite": ("Composite", "复合"), "none": ("No threshold", "无门槛")},
    "figure": {  # fission summary and trend figures
        "cascades": ("Cascades", "裂变树"), "reached": ("Members reached", "触达人数"), "joins": ("Joins", "加入人数"),
        "largest": ("Largest cascade", "最大裂变树"), "max_depth": ("Deepest cascade", "最深层数"),
        "mean_virality": ("Mean structural virality", "平均结构传播度"),
        "deep_cascades": ("Cascades deeper than the layering norm", "超过分层规范的裂变树"),
        "critical_headcount": ("Headcount critical point", "人数临界点"),
        "members": ("Members", "成员"), "active_share": ("Active members", "活跃成员占比"),
        "lurker_share": ("Silent members", "沉默成员占比"), "leaders": ("Leaders", "意见领袖"),
        "connectors": ("Connectors", "连接者"), "circles": ("Circles", "圈子"), "retention": ("Retention", "留存"),
        "outsiders": ("Outsiders", "外部人员"), "ties": ("Ties", "联系"), "modularity": ("Modularity", "模块度"),
        "shares": ("Shares", "分享"), "invited": ("Invited", "邀请"), "joined": ("Joined", "加入"),
        "activated": ("Activated", "激活"), "retained": ("Retained", "留存"),
        "downstream_joins": ("Joins downstream", "下游加入"), "left_share": ("Left again", "离开占比"),
        "became_leader": ("Became leaders", "成为领袖"),
    },
    "event": {"form": ("formed", "新形成"), "continue": ("continued", "延续"), "grow": ("grew", "扩大"),
              "shrink": ("shrank", "缩小"), "split": ("split", "分裂"), "merge": ("merged", "合并"),
              "dissolve": ("dissolved", "解散")},
    "group": {"attended": ("Attended offline events", "参加过线下活动"), "did_not_attend": ("Did not attend", "未参加")},
}
SHARE_WORDS = {"share", "retention", "rate", "conversion"}  # a figure named with one is a fraction of a whole


def is_share(key: str) -> bool:
    """Whether the figure ``key`` is a fraction of a whole (``active_share``, ``retention``; not ``shares``)."""
    return bool(SHARE_WORDS & set(str(key).split("_")))


def t(key: str, lang: str) -> str:
    en, zh = TEXT[key]
    return zh if lang == "zh" else en


def label(family: str, key, lang: str) -> str:
    """What ``key`` of ``family`` is called in ``lang``; words made from the key if no label knows it."""
    pair = LABELS[family].get(str(key))
    if pair is None:
        return humanise(str(key))
    return pair[1] if lang == "zh" else pair[0]


def humanise(key: str) -> str:
    """``max_depth`` -> ``Max depth``: a key as words, for keys newer than the labels."""
    words = " ".join(key.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def role_label(name: str, lang: str) -> str:
    role = roles().get(name)
    return role.label(lang) if role else humanise(name)


@dataclass(frozen=True)
class Words:
    """The report's words and number formats in one language, for templates and views."""

    lang: str = "en"
    fmt: Formatter = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fmt", Formatter(self.lang))

    def t(self, key: str, **values) -> str:
        text = t(key, self.lang)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def label(self, family: str, key) -> str:
        return label(family, key, self.lang)

    def role(self, name: str | None) -> str:
        return "" if name is None else role_label(name, self.lang)

    def figure(self, key: str, value) -> str:
        """A figure's value as its key says: a share as a percentage, a yes/no, else a number."""
        if isinstance(value, bool):
            return self.t("yes") if value else self.t("no")
        if isinstance(value, (list, tuple)):
            return self.fmt.count(len(value))
        if is_share(key) and isinstance(value, (int, float)) and value <= 1:
            return self.fmt.share(value)
        return self.fmt.number(value, 2)

    def pick(self, english: str | None, chinese: str | None) -> str:
        """The text in the report's language, the other when it is missing."""
        first, second = (chinese, english) if self.lang == "zh" else (english, chinese)
        return first or second or ""
