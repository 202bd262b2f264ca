"""Writing an analysis run back to the graph (see ``results`` for the layout)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from graphmodel.algorithms.metrics import MemberTable
from graphmodel.algorithms.results import AnalysisResult, Circle, RoleImbalance

BATCH = 10_000


def member_rows(table: MemberTable, run: str, roles: list[list[str]], leader_score: np.ndarray,
                evidence: dict[int, tuple[str, str]], bridging: dict[int, tuple[str, str]],
                mismatch: dict[int, list[str]]) -> list[dict[str, Any]]:
    """Per member, the properties the run writes on its node (evidence: why a leader;
    connector_evidence: why a connector)."""
    v = table.values
    influence = np.nan_to_num(v["influence"])
    rank = np.empty(len(table), np.int64)
    rank[np.argsort(-influence, kind="stable")] = np.arange(1, len(table) + 1)
    activity = table.counts["sent"] + table.counts["received"]
    from graphmodel.algorithms.brokerage import GA_ROLES

    rows = []
    for i in range(len(table)):
        en, zh = evidence.get(i, (None, None))
        bridge_en, bridge_zh = bridging.get(i, (None, None))
        rows.append({"node": int(table.node[i]), "props": {
            "analysis_run": run, "influence": float(influence[i]), "influence_rank": int(rank[i]),
            "activity": int(activity[i]), "leader_score": float(leader_score[i]),
            "betweenness": float(np.nan_to_num(v["betweenness"][i])),
            "participation": float(v["participation"][i]), "within_module_z": float(v["within_z"][i]),
            "brokerage_role": GA_ROLES[int(v["ga_role"][i])],
            "circle": int(v["circle_id"][i]) if v["circle_id"][i] >= 0 else None,
            "core": int(np.nan_to_num(v["core"][i])), "fragment": int(np.nan_to_num(v["fragment"][i])),
            "is_articulation": bool(np.nan_to_num(v["articulation"][i]) > 0),
            "inferred_roles": roles[i], "evidence": en, "evidence_zh": zh,
            "connector_evidence": bridge_en, "connector_evidence_zh": bridge_zh,
            "role_mismatch": mismatch.get(i)}})
    return rows


def write_analysis(connection, community: str, result: AnalysisResult, table: MemberTable,
                   rows: list[dict[str, Any]], roles: list[list[str]]) -> None:
    run = result.run.id
    connection.write_batches("analysis_members_write", rows, batch_size=BATCH)
    connection.write_batches("analysis_roles_write",
                             ({"node": int(table.node[i]), "roles": r} for i, r in enumerate(roles) if r),
                             batch_size=BATCH, community=community, run=run)
    connection.write("analysis_circles_write", community=community, run=run,
                     rows=[_circle_row(c) for c in result.circles])
    connection.run_auto("analysis_in_circle_clear", community=community)
    circle = table.values["circle_id"]
    connection.write_batches("analysis_in_circle_write",
                             ({"node": int(table.node[i]), "circle": int(circle[i])}
                              for i in np.flatnonzero(circle >= 0)), batch_size=BATCH, run=run)
    connection.write("analysis_imbalances_write", community=community, run=run,
                     rows=[_imbalance_row(f) for f in result.imbalances])


def _circle_row(c: Circle) -> dict[str, Any]:
    return {"id": c.circle_id, "size": c.size, "leader": c.leader, "conductance": c.conductance,
            "density": c.density}


def _imbalance_row(f: RoleImbalance) -> dict[str, Any]:
    return {"rule": f.rule, "observed": f.observed, "expected": f.expected, "severity": f.severity,
            "members": list(f.members), "message": f.message, "message_zh": f.message_zh,
            "lever": f.lever, "lever_zh": f.lever_zh}


def run_figures(result: AnalysisResult) -> dict[str, Any]:
    run = result.run
    return {"members": run.members, "outsiders": run.outsiders, "relationships": run.relationships,
            "circles": len(result.circles), "modularity": run.modularity,
            "betweenness_sample": run.betweenness_sample,
            "figures": json.dumps(result.figures, ensure_ascii=False, default=str)}
