"""The one-screen digest of a report: the health verdict, the top findings, what changed
since the previous run, new high-severity findings and at-risk leaders.

It is built from the report's document (``build_digest(document, previous)``), so a
pseudonymised report gives a pseudonymised digest; ``sections`` puts it into words (zh or
en) that ``report.bots`` and ``report.delivery`` dress for each destination.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from graphmodel.analysis.results import RoleImbalance
from graphmodel.history import NO_ROLE
from graphmodel.report.messages import role_label, t

TOP = 3          # findings, new findings, role changes shown
NAMED = 5        # members named per list
DIGEST_VERSION = 1

TEXT = {
    "size": ("{members} members · {circles} circles · {active} active",
             "{members} 位成员 · {circles} 个圈子 · 活跃 {active}"),
    "top": ("Top findings", "主要发现"),
    "new_high": ("New high-severity findings", "新出现的严重问题"),
    "changes": ("Since the previous run", "与上次分析相比"),
    "first_run": ("This is the first analysis run: nothing to compare yet.", "这是第一次分析，尚无可比较的变化。"),
    "no_change": ("No leader or role changes.", "领袖与角色没有变化。"),
    "gained": ("Leaders gained", "新增领袖"),
    "lost": ("Leaders lost", "流失领袖"),
    "role_changes": ("Role changes", "角色变化"),
    "at_risk": ("At-risk leaders", "有流失风险的领袖"),
    "more": ("and {n} more", "等另外 {n} 位"),
    "run": ("analysis run", "分析批次"),
    "report": ("Full report", "完整报告"),
    "high": ("high", "高"), "medium": ("medium", "中"), "low": ("low", "低"), "info": ("info", "提示"),
    "no_role": ("no role", "无角色"),  # a member not in the other run
}


def say(key: str, lang: str, **values: Any) -> str:
    en, zh = TEXT[key]
    return (zh if lang == "zh" else en).format(**values)


@dataclass(frozen=True)
class DigestFinding:
    rule: str
    severity: str
    message: str
    lever: str


@dataclass(frozen=True)
class DigestMember:
    member_id: str
    label: str     # the name, else the id (pseudonyms in a pseudonymised digest)
    detail: str    # why they are listed, "" when nothing more is known


@dataclass(frozen=True)
class RoleChange:
    from_role: str
    to_role: str
    members: int


@dataclass(frozen=True)
class Digest:
    community: str
    name: str
    lang: str
    analysis_run: str
    previous_run: str | None
    generated_at: str
    health: str                       # healthy | watch | attention
    members: int
    circles: int
    active_share: float | None
    top_findings: tuple[DigestFinding, ...]
    new_high: tuple[DigestFinding, ...]
    leaders_gained: tuple[DigestMember, ...]
    leaders_lost: tuple[DigestMember, ...]
    role_changes: tuple[RoleChange, ...]
    at_risk_leaders: tuple[DigestMember, ...]
    link: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The digest as the JSON webhook receives it."""
        return {"kind": "graphmodel.digest", "version": DIGEST_VERSION, **asdict(self)}


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]


def build_digest(document: Mapping[str, Any], previous: Sequence[RoleImbalance] = (),
                 link: str | None = None) -> Digest:
    """The digest of a report ``document`` (``build_document``); ``previous``: the findings
    of the run before (``ReportData.previous_imbalances``), to tell which are new."""
    lang = document["lang"]
    zh = lang == "zh"
    leaders = {m["member_id"]: m.get("name") for m in document["leaders"]}
    changes = document["changes"]
    previous_run = changes.get("previous_run")
    findings = document["imbalances"]
    new_high = [f for f in findings if f["severity"] == "high"
                and previous_run and not any(_same(f, p) for p in previous if p.severity == "high")]
    role_changes = sorted(changes.get("transitions", []), key=lambda c: -c["members"])[:TOP]
    return Digest(
        community=document["community"], name=document["name"], lang=lang,
        analysis_run=document["analysis_run"]["id"], previous_run=previous_run,
        generated_at=document["generated_at"], health=document["summary"]["health"],
        members=document["size"]["members"], circles=document["size"]["circles"],
        active_share=document["summary"].get("active_share"),
        top_findings=tuple(DigestFinding(g["rule"], g["severity"], g["message"], g["lever"])
                           for g in document["summary"]["top_gaps"][:TOP]),
        new_high=tuple(DigestFinding(f["rule"], f["severity"], f["message"], f["lever"]) for f in new_high[:TOP]),
        leaders_gained=tuple(DigestMember(m, leaders.get(m) or m, "") for m in changes.get("leaders_gained", [])),
        leaders_lost=tuple(DigestMember(m, m, "") for m in changes.get("leaders_lost", [])),
        role_changes=tuple(RoleChange(c["from_role"], c["to_role"], c["members"]) for c in role_changes),
        at_risk_leaders=tuple(_at_risk_leaders(document, set(leaders) | set(changes.get("leaders_lost", [])), zh)),
        link=link)


def _same(finding: Mapping[str, Any], earlier: RoleImbalance) -> bool:
    """The same finding in two runs: the same rule, about (mostly) the same members."""
    if finding["rule"] != earlier.rule:
        return False
    now, before = set(finding["members"]), set(earlier.members)
    if not now or not before:
        return not now and not before
    return len(now & before) * 2 >= min(len(now), len(before))


def _at_risk_leaders(document: Mapping[str, Any], leaders: set[str], zh: bool) -> list[DigestMember]:
    """The at-risk members (``at_risk``, ranked) who lead: a leader now or in the previous
    run, or at risk as a leader or manager (a reason whose kind begins with either word)."""
    out = []
    for entry in document.get("at_risk") or []:
        reasons = entry.get("reasons") or []
        leading = any(str(r.get("kind", "")).startswith(("leader", "manager")) for r in reasons)
        if entry["member_id"] not in leaders and not leading:
            continue
        first = reasons[0] if reasons else {}
        detail = (first.get("evidence_zh") if zh else None) or first.get("evidence") or ""
        out.append(DigestMember(entry["member_id"], entry.get("name") or entry["member_id"], detail))
    return out


def headline(digest: Digest) -> str:
    lang = digest.lang
    separator = "：" if lang == "zh" else ": "
    return f"{digest.name} — {t('health', lang)}{separator}{t(digest.health, lang)}"


def size_line(digest: Digest) -> str:
    active = "-" if digest.active_share is None else f"{digest.active_share:.1%}"
    return say("size", digest.lang, members=f"{digest.members:,}", circles=digest.circles, active=active)


def severity(digest: Digest, level: str) -> str:
    return say(level, digest.lang) if level in TEXT else level


def sections(digest: Digest) -> list[Section]:
    """The digest in words, section by section (empty sections left out)."""
    lang = digest.lang
    out = []
    if digest.top_findings:
        opening, closing = ("（", "）") if lang == "zh" else ("(", ") ")
        out.append(Section(say("top", lang), tuple(
            f"{opening}{severity(digest, f.severity)}{closing}{f.message} → {f.lever}" for f in digest.top_findings)))
    if digest.new_high:
        out.append(Section(say("new_high", lang), tuple(f.message for f in digest.new_high)))
    out.append(Section(say("changes", lang), tuple(_changes(digest))))
    if digest.at_risk_leaders:
        out.append(Section(say("at_risk", lang), tuple(
            f"{m.label}: {m.detail}" if m.detail else m.label for m in digest.at_risk_leaders[:NAMED])))
    return out


def _changes(digest: Digest) -> Iterable[str]:
    lang = digest.lang
    if digest.previous_run is None:
        yield say("first_run", lang)
        return
    if not (digest.leaders_gained or digest.leaders_lost or digest.role_changes):
        yield say("no_change", lang)
    separator = "：" if lang == "zh" else ": "
    for key, members in (("gained", digest.leaders_gained), ("lost", digest.leaders_lost)):
        if members:
            yield f"{say(key, lang)}{separator}{named(members, lang)}"
    if digest.role_changes:
        changes = ("；" if lang == "zh" else "; ").join(
            f"{c.members} {_role(c.from_role, lang)} → {_role(c.to_role, lang)}" for c in digest.role_changes)
        yield f"{say('role_changes', lang)}{separator}{changes}"


def _role(name: str, lang: str) -> str:
    return say("no_role", lang) if name == NO_ROLE else role_label(name, lang)


def named(members: Sequence[DigestMember], lang: str) -> str:
    shown = ("、" if lang == "zh" else ", ").join(m.label for m in members[:NAMED])
    extra = len(members) - NAMED
    return f"{shown} {say('more', lang, n=extra)}" if extra > 0 else shown


def footer(digest: Digest) -> str:
    return f"{say('run', digest.lang)} {digest.analysis_run} · {digest.generated_at}"
