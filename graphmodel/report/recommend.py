"""Recommendations: each finding mapped to a lever from docs/domain.md (imbalances carry their own;
fission findings are mapped here)."""

from __future__ import annotations

from typing import Any

from graphmodel.analysis.results import AnalysisResult

FISSION_LEVERS = {
    "deep_cascades": ("Invitation chains run deeper than two levels: such chains are short-lived; attach new "
                      "members to a KOL layer instead of relying on long chains.",
                      "邀请链超过两层：这类链条寿命短；让新成员挂到 KOL 层，而不是依赖长链。"),
    "no_critical_point": ("Cascades have not yet sustained themselves: reach the headcount critical point with "
                          "seed users and KOL sharing sessions before pushing open fission.",
                          "裂变尚未自我维持：先通过种子用户和 KOL 分享会达到人数临界点，再推动开放裂变。"),
    "fraud_signals": ("Some invitations look gamed (bursts of joins, star farms, quick leavers, rings): pay "
                      "invitation rewards on invitees who take part and stay, not on joins; hold a reward until "
                      "the invitee has been active for a week, and cap rewards per inviter per hour.",
                      "部分邀请疑似作弊（集中加入、养号、加入即退、互邀成环）：按受邀者的参与和留存发放邀请奖励，而不是按加入人数；"
                      "受邀者活跃满一周后再发奖励，并限制每位邀请人每小时的奖励数量。"),
    "internal_echo": ("Shares go round the same staff or small circle and bring nobody in: the value critical "
                      "point decays with each repeat. Stop re-posting the same content inside the team and give "
                      "KOLs and ordinary members something new worth sharing.",
                      "分享只在同一批员工或小圈子里打转，没有带来新人：价值临界点随重复而衰减。停止在团队内部反复转发同一内容，"
                      "给 KOL 和普通成员值得分享的新内容。"),
    "low_conversion": ("Few shares turn into members: raise the value critical point (member satisfaction, "
                       "co-building) and give sharers social currency (badges, status).",
                       "分享很少转化为成员：提升价值临界点（满意度、共建），并给分享者社交货币（徽章、身份）。"),
}


def recommendations(result: AnalysisResult, fission: dict[str, Any] | None, lang: str) -> list[dict[str, Any]]:
    zh = lang == "zh"
    out = [{"finding": f.rule, "severity": f.severity, "lever": f.lever_zh if zh else f.lever}
           for f in result.imbalances if f.severity != "info"]
    if fission:
        if (fission.get("deep_cascades") or 0) > 0:
            out.append(_fission("deep_cascades", "medium", zh))
        if fission.get("critical_headcount") is None and (fission.get("cascades") or 0) > 0:
            out.append(_fission("no_critical_point", "low", zh))
        reached, joins = fission.get("reached") or 0, fission.get("joins") or 0
        if reached >= 20 and joins / reached < 0.1:
            out.append(_fission("low_conversion", "medium", zh))
        if (fission.get("flagged_inviters") or 0) > 0:
            out.append(_fission("fraud_signals", "high", zh))
        if (fission.get("echo_findings") or 0) > 0:
            out.append(_fission("internal_echo", "medium", zh))
    return out


def _fission(key: str, severity: str, zh: bool) -> dict[str, Any]:
    en, chinese = FISSION_LEVERS[key]
    return {"finding": key, "severity": severity, "lever": chinese if zh else en}
