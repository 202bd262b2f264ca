"""Analyse a community's fission and write the run into the graph (docs/graph-model.md).

A run is a ``(:FissionRun)`` node linked to its community; every cascade of at
least ``min_cascade_size`` members becomes a ``(:Cascade)`` of that run, linked
to its root member: runs are snapshots that stay comparable. Each member in the
forest carries the latest run's ``cascade_root``, ``cascade_generation``,
``cascade_parent``, ``cascade_reach`` and ``cascade_run``; members that left the
forest (an earlier ``--as-of``) lose them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
from typing import Any

import numpy as np

from graphmodel import __version__
from graphmodel.core.errors import UnknownCommunity
from graphmodel.fission.analysis import FissionOptions, FissionResult, FissionSummary, analyze_fission
from graphmodel.fission.cascades import CascadeMetrics
from graphmodel.graph.database import Database

MEMBER_BATCH = 20_000
CASCADE_BATCH = 5_000
Echo = Callable[[str], None]


def fission_summary(connection, community: str, as_of=None,
                    options: FissionOptions | None = None, write: bool = True,
                    echo: Echo = lambda _: None) -> FissionSummary:
    """Analyse the community's fission and (``write``) store it in the graph."""
    result = analyze_fission(connection, community, as_of, options, echo)
    if not write:
        return result.summary
    run = write_fission(connection, result, options or FissionOptions(), echo)
    return replace(result.summary, run=run)


def write_fission(connection: Database, result: FissionResult, options: FissionOptions,
                  echo: Echo = lambda _: None) -> str:
    """Store the run, its cascades and the members' places; returns the run id."""
    summary = result.summary
    run = f"fission-{uuid.uuid4().hex[:16]}"
    started = connection.write(
        "fission_run_start", community=summary.community, run=run, as_of=summary.as_of,
        cutoff=None if result.as_of is None else result.as_of.cutoff, version=__version__,
        options={k: v for k, v in asdict(options).items()},
    )
    if not started:
        raise UnknownCommunity(
            f"no community {summary.community!r} in the graph; load it first "
            "(graphmodel load ... --community ID)")
    forest = result.forest
    members = np.flatnonzero(forest.in_forest)
    echo(f"writing the cascade places of {members.size} members")
    connection.write_batches("fission_member_cascades", _member_rows(result, members),
                             MEMBER_BATCH, community=summary.community, run=run)
    connection.run_auto("fission_member_cascades_clear", community=summary.community, run=run)
    kept = [c for c in result.cascades if c.size >= options.min_cascade_size]
    echo(f"writing {len(kept)} cascades of {options.min_cascade_size}+ members")
    connection.write_batches("fission_cascades_write", (_cascade_row(c) for c in kept),
                             CASCADE_BATCH, community=summary.community, run=run)
    connection.write("fission_run_finish", run=run, figures=run_figures(result))
    return run


def _member_rows(result: FissionResult, members: np.ndarray) -> Iterator[dict[str, Any]]:
    forest = result.forest
    ids = forest.ids
    roots = ids[forest.root[members]]
    parents = forest.parent[members]
    generation = forest.generation[members].tolist()
    reach = (forest.subtree[members] - 1).tolist()
    for i, member in enumerate(members.tolist()):
        yield {"id": str(ids[member]), "root": str(roots[i]), "generation": generation[i],
               "parent": None if parents[i] < 0 else str(ids[parents[i]]), "reach": reach[i]}


def _cascade_row(cascade: CascadeMetrics) -> dict[str, Any]:
    row = asdict(cascade)
    row["breadth"] = list(cascade.breadth)
    row["reproduction"] = list(cascade.reproduction)
    return row


def run_figures(result: FissionResult) -> dict[str, Any]:
    """The summary's headline numbers, as properties of the run node."""
    s = result.summary
    figures: dict[str, Any] = {
        "members_in_cascades": s.members_in_cascades, "shares": s.shares, "reached": s.reached,
        "joins": s.joins, "cascades": s.cascades, "lone_roots": s.lone_roots,
        "largest": s.largest, "max_depth": s.max_depth, "mean_virality": s.mean_virality,
        "deep_cascades": s.deep_cascades, "analysis_run": s.analysis_run,
        "generation_reproduction": list(s.generation_reproduction),
    }
    if s.critical_point is not None:
        figures["critical_period"] = s.critical_point.period
        figures["critical_headcount"] = s.critical_point.headcount
    return figures
