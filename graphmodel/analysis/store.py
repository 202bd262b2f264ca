"""Writing an analysis run back to the graph (see ``results`` for the layout)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

from graphmodel.analysis.circles import circle_ties
from graphmodel.analysis.metrics import MemberTable
from graphmodel.analysis.results import AnalysisResult, AtRiskMember, Circle, RoleImbalance
from graphmodel.graph.writers import by_writers

BATCH = 10_000
CIRCLE_BATCH = 1_000  # circles per transaction (each with its member ids)


def member_columns(table: MemberTable, roles: list[list[str]], leader_score: np.ndarray,
                   evidence: dict[int, tuple[str, str]], bridging: dict[int, tuple[str, str]],
                   mismatch: dict[int, list[str]], active: np.ndarray) -> dict[str, list[Any]]:
    """Per member, the properties the run writes on its node, one list per property in table
    order (evidence: why a leader; connector_evidence: why a connector; active: in the window;
    last_active: the last interaction initiated before the end, epoch ms)."""
    from graphmodel.analysis.brokerage import GA_ROLES

    v = table.values
    n = len(table)
    influence = np.nan_to_num(v["influence"])
    rank = np.empty(n, np.int64)
    rank[np.argsort(-influence, kind="stable")] = np.arange(1, n + 1)
    circle = v["circle_id"].astype(np.int64)

    def sparse(values: dict[int, Any], pick=lambda x: x) -> list[Any]:
        column: list[Any] = [None] * n
        for i, value in values.items():
            column[i] = pick(value)
        return column

    return {
        "node": table.node.tolist(), "influence": influence.tolist(), "influence_rank": rank.tolist(),
        "activity": (table.counts["sent_window"] + table.counts["received_window"]).tolist(),
        "leader_score": np.asarray(leader_score, float).tolist(),
        "betweenness": np.nan_to_num(v["betweenness"]).tolist(),
        "participation": np.asarray(v["participation"], float).tolist(),
        "within_module_z": np.asarray(v["within_z"], float).tolist(),
        "brokerage_role": [GA_ROLES[r] for r in v["ga_role"].astype(np.int64).tolist()],
        "circle": [c if c >= 0 else None for c in circle.tolist()],
        "core": np.nan_to_num(v["core"]).astype(np.int64).tolist(),
        "fragment": np.nan_to_num(v["fragment"]).astype(np.int64).tolist(),
        "is_articulation": (np.nan_to_num(v["articulation"]) > 0).tolist(),
        "inferred_roles": roles,
        "evidence": sparse(evidence, lambda e: e[0]), "evidence_zh": sparse(evidence, lambda e: e[1]),
        "connector_evidence": sparse(bridging, lambda e: e[0]),
        "connector_evidence_zh": sparse(bridging, lambda e: e[1]),
        "role_mismatch": sparse(mismatch),
        "active": np.asarray(active, bool).tolist(),
        "last_active": [t if t >= 0 else None for t in table.last_active_ms.tolist()],
    }


@dataclass(frozen=True)
class CircleRows:
    """What ``write_circles`` writes, computed ahead by ``circle_rows``."""

    circles: list[dict[str, Any]]
    ties: dict[str, list[int]]    # source, target, ties: pairs of circles and the member ties across them
    node: np.ndarray              # node ids of the members in a circle, in table order
    circle: np.ndarray            # the circle of each


def circle_rows(table: MemberTable, circles: list[Circle]) -> CircleRows:
    """The rows ``write_circles`` writes: the circles (leaders come later), the ties between
    them and the memberships."""
    source, target, ties = circle_ties(table)
    circle = table.values["circle_id"].astype(np.int64)
    in_circle = np.flatnonzero(circle >= 0)
    return CircleRows([_circle_row(c) for c in circles],
                      {"source": source.tolist(), "target": target.tolist(), "ties": ties.tolist()},
                      table.node[in_circle], circle[in_circle])


def write_circles(connection, community: str, run: str, rows: CircleRows, threads: int = 2) -> None:
    """The run's circles (their leaders come later, with ``write_analysis``) and the ties
    between them; earlier runs' memberships cleared; then the circle memberships, by ``threads``
    threads that each take their own share of the members."""
    connection.write_batches("analysis_circles_write", rows.circles, batch_size=CIRCLE_BATCH, community=community,
                             run=run)
    connection.write_columns("analysis_circle_ties_write", rows.ties, batch_size=BATCH, run=run)
    clear_memberships(connection, community, run)

    def write_memberships(start: int, stop: int) -> None:
        connection.write_columns("analysis_in_circle_write",
                                 {"node": rows.node[start:stop].tolist(), "circle": rows.circle[start:stop].tolist()},
                                 batch_size=BATCH, run=run)

    by_writers(len(rows.node), write_memberships, threads)


def write_analysis(connection, community: str, result: AnalysisResult, table: MemberTable,
                   columns: dict[str, list[Any]], roles: list[list[str]], threads: int = 2) -> None:
    """The circles' leaders (``write_circles`` wrote the circles); then the members' figures
    and inferred roles, by ``threads`` threads that each take their own share of the members (so
    no two transactions wait for the same member); then the imbalances. Each write is in
    slices, one transaction per slice."""
    run = result.run.id
    connection.write("analysis_circle_leaders_write", run=run,
                     rows=[{"id": c.circle_id, "leader": c.leader} for c in result.circles if c.leader is not None])

    def write_members(start: int, stop: int) -> None:
        connection.write_columns("analysis_members_write", {k: v[start:stop] for k, v in columns.items()},
                                 batch_size=BATCH, run=run)
        with_roles = [i for i in range(start, stop) if roles[i]]
        connection.write_columns("analysis_roles_write",
                                 {"node": table.node[with_roles].tolist(), "roles": [roles[i] for i in with_roles]},
                                 batch_size=BATCH, community=community, run=run)

    by_writers(len(table), write_members, threads)
    connection.write("analysis_imbalances_write", community=community, run=run,
                     rows=[_imbalance_row(f) for f in result.imbalances])
    write_at_risk(connection, community, run, result.at_risk, table)


def write_at_risk(connection, community: str, run: str, at_risk: list[AtRiskMember], table: MemberTable) -> None:
    """One ``AT_RISK`` relationship from each member at risk to the run, in slices."""
    node = dict(zip(table.ids, table.node.tolist()))
    connection.write_columns("analysis_at_risk_write", {
        "node": [node[m.member_id] for m in at_risk], "score": [m.score for m in at_risk],
        "reasons": [[r.kind for r in m.reasons] for m in at_risk],
        "evidence": [[r.evidence for r in m.reasons] for m in at_risk],
        "evidence_zh": [[r.evidence_zh for r in m.reasons] for m in at_risk],
        "levers": [[r.lever for r in m.reasons] for m in at_risk],
        "levers_zh": [[r.lever_zh for r in m.reasons] for m in at_risk],
        "circles": [list(m.circles) for m in at_risk]}, batch_size=BATCH, community=community, run=run)


def clear_memberships(connection, community: str, run: str) -> None:
    """Remove the circle memberships of earlier runs, circle by circle in slices of about
    BATCH, each its own write transaction (retried by the driver on transient errors)."""
    held = connection.read("analysis_in_circle_held", community=community, run=run)
    for group in weighted_slices([row["held"] for row in held], BATCH):
        nodes = [held[i]["node"] for i in group]
        while True:
            [row] = connection.write("analysis_in_circle_delete", node=nodes, limit=BATCH)
            if row["deleted"] < BATCH:
                break


def weighted_slices(weights: list[int], limit: int) -> list[list[int]]:
    """Consecutive indexes grouped so that each group's weights add up to at most ``limit``
    (a weight above it gets a group of its own)."""
    groups: list[list[int]] = []
    total = limit + 1
    for i, weight in enumerate(weights):
        if total + weight > limit:
            groups.append([])
            total = 0
        groups[-1].append(i)
        total += weight
    return groups


def _circle_row(c: Circle) -> dict[str, Any]:
    return {"id": c.circle_id, "size": c.size, "conductance": c.conductance, "density": c.density,
            "members": list(c.members)}


def _imbalance_row(f: RoleImbalance) -> dict[str, Any]:
    return {"rule": f.rule, "observed": f.observed, "expected": f.expected, "severity": f.severity,
            "members": list(f.members), "message": f.message, "message_zh": f.message_zh,
            "lever": f.lever, "lever_zh": f.lever_zh}


def run_figures(result: AnalysisResult) -> dict[str, Any]:
    run = result.run
    return {"members": run.members, "outsiders": run.outsiders, "relationships": run.relationships,
            "circles": len(result.circles), "modularity": run.modularity, "at_risk": len(result.at_risk),
            "betweenness_method": run.betweenness.method, "betweenness_error": run.betweenness.error,
            "betweenness_confidence": run.betweenness.confidence, "betweenness_samples": run.betweenness.samples,
            "figures": json.dumps(result.figures, ensure_ascii=False, default=str)}
