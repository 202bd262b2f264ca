"""Change over time: role transitions between analysis runs, leaders gained and
lost, the role mix per run, a member's role history, fission runs over time, what
became of the circles from run to run (``circle_events``) and the headline figures
run by run (``figure_trends``).

Each analysis run writes inferred roles (``HAS_ROLE {source: 'inferred', run}``).
Runs are ordered by the time they looked from (their ``as_of``, else their
start). A member holding several roles in a run is counted under the first of
``ROLE_PRECEDENCE`` they hold (their primary role), so a seed user who became a
follower shows as seed_user -> follower and a leader gone quiet as leader ->
lurker; ``NO_ROLE`` marks a member without an inferred role in a run (not yet
joined, or left). Leaders gained and lost look at the leader role itself.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from graphmodel.core.asof import AsOf, parse_as_of
from graphmodel.core.model import roles
from graphmodel.graph.database import Database

if TYPE_CHECKING:
    from graphmodel.analysis.results import CircleEvent

ROLE_PRECEDENCE = ("manager", "leader", "executor", "connector", "contributor", "follower",
                   "participant", "seed_user", "lurker")
NO_ROLE = "(none)"
EXAMPLES = 5


@dataclass(frozen=True)
class RoleSnapshot:
    """The inferred roles of one analysis run: role -> member ids."""

    run: str
    seen: datetime
    members_by_role: Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class RoleMix:
    """Members per primary role in one run (``counts`` in ``ROLE_PRECEDENCE`` order)."""

    run: str
    seen: datetime
    members: int
    counts: dict[str, int]


@dataclass(frozen=True)
class RoleTransition:
    """Members whose primary role went from ``from_role`` to ``to_role`` between two runs."""

    from_run: str
    to_run: str
    from_role: str
    to_role: str
    members: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class LeaderChange:
    """Leaders gained and lost from one run to the next."""

    from_run: str
    to_run: str
    kept: int
    gained: tuple[str, ...]
    lost: tuple[str, ...]


@dataclass(frozen=True)
class RoleHistory:
    """Role change of a community across its analysis runs, oldest first."""

    community: str
    runs: tuple[str, ...]
    mix: tuple[RoleMix, ...]
    transitions: tuple[RoleTransition, ...]
    leaders: tuple[LeaderChange, ...]


@dataclass(frozen=True)
class MemberRoleStep:
    run: str
    seen: datetime
    roles: tuple[str, ...]
    primary: str


@dataclass(frozen=True)
class MemberRoleHistory:
    """One member's inferred roles run by run, and the primary-role changes."""

    community: str
    member: str
    steps: tuple[MemberRoleStep, ...]

    @property
    def path(self) -> tuple[str, ...]:
        """The primary roles, consecutive repeats folded: e.g. seed_user, follower, leader."""
        folded: list[str] = []
        for step in self.steps:
            if not folded or folded[-1] != step.primary:
                folded.append(step.primary)
        return tuple(folded)


def primary_role(held: Sequence[str]) -> str:
    """The first of ``ROLE_PRECEDENCE`` in ``held`` (NO_ROLE when none)."""
    for role in ROLE_PRECEDENCE:
        if role in held:
            return role
    return held[0] if held else NO_ROLE


def role_history(community: str, snapshots: Sequence[RoleSnapshot]) -> RoleHistory:
    """Transitions, leader changes and role mix of ``snapshots`` (oldest first)."""
    every = [m for s in snapshots for members in s.members_by_role.values() for m in members]
    ids = np.unique(np.array(every, dtype=str)) if every else np.zeros(0, dtype=str)
    names = ROLE_PRECEDENCE + tuple(sorted({r for s in snapshots for r in s.members_by_role}
                                           - set(ROLE_PRECEDENCE))) + (NO_ROLE,)
    none = len(names) - 1
    primaries, leaders = [], []
    for snapshot in snapshots:
        code = np.full(ids.size, none, dtype=np.int64)
        for role in reversed(names[:-1]):  # the first in precedence is written last and wins
            members = snapshot.members_by_role.get(role, ())
            if len(members):
                code[np.searchsorted(ids, np.array(members, dtype=str))] = names.index(role)
        primaries.append(code)
        leader = np.zeros(ids.size, dtype=bool)
        members = snapshot.members_by_role.get("leader", ())
        if len(members):
            leader[np.searchsorted(ids, np.array(members, dtype=str))] = True
        leaders.append(leader)
    mix = tuple(
        RoleMix(s.run, s.seen, int((code != none).sum()),
                {names[k]: int(c) for k, c in enumerate(np.bincount(code, minlength=len(names)))
                 if k != none})
        for s, code in zip(snapshots, primaries))
    transitions: list[RoleTransition] = []
    changes: list[LeaderChange] = []
    for i in range(1, len(snapshots)):
        before, after = primaries[i - 1], primaries[i]
        moved = np.flatnonzero(before != after)
        keys = before[moved] * len(names) + after[moved]
        step = []
        for key in np.unique(keys):
            who = moved[keys == key]
            step.append(RoleTransition(
                snapshots[i - 1].run, snapshots[i].run, names[key // len(names)],
                names[key % len(names)], int(who.size),
                tuple(str(ids[m]) for m in who[:EXAMPLES])))
        transitions.extend(sorted(step, key=lambda t: (-t.members, t.from_role, t.to_role)))
        was, now = leaders[i - 1], leaders[i]
        changes.append(LeaderChange(
            snapshots[i - 1].run, snapshots[i].run, int((was & now).sum()),
            tuple(str(m) for m in ids[now & ~was]), tuple(str(m) for m in ids[was & ~now])))
    return RoleHistory(community, tuple(s.run for s in snapshots), mix, tuple(transitions),
                       tuple(changes))


# reading the graph -----------------------------------------------------------------

def analysis_runs(connection: Database, community: str,
                  as_of: AsOf | str | None = None) -> list[dict[str, Any]]:
    """The community's analysis runs, oldest first: run, seen, as_of, started_at."""
    as_of = parse_as_of(as_of)
    return connection.read("history_runs", community=community,
                           cutoff=None if as_of is None else as_of.cutoff)


def read_role_snapshots(connection: Database, community: str, as_of: AsOf | str | None = None,
                        only: Collection[str] | None = None) -> list[RoleSnapshot]:
    """The inferred roles of every analysis run (before ``as_of``; of those ``only``), oldest first."""
    runs = analysis_runs(connection, community, as_of)
    if only is not None:
        runs = [r for r in runs if r["run"] in only]
    rows = connection.read("history_inferred_roles", community=community,
                           runs=[r["run"] for r in runs])
    by_run: dict[str, dict[str, list[str]]] = {r["run"]: {} for r in runs}
    for row in rows:
        by_run[row["run"]][row["role"]] = row["members"]
    return [RoleSnapshot(r["run"], r["seen"].to_native(), by_run[r["run"]]) for r in runs]


def community_role_history(connection: Database, community: str, as_of: AsOf | str | None = None,
                           only: Collection[str] | None = None) -> RoleHistory:
    """Role transitions, leaders gained and lost and the role mix across analysis runs
    (of those ``only``)."""
    return role_history(community, read_role_snapshots(connection, community, as_of, only))


def member_role_history(connection: Database, community: str, member: str,
                        as_of: AsOf | str | None = None) -> MemberRoleHistory:
    """One member's inferred roles in each analysis run (before ``as_of``)."""
    runs = analysis_runs(connection, community, as_of)
    rows = connection.read("history_member_roles", community=community, member=member,
                           runs=[r["run"] for r in runs])
    held = {row["run"]: tuple(_in_precedence(row["roles"])) for row in rows}
    steps = tuple(MemberRoleStep(r["run"], r["seen"].to_native(), held.get(r["run"], ()),
                                 primary_role(held.get(r["run"], ())))
                  for r in runs)
    return MemberRoleHistory(community, member, steps)


def fission_runs(connection: Database, community: str) -> list[dict[str, Any]]:
    """The community's fission runs, oldest first, with their headline figures."""
    return connection.read("history_fission_runs", community=community)


def circle_events(connection: Database, community: str, as_of: AsOf | str | None = None,
                  only: Collection[str] | None = None) -> list[CircleEvent]:
    """What became of the circles between consecutive analysis runs (those before ``as_of``;
    of those ``only``): the events each run found against the run before it, oldest first."""
    from graphmodel.analysis.evolution import event_from_row

    runs = [r["run"] for r in analysis_runs(connection, community, as_of)]
    if only is not None:
        runs = [r for r in runs if r in only]
    by_run: dict[str, list[CircleEvent]] = {run: [] for run in runs}
    for row in connection.read("analysis_circle_events_read", runs=runs):
        event = event_from_row(row["event"])
        by_run[event.run_after].append(event)
    return [event for run in runs for event in by_run[run]]


@dataclass(frozen=True)
class TrendPoint:
    """A figure's value in one run (``seen``: the time the run looked from)."""

    run: str
    seen: datetime
    value: float | int | None


# the figures a report shows, from each analysis run's record
ANALYSIS_TRENDS = ("members", "active_share", "lurker_share", "leaders", "circles", "retention", "at_risk",
                   "departed")
# and from each fission run's record (named fission_<figure>)
FISSION_TRENDS = ("cascades", "reached", "joins", "largest", "max_depth", "mean_virality", "critical_headcount")


def figure_trends(connection: Database, community: str, until: str | None = None) -> dict[str, list[TrendPoint]]:
    """Each headline figure run by run, oldest first: the finished analysis runs (up to the run
    ``until``, when given) and the fission runs that looked from no later than it."""
    runs = connection.read("history_run_figures", community=community)
    if until is not None and until in {r["run"] for r in runs}:
        runs = runs[:[r["run"] for r in runs].index(until) + 1]
    trends: dict[str, list[TrendPoint]] = {name: [] for name in ANALYSIS_TRENDS}
    for row in runs:
        figures = json.loads(row["figures"] or "{}")
        values = {"members": row["members"], "circles": row["circles"],
                  "at_risk": row["at_risk"] if row["at_risk"] is not None else figures.get("at_risk"),
                  "active_share": figures.get("active_share"), "lurker_share": figures.get("lurker_share"),
                  "leaders": figures.get("leaders"), "departed": figures.get("departed"),
                  "retention": (figures.get("overall") or {}).get("retention")}
        seen = _native(row["seen"])
        for name in ANALYSIS_TRENDS:
            trends[name].append(TrendPoint(row["run"], seen, values[name]))
    last = _native(runs[-1]["seen"]) if runs and until is not None else None
    for name in FISSION_TRENDS:
        trends["fission_" + name] = []
    for row in fission_runs(connection, community):
        seen = _seen(row)
        if last is not None and seen > last:
            continue
        for name in FISSION_TRENDS:
            trends["fission_" + name].append(TrendPoint(row["run"], seen, row.get(name)))
    return trends


def _seen(row: dict[str, Any]) -> datetime:
    """When a fission run looked from: its as_of (a date: the end of that day), else its start."""
    from datetime import UTC, date, timedelta

    value = _native(row.get("as_of"))
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC) + timedelta(days=1)
    if isinstance(value, str):
        try:
            return _seen({"as_of": datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)})
        except ValueError:
            pass
    return _native(row["started_at"])


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def _in_precedence(held: Sequence[str]) -> list[str]:
    rank = {role: i for i, role in enumerate(ROLE_PRECEDENCE)}
    return sorted(held, key=lambda r: (rank.get(r, len(rank)), r))


def role_label(role: str, lang: str = "en") -> str:
    """A role's name in English or Chinese (NO_ROLE as is)."""
    known = roles().get(role)
    return known.label(lang) if known else role
