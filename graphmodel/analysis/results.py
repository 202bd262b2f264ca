"""Typed results of an analysis run.

``graphmodel.analysis.analyze(...)`` returns an ``AnalysisResult`` and writes it back;
``graphmodel.analysis.load_analysis(connection, community, run=None)`` reads the latest (or a
given) run back into the same objects, which is what reports use. docs/graph-model.md says
where each result lives in the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graphmodel.analysis.betweenness import EXACT, BetweennessPrecision
from graphmodel.core.tables import Rows

SEVERITIES = ("info", "low", "medium", "high")


@dataclass(frozen=True)
class AnalysisRunInfo:
    id: str
    community: str
    started_at: datetime
    finished_at: datetime | None
    as_of: Any  # date | datetime | None
    parameters: dict[str, Any]
    neo4j_version: str
    gds_version: str
    members: int
    outsiders: int
    relationships: int
    modularity: float | None
    betweenness: BetweennessPrecision = EXACT  # how the connectors' betweenness was found


@dataclass(frozen=True)
class RankedMember:
    """A leader or connector: a member with a score and the evidence in words."""

    member_id: str
    name: str | None
    score: float
    rank: int
    evidence: str           # English
    evidence_zh: str
    external: bool = False  # an outsider (connectors only)
    metrics: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Circle:
    circle_id: int
    size: int
    members: tuple[str, ...]
    leader: str | None       # member id, None when the circle has no leader
    conductance: float | None
    density: float | None


@dataclass(frozen=True)
class MemberRoles:
    member_id: str
    inferred: tuple[str, ...]   # canonical role names (graphmodel.core.model.roles())
    declared: tuple[str, ...]


@dataclass(frozen=True)
class RoleMismatch:
    """A declared role the structure contradicts, or an influential member without one."""

    member_id: str
    kind: str              # 'paper_leader' | 'hidden_leader' | ... (see analysis.roles)
    declared: tuple[str, ...]
    inferred: tuple[str, ...]
    evidence: str


@dataclass(frozen=True)
class RoleImbalance:
    rule: str              # stable id, e.g. 'leaders_per_member'
    observed: float | str
    expected: str          # the range in words, e.g. '5-6 per 500 members'
    severity: str          # one of SEVERITIES
    members: tuple[str, ...]
    message: str
    message_zh: str
    lever: str
    lever_zh: str


@dataclass(frozen=True)
class AtRiskReason:
    """Why a member may be slipping away, in words, with what an operator can do about it."""

    kind: str              # one of analysis.at_risk.KINDS
    evidence: str
    evidence_zh: str
    lever: str
    lever_zh: str


@dataclass(frozen=True)
class AtRiskMember:
    """A member at risk of leaving, ranked by what is at stake (``score``: members who depend
    on them for a leader gone quiet; at most a few points otherwise)."""

    member_id: str
    name: str | None
    score: float
    reasons: tuple[AtRiskReason, ...]
    circles: tuple[int, ...]   # the circles concerned: the member's, and those that depend on them


@dataclass(frozen=True)
class CircleEvent:
    """What became of circles between two runs in time order (``analysis.evolution``)."""

    event: str                      # form, continue, grow, shrink, split, merge or dissolve
    before: tuple[int, ...]         # circle ids in ``run_before``
    after: tuple[int, ...]          # circle ids in ``run_after``
    overlap: float                  # Jaccard overlap of the members before and after (0..1)
    shared: int                     # members in both
    moved: int                      # members of the circles before in none of the circles after
    joined: int                     # members of the circles after in none of the circles before
    moved_members: tuple[str, ...]  # some of those who moved (the first by id)
    run_before: str | None
    run_after: str


@dataclass(frozen=True)
class AnalysisResult:
    run: AnalysisRunInfo
    leaders: list[RankedMember]
    connectors: list[RankedMember]
    circles: list[Circle]
    roles: dict[str, MemberRoles]
    mismatches: list[RoleMismatch]
    imbalances: list[RoleImbalance]
    figures: dict[str, Any] = field(default_factory=dict)  # active share, lurker share, retention, ...
    at_risk: list[AtRiskMember] = field(default_factory=list)   # most at stake first
    circle_events: list[CircleEvent] = field(default_factory=list)  # since the run before in time order

    def __post_init__(self) -> None:
        for name in ("leaders", "connectors", "circles", "mismatches", "imbalances", "at_risk", "circle_events"):
            object.__setattr__(self, name, Rows(getattr(self, name)))

    @property
    def member_roles(self) -> Rows[MemberRoles]:
        """Every member's inferred and declared roles, as rows."""
        return Rows(self.roles.values())
