"""Analyse a community's fission and write the run into the graph (docs/graph-model.md).

A run is a ``(:FissionRun)`` node linked to its community; every cascade of at
least ``min_cascade_size`` members becomes a ``(:Cascade)`` of that run, linked
to its root member, and each fraud signal a ``(:FissionFlag)``, each channel a
``(:FissionChannel)`` and each internal echo finding an ``(:EchoFinding)`` of the
run: runs are snapshots that stay comparable. Each member in the forest carries
the latest run's ``cascade_root``, ``cascade_generation``, ``cascade_parent``,
``cascade_reach`` and ``cascade_run``, and each inviter the quality of their
invitations (``inviter_joined``, ``inviter_activated``, ..., ``inviter_flags``,
``inviter_run``); members no longer in the forest or no longer inviters (an
earlier ``--as-of``) lose them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, fields, replace
from typing import Any

import numpy as np

from graphmodel import __version__
from graphmodel.core.collector import full_collections_deferred
from graphmodel.core.errors import UnknownCommunity
from graphmodel.fission.analysis import FissionResult, FissionSummary, analyze_fission
from graphmodel.fission.cascades import CascadeMetrics
from graphmodel.fission.flags import Flag
from graphmodel.fission.options import FissionOptions
from graphmodel.fission.quality import ChannelQuality, inviter_rows
from graphmodel.graph.database import Database
from graphmodel.graph.writers import by_writers

MEMBER_BATCH = 20_000
CASCADE_BATCH = 5_000
Echo = Callable[[str], None]


@full_collections_deferred()
def fission_summary(connection, community: str, as_of=None,
                    options: FissionOptions | None = None, write: bool = True,
                    echo: Echo = lambda _: None, threads: int = 2) -> FissionSummary:
    """Analyse the community's fission and (``write``) store it in the graph (``threads``:
    concurrent writers of the members' figures); Python makes no full garbage collection while
    it runs (``core.collector``)."""
    result = analyze_fission(connection, community, as_of, options, echo)
    if not write:
        return result.summary
    run = write_fission(connection, result, options or FissionOptions(), echo, threads)
    return replace(result.summary, run=run)


def write_fission(connection: Database, result: FissionResult, options: FissionOptions,
                  echo: Echo = lambda _: None, threads: int = 2) -> str:
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
    _by_members(connection, "fission_member_cascades", list(_member_rows(result, members)), threads,
                community=summary.community, run=run)
    connection.run_auto("fission_member_cascades_clear", community=summary.community, run=run)
    kept = [c for c in result.cascades if c.size >= options.min_cascade_size]
    echo(f"writing {len(kept)} cascades of {options.min_cascade_size}+ members")
    connection.write_batches("fission_cascades_write", (_cascade_row(c) for c in kept),
                             CASCADE_BATCH, community=summary.community, run=run)
    if result.quality is not None:
        inviters = _inviter_rows(result)
        echo(f"writing the invitations' quality of {len(inviters)} inviters")
        _by_members(connection, "fission_inviters_write", inviters, threads, community=summary.community, run=run)
        connection.run_auto("fission_inviters_clear", community=summary.community, run=run)
    connection.write("fission_flags_write", community=summary.community, run=run, rows=_flag_rows(summary))
    connection.write("fission_channels_write", community=summary.community, run=run,
                     rows=[_channel_row(c) for c in summary.channels])
    connection.write("fission_echo_write", community=summary.community, run=run,
                     rows=[asdict(f) | {"members": list(f.members), "cascades": list(f.cascades)}
                           for f in summary.echo])
    connection.write("fission_run_finish", run=run, figures=run_figures(result))
    return run


def _by_members(connection, name: str, rows: list[dict[str, Any]], threads: int, **params: Any) -> None:
    """Write ``rows`` (one per member, in member order) in batches of MEMBER_BATCH, by
    ``threads`` writers that each take their own consecutive share of the members."""
    by_writers(len(rows), lambda start, stop: connection.write_batches(name, rows[start:stop], MEMBER_BATCH,
                                                                        **params), threads)


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


def _inviter_rows(result: FissionResult) -> list[dict[str, Any]]:
    """One row per member credited with a join or flagged: the figures ``fission_inviters_write`` sets."""
    forest, quality = result.forest, result.quality
    assert quality is not None
    joins = np.bincount(quality.inviter[quality.invitees], minlength=forest.ids.size)
    members = sorted(set(np.flatnonzero(joins > 0).tolist()) | set(result.flags))
    return [{"id": row.member, "invited": row.invited, "joined": q.joined, "activated": q.activated,
             "retained": q.retained, "eligible": q.retention_eligible, "retained_long": q.retained_long,
             "eligible_long": q.retention_long_eligible, "left": q.left, "left_soon": q.left_soon,
             "downstream_joins": q.downstream_joins, "became_leader": q.became_leader,
             "flags": [f.kind for f in row.flags]}
            for row in inviter_rows(forest, quality, result.classes, members, dict(result.flags))
            for q in (row.quality,)]


def _flag_rows(summary: FissionSummary) -> list[dict[str, Any]]:
    rows = [_flag_row(f) | {"member": inviter.member, "channel": None}
            for inviter in summary.flagged for f in inviter.flags]
    rows += [_flag_row(f) | {"member": None, "channel": channel.channel}
             for channel in summary.channels for f in channel.flags]
    return rows


def _flag_row(flag: Flag) -> dict[str, Any]:
    return {"kind": flag.kind, "label": flag.label, "label_zh": flag.label_zh, "evidence": flag.evidence,
            "evidence_zh": flag.evidence_zh, "members": list(flag.members)}


def _channel_row(channel: ChannelQuality) -> dict[str, Any]:
    q = channel.quality
    return {"channel": channel.channel, "sharers": channel.sharers, "shares": channel.shares,
            "invited": channel.invited, "joined": q.joined, "activated": q.activated, "retained": q.retained,
            "eligible": q.retention_eligible, "retained_long": q.retained_long,
            "eligible_long": q.retention_long_eligible, "left": q.left, "left_soon": q.left_soon,
            "downstream_joins": q.downstream_joins, "became_leader": q.became_leader,
            "flagged_joins": channel.flagged_joins, "flags": [f.kind for f in channel.flags]}


def _cascade_row(cascade: CascadeMetrics) -> dict[str, Any]:
    # a shallow copy: ``asdict`` deep-copies every value, seconds at a million members
    row = {f.name: getattr(cascade, f.name) for f in fields(cascade)}
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
    if s.activated_critical_point is not None:
        figures["activated_critical_period"] = s.activated_critical_point.period
        figures["activated_critical_headcount"] = s.activated_critical_point.headcount
    if s.invitations is not None:
        q = s.invitations
        figures.update({"activated_joins": q.activated, "activation_rate": q.activation_rate,
                        "retention_rate": q.retention_rate, "left_share": q.left_share,
                        "community_retention": s.community_retention})
    for kind in s.share_kinds:
        figures[f"{kind.kind}_joins"] = kind.joins
        figures[f"{kind.kind}_activated"] = kind.activated
    figures["flagged_inviters"] = len(s.flagged)
    figures["echo_findings"] = len(s.echo)
    return figures
