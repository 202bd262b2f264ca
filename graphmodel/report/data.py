"""Everything a report shows, gathered from the graph into one ``ReportData``.

Each figure is read through a named query (``graphmodel query NAME``) or the
library call that wrote it, and ``QUERIES`` names the query that reproduces it.

With ``pseudonyms`` the data is pseudonymised here, as it is gathered, so every format
and view of the report shows pseudonyms and no member id or name (``report.pseudonyms``);
the community's display name gives way to its id.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from graphmodel.analysis import load_analysis
from graphmodel.analysis.results import AnalysisResult, CircleEvent, RoleImbalance
from graphmodel.analysis.stored import read_imbalances
from graphmodel.history import TrendPoint
from graphmodel.report.member_views import MemberViews, gather_member_views
from graphmodel.report.pseudonyms import Pseudonyms, pseudonymise

# figure -> the catalogue query that reproduces it (graphmodel query NAME -p community=...)
QUERIES = {
    "size": "community_overview", "leaders": "leaders", "connectors": "connectors", "circles": "circles",
    "circles_without_leader": "circles_without_leader", "imbalances": "imbalances",
    "mismatches": "role_mismatches", "role_mix": "role_mix_per_run", "activity": "activity_distribution",
    "growth": "members_joined_per_month", "cascades": "cascades", "spreaders": "top_spreaders",
    "changes": "role_transitions", "outsiders": "outsiders_bridging_in", "at_risk": "at_risk",
    "circle_events": "circle_events",
    "inviters": "inviters", "channels": "fission_channels", "fraud_flags": "fission_flags",
    "echo": "fission_echo", "real_fission": "fission_quality",
}
LISTED = 20  # rows per ranked list in the report
FLAGGED_LISTED = 200  # flagged inviters listed beside the best ones
AT_RISK_LISTED = 50  # members at risk in the report
TREND_RUNS = 8  # the runs whose circle events the report shows (the report's run and those before it)
EVENTS_PER_RUN = 200  # circle events per run in the report (splits, merges and dissolutions first)


@dataclass
class ReportData:
    community: str
    name: str
    generated_at: datetime
    analysis: AnalysisResult
    overview: dict[str, Any]
    activity: list[dict[str, Any]]
    growth: list[dict[str, Any]]
    circle_ties: list[dict[str, Any]]
    fission: dict[str, Any] | None
    cascades: list[dict[str, Any]]
    cascade_depths: list[dict[str, Any]]
    spreaders: list[dict[str, Any]]
    changes: dict[str, Any]
    role_mix: dict[str, int] = field(default_factory=dict)  # members per primary role in the run
    member_views: MemberViews = field(default_factory=MemberViews)  # ego networks, cascade trees (member_views)
    circle_events: list[CircleEvent] = field(default_factory=list)  # of the last TREND_RUNS runs
    trends: dict[str, list[TrendPoint]] = field(default_factory=dict)  # figure -> its value run by run
    extra: dict[str, Any] = field(default_factory=dict)
    previous_imbalances: list[RoleImbalance] = field(default_factory=list)  # of the run before this one
    # the quality of invitations of the latest fission run: its real-fission figures, the best
    # inviters by quality and every flagged one, channels, fraud signals, internal echo
    invitations: dict[str, Any] = field(default_factory=dict)
    inviters: list[dict[str, Any]] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    fraud_flags: list[dict[str, Any]] = field(default_factory=list)
    echo: list[dict[str, Any]] = field(default_factory=list)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in rows]


def _catalogue(connection, name: str, **params) -> list[dict[str, Any]]:
    return _rows(connection.read(f"query_{name}", **params))


def gather(connection, community: str, run: str | None = None, members: bool = True,
           pseudonyms: Pseudonyms | None = None) -> ReportData:
    """What the report shows; ``members=False`` leaves out every member's roles and every
    circle's member list (the HTML and Markdown reports show neither); ``pseudonyms``
    replaces every member id and name with the member's pseudonym."""
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="report") as pool:
        # the community-wide figures walk every member: read on their own threads meanwhile
        wide = {name: pool.submit(_catalogue, connection, name, community=community, **params) for name, params in (
            ("community_overview", {}), ("activity_distribution", {}), ("members_joined_per_month", {}),
            ("top_spreaders", {"limit": 10}))}
        invitations = pool.submit(_invitations, connection, community)
        data = _gather(connection, community, run, members, wide, invitations)
    if pseudonyms is None:
        return data
    data = replace(data, name=community, overview={**data.overview, "name": community})
    [people] = connection.read("report_members", community=community)
    return pseudonymise(data, community, zip(people["ids"], people["names"]), pseudonyms)


def _gather(connection, community: str, run: str | None, members: bool,
            wide: dict[str, Future[list[dict[str, Any]]]], invitations: Future[dict[str, Any]]) -> ReportData:
    """``gather``'s reads of the run and its history; ``wide``: futures of the community-wide
    catalogue queries by name, ``invitations``: of ``_invitations``."""
    from graphmodel.history import analysis_runs, circle_events, community_role_history, figure_trends, fission_runs

    analysis = load_analysis(connection, community, run, members=members)
    [overview] = wide["community_overview"].result() or [{}]
    runs = fission_runs(connection, community)
    every_run = [r["run"] for r in analysis_runs(connection, community)]
    history = community_role_history(connection, community, only={*every_run[-2:], analysis.run.id})
    changes: dict[str, Any] = {"runs": every_run, "transitions": [], "leaders_gained": [],
                               "leaders_lost": []}
    if len(every_run) >= 2:
        last, previous = every_run[-1], every_run[-2]
        changes["transitions"] = [
            {"from_role": t.from_role, "to_role": t.to_role, "members": t.members, "examples": list(t.examples)}
            for t in history.transitions if t.to_run == last and t.from_run == previous
            and t.from_role != t.to_role]
        for change in history.leaders:
            if change.to_run == last and change.from_run == previous:
                changes["leaders_gained"], changes["leaders_lost"] = list(change.gained), list(change.lost)
        changes["previous_run"] = previous
    cascades = _catalogue(connection, "cascades", community=community, limit=LISTED)
    views = gather_member_views(connection, community, analysis.run.id, analysis.leaders[:LISTED],
                                analysis.connectors[:LISTED], analysis.circles, cascades)
    role_mix = next((dict(m.counts) for m in history.mix if m.run == analysis.run.id), {})
    listed = analysis.run.id in every_run
    position = every_run.index(analysis.run.id) if listed else 0
    previous_imbalances = read_imbalances(connection, every_run[position - 1]) if position > 0 else []
    upto = every_run[:position + 1] if listed else every_run
    events: list[CircleEvent] = []
    per_run: dict[str, int] = {}
    for event in circle_events(connection, community, only=set(upto[-TREND_RUNS:])):
        per_run[event.run_after] = per_run.get(event.run_after, 0) + 1
        if per_run[event.run_after] <= EVENTS_PER_RUN:
            events.append(event)
    data = ReportData(
        community=community, name=overview.get("name") or community,
        generated_at=datetime.now(UTC).replace(microsecond=0), analysis=analysis, overview=overview,
        activity=wide["activity_distribution"].result(), growth=wide["members_joined_per_month"].result(),
        circle_ties=_rows(connection.read("report_circle_ties", run=analysis.run.id)),
        fission=_rows(runs[-1:])[0] if runs else None,
        cascades=cascades, member_views=views,
        cascade_depths=_rows(connection.read("report_cascade_depths", community=community)),
        spreaders=wide["top_spreaders"].result(),
        changes=changes, role_mix=role_mix, previous_imbalances=previous_imbalances, circle_events=events,
        trends=figure_trends(connection, community, until=analysis.run.id), **invitations.result())
    return data


def _invitations(connection, community: str) -> dict[str, Any]:
    """The quality of invitations of the latest fission run (nothing when there is none)."""
    [quality] = _catalogue(connection, "fission_quality", community=community) or [{}]
    best = _catalogue(connection, "inviters", community=community, flagged=False, limit=LISTED)
    flagged = _catalogue(connection, "inviters", community=community, flagged=True, limit=FLAGGED_LISTED)
    listed = {row["member_id"] for row in best}
    return {
        "invitations": quality,
        "inviters": best + [row for row in flagged if row["member_id"] not in listed],
        "channels": _catalogue(connection, "fission_channels", community=community),
        "fraud_flags": _catalogue(connection, "fission_flags", community=community, kind=""),
        "echo": _catalogue(connection, "fission_echo", community=community),
    }
