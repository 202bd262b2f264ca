"""Synthetic report documents for the rendering tests (no server).

``synthetic_document`` builds the typed report data (an ``AnalysisResult``, the gathered
figures, member views assembled by ``report.member_views``' own functions) and turns it
into a document with ``build_document``, so its shape is the real one; then it adds the
sections the time-aware and fission-quality analyses add (``at_risk``, ``circle_events``,
``trends``, ``fission.inviters``/``channels``/``echo``) in the shapes agreed for them.
Every name, id and free text that an export can carry can be made hostile.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from graphmodel.analysis.results import (
    AnalysisResult,
    AnalysisRunInfo,
    Circle,
    MemberRoles,
    RankedMember,
    RoleImbalance,
    RoleMismatch,
)
from graphmodel.report.data import ReportData
from graphmodel.report.document import build_document
from graphmodel.report.member_views import (
    CHILDREN,
    CascadeTree,
    ConnectorCircles,
    MemberViews,
    TreeMember,
    ViewMember,
    assemble_ego,
    grow_tree,
)

SCRIPT = "</script><script>alert(3)</script>"
HOSTILE_NAMES = (
    SCRIPT,
    '<img src=x onerror="alert(4)">',
    "**bold** [link](javascript:alert(5)) | cell ` code",
    "\"quoted' & <b>amp</b>\n# heading",
    "]]><svg onload=alert(6)>",
)
ROLES = ("leader", "connector", "follower", "participant", "lurker", "executor", "manager", "seed_user")


def synthetic_document(lang: str = "en", circles: int = 30, members: int = 600, hostile: bool = False,
                       new_sections: bool = True, seed: int = 3, fission: bool = True) -> dict:
    """A report document; ``fission=False``: a community with no shares (no fission run, no
    cascades), ``new_sections=False``: without the newer analyses' keys."""
    rnd = random.Random(seed)

    def name(i: int) -> str:
        return HOSTILE_NAMES[i % len(HOSTILE_NAMES)] + f" {i}" if hostile else f"Member {i}"

    def ident(i: int) -> str:
        return (f"<i>m{i}</i>" if hostile and i % 7 == 0 else f"m{i:05d}")

    ids = [ident(i) for i in range(members)]
    names = {ids[i]: name(i) for i in range(members)}
    sizes = sorted((max(3, int(members / circles * rnd.paretovariate(2.5) / 1.7)) for _ in range(circles)),
                   reverse=True)
    circle_rows = [Circle(c, sizes[c], (), None if c % 6 == 5 else ids[c], 0.1 + 0.01 * c, 0.05)
                   for c in range(circles)]
    circle_of = {ids[i]: i % circles for i in range(members)}

    def ranked(i: int, rank: int, role: str) -> RankedMember:
        text = f"addressed by {40 - rank} members, among them {name(i + 1)}"
        text_zh = f"被 {40 - rank} 位成员回应，包括 {name(i + 1)}"
        return RankedMember(ids[i], name(i), round(1 - rank / 50, 3), rank, text, text_zh,
                            external=role == "connector" and rank == 4,
                            metrics={"circle": float(circle_of[ids[i]])})

    leaders = [ranked(i, k + 1, "leader") for k, i in enumerate(range(0, 20))]
    connectors = [ranked(i, k + 1, "connector") for k, i in enumerate(range(10, 30))]
    run = AnalysisRunInfo("run-2", "c", datetime(2025, 3, 1, tzinfo=UTC), None, None, {}, "5.26", "2.13",
                          members, 12, members * 5, 0.7)
    imbalances = [
        RoleImbalance("leaders_per_member", 2, "5-6 per 500 members", "high", (ids[0],),
                      f"Only 2 leaders, among them {name(0)}.", f"只有 2 位意见领袖，包括 {name(0)}。",
                      "Find and cultivate KOLs.", "发现并培养 KOL。"),
        RoleImbalance("active_share", 0.031, "5%-15% active", "medium", (),
                      "3.1% of members are active.", "活跃成员占 3.1%。", "Name an encouragement officer.", "设立鼓励官。"),
        RoleImbalance("single_connector", ids[12], "several members", "medium", (ids[12],),
                      f"Circles 1 tied through {ids[12]} alone.", f"圈子 1 只通过 {ids[12]} 相连。",
                      "Back the connector up.", "为连接者找后备。"),
    ]
    mismatches = [RoleMismatch(ids[3], "paper_leader", ("leader",), ("lurker",), ""),
                  RoleMismatch(ids[4], "hidden_leader", (), ("leader",), "")]
    roles = {m: MemberRoles(m, ("follower",), ()) for m in ids[:50]}
    figures = {"active_share": 0.031, "lurker_share": 0.7, "retention_window_days": 60,
               "by_threshold": {"paid": {"members": 40, "active_share": 0.1, "interactions_per_member": 3.5,
                                         "retention": 0.4}},
               "by_offline_events": {"attended": {"members": 10, "active_share": 0.3, "interactions_per_member": 9.0,
                                                  "retention": 0.6},
                                     "did_not_attend": {"members": members - 10, "active_share": 0.02,
                                                        "interactions_per_member": 1.2, "retention": 0.2}}}
    analysis = AnalysisResult(run, leaders, connectors, circle_rows, roles, mismatches, imbalances, figures)
    ties = [{"source": a, "target": b, "ties": rnd.randint(1, 60)}
            for a in range(circles) for b in rnd.sample(range(circles), min(circles, 5)) if a < b]
    cascades = [{"root": ids[i], "size": 40 - i, "depth": 4, "structural_virality": 2.5, "joins": 30 - i,
                 "root_class": "seed_user"} for i in range(3)] if fission else []
    views = MemberViews(
        ego_networks=[_ego(ids, names, circle_of, rnd, m.member_id, m.rank, None) for m in leaders[:4]]
        + [_ego(ids, names, circle_of, rnd, m.member_id, None, m.rank) for m in connectors[:3]],
        cascade_trees=[_tree(ids, names, rnd, c) for c in cascades],
        connector_circles=[ConnectorCircles(m.member_id, tuple({"circle": (k + j * 3) % circles, "members": 9 - j}
                                                                for j in range(3)))
                           for k, m in enumerate(connectors)],
        named=[ViewMember(c.leader, names[c.leader], c.circle_id, "leader") for c in circle_rows if c.leader])
    data = ReportData(
        community="<b>community</b>\"'" if hostile else "synthetic", name=name(999) if hostile else "Synthetic",
        generated_at=datetime(2025, 3, 2, 10, 30, tzinfo=UTC), analysis=analysis, overview={},
        activity=[{"bucket": 0, "from_interactions": 0, "to_interactions": 0, "members": 300, "interactions": 0},
                  {"bucket": 1, "from_interactions": 1, "to_interactions": 2, "members": 200, "interactions": 300}],
        growth=[{"month": f"2024-{m:02d}", "joined": 40 + m, "joined_by_invitation": 10 + m} for m in range(1, 13)],
        circle_ties=ties,
        fission={"run": "f-1", "cascades": 3, "reached": 120, "joins": 90, "largest": 40, "max_depth": 4,
                 "mean_virality": 2.4, "deep_cascades": 1, "critical_headcount": None} if fission else None,
        cascades=cascades, cascade_depths=[{"depth": 1, "cascades": 2, "members": 10},
                                           {"depth": 4, "cascades": 1, "members": 40}] if fission else [],
        spreaders=[{"member_id": ids[i], "name": name(i), "downstream_reach": 30 - i} for i in range(5)]
        if fission else [],
        changes={"runs": ["run-1", "run-2"], "previous_run": "run-1",
                 "transitions": [{"from_role": "leader", "to_role": "lurker", "members": 2, "examples": [ids[1]]}],
                 "leaders_gained": [ids[5]], "leaders_lost": [ids[6]]},
        role_mix={"leader": 5, "participant": 40, "lurker": 400, "follower": 155}, member_views=views)
    document = build_document(data, lang)
    if new_sections and fission:
        add_new_sections(document, ids, name, circles)
    return document


def add_new_sections(document: dict, ids: list[str], name, circles: int) -> None:
    """The keys the time-aware and fission-quality analyses add, in their agreed shapes."""
    document["at_risk"] = [
        {"member_id": ids[i], "name": name(i), "score": round(0.9 - i / 20, 3), "circles": [i % circles, 3],
         "reasons": [{"kind": "leader_gone_quiet", "evidence": f"{name(i)} silent for 40 days",
                      "evidence_zh": f"{name(i)} 已沉默 40 天", "lever": f"Call {name(i)}: offer a sharing session",
                      "lever_zh": f"联系 {name(i)}：邀请做分享会"},
                     {"kind": "ties_gone_quiet", "evidence": "half of their ties went quiet",
                      "evidence_zh": "一半的联系已沉默", "lever": "Introduce them to an active circle",
                      "lever_zh": "介绍他们加入活跃圈子"}]}
        for i in range(6)]
    document["circle_events"] = [
        {"event": "continue", "before": [0], "after": [0], "overlap": 0.8, "moved": 40, "run_before": "run-1",
         "run_after": "run-2"},
        {"event": "split", "before": [1], "after": [1, 7], "overlap": 0.45, "moved": [ids[3], ids[4], ids[5]],
         "run_before": "run-1", "run_after": "run-2"},
        {"event": "merge", "before": [2, 3], "after": [2], "overlap": 0.5, "moved": 25, "run_before": "run-1",
         "run_after": "run-2"},
        {"event": "form", "before": [], "after": [9], "overlap": None, "moved": 12, "run_before": "run-1",
         "run_after": "run-2"},
        {"event": "dissolve", "before": [4], "after": [], "overlap": 0, "moved": 8, "run_before": "run-1",
         "run_after": "run-2"},
        {"event": "grow", "before": 5, "after": 5, "overlap": 0.7, "moved": {"5": 30}, "run_before": "run-0",
         "run_after": "run-1"},
        {"event": "shrink", "before": [6], "after": [6], "overlap": 0.6, "moved": 14, "run_before": "run-0",
         "run_after": "run-1"},
    ]
    document["trends"] = {
        "members": [{"run": "run-0", "seen": "2025-01-01", "value": 500}, {"run": "run-1", "seen": "2025-02-01",
                                                                           "value": 560},
                    {"run": "run-2", "seen": "2025-03-01", "value": 600}],
        "active_share": [{"run": "run-0", "seen": "2025-01-01", "value": 0.06},
                         {"run": "run-1", "seen": "2025-02-01", "value": 0.045},
                         {"run": "run-2", "seen": "2025-03-01", "value": 0.031}],
        "leaders": [{"run": "run-1", "seen": "2025-02-01", "value": 4}, {"run": "run-2", "seen": "2025-03-01",
                                                                         "value": 2}],
    }
    fission = document["fission"]
    flag = {"kind": "star_farm", "evidence": f"12 invitees whose only tie is {name(8)}",
            "evidence_zh": f"12 位受邀者唯一的联系是 {name(8)}"}
    fission["inviters"] = [
        {"member_id": ids[i], "name": name(i), "invited": 30 - i, "joined": 20 - i, "activated": max(10 - 2 * (i - 8), 0),
         "retained": 5, "downstream_joins": 3, "left_share": 0.1 * (i % 3), "became_leader": i == 0,
         "flags": [flag] if i % 2 else []} for i in range(8, 14)]
    fission["channels"] = [
        {"channel": name(20 + i) if i else "poster", "invited": 80 - 10 * i, "joined": 50 - 5 * i,
         "activated": 30 - 4 * i, "retained": 12, "flags": [] if i else [flag]} for i in range(4)]
    fission["echo"] = [{"kind": "staff_echo", "members": [ids[1], ids[2]], "cascades": 4,
                        "evidence": f"Staff {name(1)} and others re-shared only to each other",
                        "evidence_zh": f"员工 {name(1)} 等只在内部互相转发",
                        "lever": "Give members, not staff, the posters", "lever_zh": "把海报交给成员而非员工"}]


def _ego(ids, names, circle_of, rnd, centre: str, leader_rank, connector_rank):
    others = [m for m in ids if m != centre]
    first = rnd.sample(others, 12)

    def row(member_id: str, weight: float) -> dict:
        return {"member_id": member_id, "name": names[member_id], "weight": weight, "is_member": rnd.random() > 0.1,
                "circle": circle_of[member_id], "roles": [rnd.choice(ROLES)]}

    centre_row = {**row(centre, 0), "degree": 40, "neighbours": [row(m, float(20 - k)) for k, m in enumerate(first)]}
    second = {m: [row(o, float(rnd.randint(1, 9))) for o in rnd.sample(others, 6)] for m in first}
    return assemble_ego(centre_row, second, leader_rank, connector_rank)


def _tree(ids, names, rnd, cascade: dict):
    root = cascade["root"]
    drawn = [TreeMember(root, names[root], 0, None, cascade["size"] - 1, "seed_user", True)]
    pool = iter(m for m in ids[40:] if m != root)
    frontier = [root]
    for generation in range(1, cascade["depth"] + 1):
        rows = []
        for parent in frontier:
            children = [{"member_id": next(pool), "reach": rnd.randint(0, 6), "is_member": rnd.random() > 0.15,
                         "roles": [rnd.choice(ROLES)]} for _ in range(rnd.randint(1, CHILDREN + 2))]
            for child in children:
                child["name"] = names[child["member_id"]]
            rows.append({"parent_id": parent, "children": children[:CHILDREN], "reached": len(children)})
        drawn, frontier = grow_tree(drawn, rows, generation)
        if not frontier:
            break
    return CascadeTree(root, cascade["size"], cascade["depth"], cascade["structural_virality"], tuple(drawn))
