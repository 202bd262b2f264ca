"""The report's words in English and Chinese, keyed; role names come from the vocabulary."""

from __future__ import annotations

from graphmodel.core.model import roles

TEXT = {
    "title": ("Community structure report", "社群结构报告"),
    "summary": ("Summary", "概览"),
    "members": ("members", "成员"),
    "outsiders": ("outsiders", "外部人员"),
    "ties": ("ties", "联系"),
    "circles": ("Circles", "圈子"),
    "active_share": ("active members", "活跃成员占比"),
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
    "leaders_gained": ("leaders gained", "新增领袖"),
    "leaders_lost": ("leaders lost", "流失领袖"),
    "recommendations": ("Recommendations", "建议"),
    "activity": ("Activity distribution", "活跃度分布"),
    "growth": ("Growth per month", "每月新增成员"),
    "cascade_depth": ("Cascade depth", "裂变深度"),
    "circle_map": ("Map of circles and connectors", "圈子与连接者地图"),
    "circle_map_hint": ("Each disc is a circle (area: members); lines are ties between circles. Click a circle.",
                        "每个圆代表一个圈子（面积为人数），连线为圈子之间的联系。点击圆查看详情。"),
    "query": ("reproduce with", "复现查询"),
    "rank": ("#", "#"), "member": ("member", "成员"), "name": ("name", "名称"), "score": ("score", "得分"),
    "evidence": ("evidence", "依据"), "size": ("size", "人数"), "leader": ("leader", "领袖"),
    "conductance": ("conductance", "传导率"), "severity": ("severity", "严重度"), "rule": ("rule", "规则"),
    "observed": ("observed", "实际"), "expected": ("expected", "期望"), "message": ("finding", "发现"),
    "lever": ("lever", "对策"), "none": ("none", "无"), "kind": ("kind", "类型"),
    "declared": ("declared", "声明"), "inferred": ("inferred", "推断"), "root": ("root", "起点"),
    "depth": ("depth", "深度"), "virality": ("structural virality", "结构传播度"), "joins": ("joins", "加入"),
    "reach": ("downstream reach", "下游覆盖"), "share": ("share", "占比"), "norm": ("norm", "规范"),
    "joined": ("joined", "加入"), "invited": ("by invitation", "经邀请"), "from": ("from", "从"), "to": ("to", "到"),
    "generated": ("generated", "生成于"), "analysis_run": ("analysis run", "分析批次"),
    "no_leader": ("no leader", "无领袖"), "no_findings": ("No imbalance found.", "未发现失衡。"),
    "no_fission": ("No shares or invitations loaded: no fission figures.", "未载入分享或邀请数据，无裂变数据。"),
    "retention": ("retention", "留存率"), "attended": ("attended offline events", "参加过线下活动"),
    "did_not_attend": ("did not attend", "未参加"), "interactions_per_member": ("interactions per member", "人均互动"),
    "by_threshold": ("by entry threshold", "按入群门槛"), "by_events": ("by offline events", "按线下活动"),
    "retention_note": ("retention: share of members who joined at least {days} days before the end and were "
                       "active in the last {days} days",
                       "留存率：在结束前至少 {days} 天加入、且在最后 {days} 天仍活跃的成员占比"),
}


def t(key: str, lang: str) -> str:
    en, zh = TEXT[key]
    return zh if lang == "zh" else en


def role_label(name: str, lang: str) -> str:
    role = roles().get(name)
    return role.label(lang) if role else name
