"""``analyze``: the whole analysis of one community, end to end, written back to the graph.

    from graphmodel.analysis import AnalysisOptions, analyze, load_analysis
    result = analyze(connection, "camp-7", AnalysisOptions())
    again = load_analysis(connection, "camp-7")   # the same, read back from the graph
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

import graphmodel
from graphmodel.analysis import brokerage, imbalance
from graphmodel.analysis import circles as circle_ops
from graphmodel.analysis import roles as role_ops
from graphmodel.analysis.arrays import positions
from graphmodel.analysis.at_risk import find_at_risk
from graphmodel.analysis.betweenness import BetweennessPrecision
from graphmodel.analysis.evolution import link_circles
from graphmodel.analysis.metrics import (
    AlgorithmFigures,
    MemberTable,
    attach_gds_values,
    betweenness_shares,
    read_members,
    run_algorithms,
)
from graphmodel.analysis.options import AnalysisOptions
from graphmodel.analysis.projection import GraphSize, projected
from graphmodel.analysis.results import AnalysisResult, AnalysisRunInfo, Circle, MemberRoles, RankedMember
from graphmodel.analysis.store import circle_rows, member_columns, run_figures, write_analysis, write_circles
from graphmodel.analysis.window import MS_PER_DAY, AnalysisWindow, analysis_window
from graphmodel.core.asof import AsOf, parse_as_of
from graphmodel.core.collector import full_collections_deferred
from graphmodel.core.errors import UnknownCommunity
from graphmodel.core.owner import new_owner, owner_is_gone
from graphmodel.fission.forest import ShareEdges, build_forest
from graphmodel.graph.database import Database, ServerInfo

RETENTION_DAYS = 60


@full_collections_deferred()
def analyze(connection: Database, community: str, options: AnalysisOptions | None = None,
            as_of: AsOf | str | date | None = None, echo: Callable[[str], None] = lambda _: None,
            write: bool = True, threads: int = 2) -> AnalysisResult:
    """Analyse ``community`` (as of ``as_of``, else as of its latest recorded time) and, with
    ``write``, store the run and its results in the graph, and match its circles to those of
    the runs before and after it in time order (docs/analysis.md). ``threads``: concurrent GDS
    searches and writes. Python makes no full garbage collection while it runs
    (``core.collector``)."""
    options = options or AnalysisOptions()
    moment = parse_as_of(as_of)
    cutoff = moment.cutoff if moment else None
    info = connection.info
    window = analysis_window(connection, community, moment, options, keep=write)
    run = f"{community}/a-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    if write:
        remove_abandoned_runs(connection, community, echo)
        started = connection.write("analysis_run_start", run=run, owner=new_owner(), community=community,
                                   as_of=cutoff,
                                   parameters=json.dumps(options.as_dict(), ensure_ascii=False),
                                   neo4j_version=info.neo4j_version, gds_version=info.gds_version,
                                   version=graphmodel.__version__)
        if not started:
            raise UnknownCommunity(f"community {community!r} is not in the graph; load it first "
                                   f"(graphmodel load csv DIR --community {community})")
    try:
        # the member table and the shares are read on their own threads while GDS works (two more
        # wait for them: the shares between members, then the graph's size); the algorithms that
        # need no circles take one more, betweenness one (its parts have threads of their own)
        with ThreadPoolExecutor(max_workers=6, thread_name_prefix="analysis") as pool:
            members = pool.submit(read_members, connection, community, cutoff, window)
            shares = pool.submit(connection.read, "analysis_shares", community=community, cutoff=cutoff)
            edges = pool.submit(lambda: member_shares(shares.result()[0], members.result()))
            sized = pool.submit(lambda: analysed_size(members.result(), edges.result()))
            echo(f"projecting {community!r} into GDS")
            with projected(connection, community, options, cutoff, window) as graph:
                gds_figures, gds_values, exact = run_algorithms(connection, graph, sized, options, echo, pool)
                table = members.result()
                attach_gds_values(table, gds_values)
                # what needs no betweenness is computed while it is found (GDS's exact one, or the
                # estimate, whose searches release the interpreter)
                betweenness = pool.submit(betweenness_shares, table, options, exact)
                circles, members_by_circle = _circles(table, gds_figures, options)
                reach = _brokerage(table, options)
                circles_to_write = circle_rows(table, circles) if write else None
                gds_figures.deepest_chain = deepest_invitation_chain(edges.result(), table)
                table.values["betweenness"], precision = betweenness.result()
            size = sized.result()
        echo(f"roles and imbalances for {len(table):,} members and outsiders")
        # the circles and their memberships need no roles: they are written while the roles are inferred
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis-circles") as writer:
            circles_written = (writer.submit(write_circles, connection, community, run, circles_to_write, threads)
                               if circles_to_write is not None else None)
            result, columns, roles = _interpret(table, gds_figures, circles, members_by_circle, reach, options,
                                                run, community, info, moment, size, precision, window)
            if circles_written is not None:
                circles_written.result()
        finished_at = datetime.now(UTC)
        if write:
            echo("writing results back to the graph")
            write_analysis(connection, community, result, table, columns, roles, threads)
            echo("matching the circles to those of the runs before and after in time order")
            result = replace(result, circle_events=link_circles(connection, community, run, result.circles,
                                                                options.circle_match))
            [row] = connection.write("analysis_run_finish", run=run, status="done", figures=run_figures(result))
            finished_at = row["finished_at"].to_native()
        return replace(result, run=replace(result.run, finished_at=finished_at))
    except BaseException:
        if write:
            _ABANDONED_HERE.add(run)
            try:
                connection.write("analysis_run_finish", run=run, status="failed", figures={})
            except Exception:  # the server is gone: the next run cleans up after this one
                pass
        raise


# runs this process started and gave up (their record may still say 'running')
_ABANDONED_HERE: set[str] = set()


def remove_abandoned_runs(connection, community: str, echo: Callable[[str], None] = lambda _: None) -> list[str]:
    """Remove what unfinished runs left: runs that failed or whose process is gone.

    A run killed half-way (its process, or the server) may have written part of its
    roles, circles and findings; removing them makes the next run leave exactly the
    graph an uninterrupted run leaves. Runs still in progress elsewhere are kept.
    """
    runs = [r["run"] for r in connection.read("analysis_runs_unfinished", community=community)
            if r["status"] == "failed" or r["run"] in _ABANDONED_HERE or owner_is_gone(r["owner"])]
    if runs:
        echo(f"removing what {len(runs)} unfinished analysis run(s) left: {', '.join(runs)}")
        connection.run_auto("analysis_abandoned_ties_delete", community=community, runs=runs)
        connection.write("analysis_abandoned_delete", community=community, runs=runs)
        _ABANDONED_HERE.difference_update(runs)
    return runs


def _circles(table: MemberTable, gds: AlgorithmFigures, options: AnalysisOptions,
             ) -> tuple[list[Circle], dict[int, np.ndarray]]:
    """The circles (Leiden's communities renumbered, ``circles.assign_circles``) with their
    cohesion, leaders not yet known; and the members of each (table indexes, -1: in none)."""
    circle_ops.assign_circles(table, options.min_circle_size, eligible=~table.departed)
    members_by_circle = circle_ops.circle_members(table)
    conductance = {}
    leiden_to_circle = {int(raw): int(cid) for raw, cid in
                        zip(table.values["circle"].astype(np.int64), table.values["circle_id"]) if cid >= 0}
    for raw, value in gds.conductance.items():
        if int(raw) in leiden_to_circle:
            conductance[leiden_to_circle[int(raw)]] = value
    density = circle_ops.densities(table)
    circles = [Circle(cid, len(idx), tuple(table.ids[i] for i in idx), None, conductance.get(cid), density.get(cid))
               for cid, idx in sorted(members_by_circle.items()) if cid >= 0]
    return circles, members_by_circle


def _brokerage(table: MemberTable, options: AnalysisOptions) -> np.ndarray:
    """Each member's participation, within-circle z-score and Guimerà-Amaral role (into the
    table); returns how many circles each member's ties reach."""
    brokerage.participation_and_z(table)
    brokerage.ga_roles(table, options.thresholds)
    return brokerage.neighbour_circles(table)


def _interpret(table: MemberTable, gds: AlgorithmFigures, circles: list[Circle],
               members_by_circle: dict[int, np.ndarray], reach: np.ndarray, options: AnalysisOptions, run: str,
               community: str, info: ServerInfo, moment: AsOf | None, size: GraphSize,
               precision: BetweennessPrecision,
               window: AnalysisWindow) -> tuple[AnalysisResult, dict[str, list[Any]], list[list[str]]]:
    """Roles, leaders and connectors, the circles' leaders, figures, imbalances and the members
    at risk (``circles`` from ``_circles``, ``reach`` from ``_brokerage``)."""
    inferred = role_ops.infer_roles(table, options)
    days = window.window_days

    leaders_idx = np.flatnonzero(inferred.leader)
    leaders_idx = leaders_idx[np.argsort(-inferred.leader_score[leaders_idx], kind="stable")]
    evidence: dict[int, tuple[str, str]] = {}
    leaders = []
    influence, betweenness = (np.nan_to_num(table.values[name]) for name in ("influence", "betweenness"))
    for rank, i in enumerate(leaders_idx.tolist(), start=1):
        evidence[i] = role_ops.leader_evidence(table, i, int(reach[i]), days)
        leaders.append(_ranked(table, i, float(inferred.leader_score[i]), rank, evidence[i], influence, betweenness))
    top = betweenness.max() if len(betweenness) and betweenness.max() > 0 else 1.0
    connectors_idx = np.flatnonzero(inferred.connector)
    connectors_idx = connectors_idx[np.argsort(-betweenness[connectors_idx], kind="stable")]
    connectors = []
    bridging: dict[int, tuple[str, str]] = {}
    for rank, i in enumerate(connectors_idx.tolist(), start=1):
        bridging[i] = role_ops.connector_evidence(table, i, int(reach[i]))
        connectors.append(_ranked(table, i, float(betweenness[i] / top), rank, bridging[i], influence, betweenness))

    with_leaders = []
    for circle in circles:
        idx = members_by_circle[circle.circle_id]
        in_circle_leaders = idx[inferred.leader[idx]]
        leader = (table.ids[in_circle_leaders[np.argmax(inferred.leader_score[in_circle_leaders])]]
                  if len(in_circle_leaders) else None)
        with_leaders.append(replace(circle, leader=leader))
    circles = with_leaders

    roles = {m: MemberRoles(m, tuple(held), tuple(said)) for m, held, said in zip(table.ids, inferred.roles, table.declared)}
    figures = _figures(table, inferred, window)
    shape = _shape(table, inferred, circles, members_by_circle, gds, figures, options, window)
    findings = imbalance.find_imbalances(shape, options.thresholds)
    figures.update({"deepest_chain": gds.deepest_chain, "fragments": gds.fragments, "degeneracy": gds.degeneracy,
                    "bridges": len(gds.bridges), "pagerank_iterations": gds.pagerank_iterations,
                    "leaders": len(leaders), "connectors": len(connectors),
                    "mismatches": _count(m.kind for m in inferred.mismatches)})
    at_risk = find_at_risk(table, inferred.leader, members_by_circle, options, window)
    figures["at_risk"] = len(at_risk)
    run_info = AnalysisRunInfo(
        id=run, community=community, started_at=datetime.now(UTC), finished_at=None,
        as_of=moment.cutoff if moment else None, parameters=options.as_dict(),
        neo4j_version=info.neo4j_version, gds_version=info.gds_version,
        members=int(table.current.sum()), outsiders=int((~table.is_member).sum()),
        relationships=size.relationships, modularity=gds.modularity,
        betweenness=precision)
    result = AnalysisResult(run_info, leaders, connectors, circles, roles, inferred.mismatches, findings, figures,
                            at_risk)
    mismatch: dict[int, list[str]] = {}
    position = {m: i for i, m in enumerate(table.ids)}
    for m in inferred.mismatches:
        mismatch.setdefault(position[m.member_id], []).append(m.kind)
    columns = member_columns(table, inferred.roles, inferred.leader_score, evidence, bridging, mismatch,
                             inferred.active & table.current)
    return result, columns, inferred.roles


def analysed_size(table: MemberTable, shares: ShareEdges) -> GraphSize:
    """The size of the graph analysed, from what was read for it: the members and outsiders
    there at the cutoff, their interactions before it and the shares between them
    (``member_shares``). Without a cutoff, what ``projection.graph_size`` counts."""
    return GraphSize(len(table), int(table.counts["sent"].sum()) + len(shares.source))


def member_shares(row: dict[str, list], table: MemberTable) -> ShareEdges:
    """Shares read by node (``analysis_shares``) as edges between the table's members and outsiders.

    Reading node ids instead of member ids spares the server two property reads per share
    and the client sorting the ids; the table is in member id order, as ``ShareEdges`` wants.
    A share with an end outside the table (who joined after the cutoff) is left out.
    """
    (source, found_source), (target, found_target) = (
        positions(table.node, np.asarray(row[end], np.int64)) for end in ("sources", "targets"))
    keep = found_source & found_target
    return ShareEdges(np.array(table.ids, dtype=str), source[keep], target[keep],
                      np.asarray(row["at"], np.int64)[keep], np.asarray(row["joined"], bool)[keep])


def deepest_invitation_chain(shares: ShareEdges, table: MemberTable) -> list[str]:
    """The longest chain of invitations down to a member (earliest share wins), root first.

    ``shares`` are between the table's nodes (``member_shares``), so a forest index is a
    table index.
    """
    forest = build_forest(shares)
    reached = np.flatnonzero((forest.generation > 0) & table.is_member)
    if not reached.size:
        return []
    deepest = reached[np.argmax(forest.generation[reached])]  # the first, by id, of the deepest
    ids = forest.ids
    return [str(ids[i]) for i in reversed(forest.path_to_root(int(deepest)))]


def _ranked(table: MemberTable, i: int, score: float, rank: int, evidence: tuple[str, str],
            influence: np.ndarray, betweenness: np.ndarray) -> RankedMember:
    """A leader or connector with its figures (``influence``, ``betweenness``: NaN as 0)."""
    v = table.values
    return RankedMember(
        member_id=table.ids[i], name=table.names[i], score=round(score, 6), rank=rank,
        evidence=evidence[0], evidence_zh=evidence[1], external=not bool(table.is_member[i]),
        metrics={"influence": float(influence[i]), "betweenness": float(betweenness[i]),
                 "participation": float(v["participation"][i]), "within_module_z": float(v["within_z"][i]),
                 "addressed_by": int(table.counts["received_from"][i]),
                 "circle": int(v["circle_id"][i])})


def _count(items) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return counts


def _figures(table: MemberTable, inferred, window: AnalysisWindow) -> dict[str, Any]:
    """Activity in the window and retention, overall, by entry threshold and by offline-event
    attendance. Members who left are not current members, and count as not retained."""
    member = table.current
    sent = table.counts["sent_window"]
    last = table.last_active_ms
    end = window.end_ms
    span = RETENTION_DAYS * MS_PER_DAY
    eligible = table.is_member & (table.joined_ms >= 0) & (table.joined_ms <= end - span)
    retained = (last >= end - span) & ~table.departed

    def group(mask) -> dict[str, Any]:
        chosen = mask & member
        base = mask & eligible
        return {"members": int(chosen.sum()),
                "active_share": round(float(inferred.active[chosen].mean()), 4) if chosen.any() else None,
                "interactions_per_member": round(float(sent[chosen].mean()), 3) if chosen.any() else None,
                "retention": round(float(retained[base].mean()), 4) if base.any() else None,
                "retention_basis": int(base.sum())}

    thresholds = np.array([t or "none" for t in table.threshold])
    attended = table.counts["offline_events"] > 0
    n = max(int(member.sum()), 1)
    return {
        "active_share": round(float(inferred.active[member].sum() / n), 4),
        "lurker_share": round(float((member & (sent == 0)).sum() / n), 4),
        "departed": int((table.is_member & table.departed).sum()),
        "window": window.describe(),
        "retention_window_days": RETENTION_DAYS,
        "overall": group(np.ones(len(table), bool)),
        "by_threshold": {str(t): group(thresholds == t) for t in sorted(set(thresholds[member]))},
        "by_offline_events": {"attended": group(attended), "did_not_attend": group(~attended)},
    }


def _shape(table: MemberTable, inferred, circles: list[Circle], members_by_circle: dict[int, np.ndarray],
           gds: AlgorithmFigures, figures: dict, options: AnalysisOptions,
           window: AnalysisWindow) -> imbalance.CommunityShape:
    member = table.current
    roles = inferred.roles
    novice = table.joined_ms >= window.end_ms - options.thresholds.novice_days * MS_PER_DAY
    declared_manager = np.array(["manager" in said for said in table.declared], bool)
    manager, executor = (np.array([name in held for held in roles], bool) for name in ("manager", "executor"))
    active = inferred.active
    shapes = []
    for c in circles:
        idx = members_by_circle[c.circle_id]
        shapes.append(imbalance.CircleShape(
            c.circle_id, c.members, c.leader, int(novice[idx].sum()), int(declared_manager[idx].sum()),
            int(active[idx].sum()), int((active[idx] & declared_manager[idx]).sum()), int(executor[idx].sum())))
    circle = table.values["circle_id"]
    bridges = []
    if gds.bridges:
        ends = np.asarray(gds.bridges, np.int64)
        (ia, found_a), (ib, found_b) = positions(table.node, ends[:, 0]), positions(table.node, ends[:, 1])
        for a, b in zip(ia[found_a & found_b].tolist(), ib[found_a & found_b].tolist()):
            if circle[a] >= 0 and circle[b] >= 0 and circle[a] != circle[b] and member[a] and member[b]:
                bridges.append((table.ids[a], table.ids[b], int(circle[a]), int(circle[b])))
    lone: dict[str, list[int]] = {}  # circles tied to the rest of the community through one member only
    crossing = (circle[table.tie_a] >= 0) & (circle[table.tie_a] != circle[table.tie_b])
    inner, outer = table.tie_a[crossing], table.tie_b[crossing]
    singles = [circle_ops.only_end(circle[inner], ends, len(table)) for ends in (inner, outer)]
    for c in np.unique(circle[inner]):
        for single in singles:
            only = single.get(int(c))
            if only is not None and member[only]:
                circles_held = lone.setdefault(table.ids[only], [])
                if int(c) not in circles_held:
                    circles_held.append(int(c))
    return imbalance.CommunityShape(
        members=int(member.sum()),
        leaders=tuple(table.ids[i] for i in np.flatnonzero(inferred.leader)),
        active=int((inferred.active & member).sum()),
        lurkers=int((member & (table.counts["sent_window"] == 0)).sum()),
        managers=tuple(table.ids[i] for i in np.flatnonzero(manager)),
        executors=tuple(table.ids[i] for i in np.flatnonzero(executor)),
        circles=tuple(shapes), deepest_chain=tuple(gds.deepest_chain),
        circle_bridges=tuple(bridges), lone_connectors=tuple((m, tuple(c)) for m, c in lone.items()),
        figures=figures)
