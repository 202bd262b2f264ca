"""Reading an analysis run back from the graph into the typed results."""

from __future__ import annotations

import json
from typing import Any

from graphmodel.analysis.betweenness import BetweennessPrecision
from graphmodel.analysis.evolution import event_from_row
from graphmodel.analysis.results import (
    AnalysisResult,
    AnalysisRunInfo,
    AtRiskMember,
    AtRiskReason,
    Circle,
    MemberRoles,
    RankedMember,
    RoleImbalance,
    RoleMismatch,
)
from graphmodel.core.errors import NoAnalysis
from graphmodel.history import ROLE_PRECEDENCE

RANKED_LIMIT = 1_000


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def load_analysis(connection, community: str, run: str | None = None,
                  limit: int = RANKED_LIMIT, members: bool = True) -> AnalysisResult:
    """The latest finished analysis run of ``community`` (or ``run``), as ``analyze`` returned it.

    ``members=False`` leaves out what is listed per member (every member's roles, every
    circle's members), which at a million members is most of the reading.
    """
    rows = connection.read("analysis_run_get", community=community, run=run)
    if not rows:
        raise NoAnalysis(f"{community!r} has no finished analysis run"
                         + (f" {run!r}" if run else "") + f"; run: graphmodel analyze --community {community}")
    data = rows[0]["run"]
    figures = json.loads(data.get("figures") or "{}")
    info = AnalysisRunInfo(
        id=data["id"], community=community, started_at=_native(data["started_at"]),
        finished_at=_native(data.get("finished_at")), as_of=_native(data.get("as_of")),
        parameters=json.loads(data.get("parameters") or "{}"), neo4j_version=data.get("neo4j_version", ""),
        gds_version=data.get("gds_version", ""), members=data.get("members", 0),
        outsiders=data.get("outsiders", 0), relationships=data.get("relationships", 0),
        modularity=data.get("modularity"),
        betweenness=BetweennessPrecision(data.get("betweenness_method") or "exact", data.get("betweenness_error"),
                                         data.get("betweenness_confidence"), data.get("betweenness_samples")))
    leaders = _ranked(connection, community, info.id, "leader", "leader_score", limit)
    connectors = _ranked(connection, community, info.id, "connector", "betweenness", limit)
    top = max((c.score for c in connectors), default=0) or 1.0
    connectors = [RankedMember(**{**c.__dict__, "score": round(c.score / top, 6)}) for c in connectors]
    circles = [Circle(r["circle_id"], r["size"], tuple(r["members"]), r["leader"], r["conductance"], r["density"])
               for r in connection.read("analysis_circles_read", run=info.id, members=members)]
    roles: dict[str, MemberRoles] = {}
    if members:
        for r in connection.read("analysis_roles_read", community=community, run=info.id):
            member = r["member_id"]
            roles[member] = MemberRoles(member, _in_precedence(r["inferred"]), tuple(r["declared"]))
    mismatches = [RoleMismatch(r["member_id"], kind, tuple(r["declared"]), _in_precedence(r["inferred"]), "")
                  for r in connection.read("analysis_mismatches_read", community=community, run=info.id)
                  for kind in r["mismatch"]]
    at_risk = [AtRiskMember(r["member_id"], r["name"], r["score"],
                            tuple(AtRiskReason(*reason) for reason in zip(r["reasons"], r["evidence"], r["evidence_zh"],
                                                                          r["levers"], r["levers_zh"])),
                            tuple(r["circles"]))
               for r in connection.read("analysis_at_risk_read", run=info.id, limit=limit)]
    events = [event_from_row(row["event"]) for row in connection.read("analysis_circle_events_read", runs=[info.id])]
    return AnalysisResult(info, leaders, connectors, circles, roles, mismatches, read_imbalances(connection, info.id),
                          figures, at_risk, events)


def read_imbalances(connection, run: str) -> list[RoleImbalance]:
    """The role-imbalance findings of analysis run ``run``, most severe first."""
    return [RoleImbalance(f["rule"], f["observed"], f["expected"], f["severity"], tuple(f["members"] or ()),
                          f["message"], f["message_zh"], f["lever"], f["lever_zh"])
            for f in (row["finding"] for row in connection.read("analysis_imbalances_read", run=run))]


def _in_precedence(roles: list[str]) -> tuple[str, ...]:
    return tuple(sorted(roles, key=ROLE_PRECEDENCE.index))


def _ranked(connection, community: str, run: str, role: str, score: str, limit: int) -> list[RankedMember]:
    rows = connection.read("analysis_ranked_read", community=community, run=run, role=role, limit=limit)
    return [RankedMember(
        member_id=r["member_id"], name=r["name"], score=float(r[score] or 0.0), rank=rank,
        evidence=r["evidence"] or "", evidence_zh=r["evidence_zh"] or "", external=not r["is_member"],
        metrics={k: r[k] for k in ("influence", "betweenness", "participation", "within_module_z", "circle")})
        for rank, r in enumerate(rows, start=1)]
