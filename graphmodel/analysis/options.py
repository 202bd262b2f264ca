"""Analysis parameters, their defaults and where they come from.

Every value can be set in the config file's ``[analysis]`` table (and the
norms in ``[thresholds]``); command-line flags override those. The run node
records the values used, so runs are reproducible and comparable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Thresholds:
    """The norms the role mix is checked against (DOMAIN.md); sources in the README."""

    members_per_leader: float = 90.0        # 1:9:90: one opinion leader per ~90 members
    leaders_per_member_low: float = 1 / 125  # below: too few leaders (500 members: < 4)
    leaders_per_member_high: float = 1 / 60  # above: too many (500 members: > 8)
    active_share_low: float = 0.03          # ~5% active is normal
    active_share_high: float = 0.20
    lurker_share_high: float = 0.95
    dunbar_small: int = 50                  # below: semi-acquaintance mode
    dunbar_large: int = 150                 # above: split or layer
    layering_depth: int = 2                 # core KOL -> KOL -> members
    novice_days: int = 30                   # a member this new is a novice
    novice_circle_share: float = 0.9        # circles with this share of novices and no leader
    manager_circle_share: float = 0.5       # circles where managers are this share of the active
    hub_z: float = 2.5                      # Guimerà & Amaral 2005
    participation_non_hub: tuple[float, float, float] = (0.05, 0.62, 0.80)
    participation_hub: tuple[float, float] = (0.30, 0.75)


@dataclass(frozen=True)
class AnalysisOptions:
    type_weights: dict[str, float] = field(default_factory=lambda: {
        "reply": 1.0, "mention": 0.8, "message": 0.5, "reaction": 0.3, "other": 0.5})
    share_weight: float = 1.0
    event_weight: float = 0.5
    max_event_size: int = 300
    damping: float = 0.85
    gamma: float = 1.0                      # Leiden resolution
    seed: int = 42
    min_circle_size: int = 5
    exact_betweenness_up_to: int = 20_000   # nodes; larger graphs are sampled
    betweenness_budget: float = 2e9         # sampled sources x relationships
    max_betweenness_sample: int = 1024      # 256 left the top connectors to the sample (README)
    active_min_interactions: int = 5        # initiated in the period: an active member
    leader_min_audience: int = 5            # distinct members who address a leader
    leader_influence_factor: float = 3.0    # influence at least this many times the mean
    connector_top: int = 50
    top: int = 20
    thresholds: Thresholds = field(default_factory=Thresholds)

    @classmethod
    def from_config(cls, config: dict[str, Any] | None, **overrides: Any) -> "AnalysisOptions":
        """Options from the config file's [analysis] and [thresholds] tables, then overrides."""
        config = config or {}
        known = {f.name for f in fields(cls)} - {"thresholds"}
        analysis = {k: v for k, v in config.get("analysis", {}).items() if k in known}
        names = {f.name for f in fields(Thresholds)}  # other keys belong to other analyses (fission)
        thresholds = Thresholds(**{k: tuple(v) if isinstance(v, list) else v
                                   for k, v in config.get("thresholds", {}).items() if k in names})
        values = {**analysis, **{k: v for k, v in overrides.items() if v is not None}}
        return cls(**values, thresholds=thresholds)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def betweenness_sample(self, nodes: int, relationships: int) -> int | None:
        """Sampled source nodes for betweenness, or None for exact."""
        if nodes <= self.exact_betweenness_up_to:
            return None
        budget = int(self.betweenness_budget / max(relationships, 1))
        return max(32, min(self.max_betweenness_sample, budget, nodes))
