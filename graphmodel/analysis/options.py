"""Analysis parameters, their defaults and where they come from.

Every value can be set in the config file's ``[analysis]`` table (and the
norms in ``[thresholds]``); command-line flags override those. The run node
records the values used, so runs are reproducible and comparable.

Time: an analysis looks from its end (``--as-of``, else the community's latest
recorded time). Activity, the active share, participants and lurkers (1:9:90) and a
leader's audience are counted in the ``active_window_days`` before the end (0: the whole
history); tie weights halve with every ``tie_half_life_days`` of age for influence and
circles (0: no decay). A member's earlier activity, which at-risk members are measured
against, is counted in the ``baseline_days`` before the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from graphmodel.core.config import checked_table
from graphmodel.core.errors import ConfigurationError
from graphmodel.core.norms import Thresholds


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
    betweenness_error: float = 0.0025       # above exact_betweenness_up_to: every member's share of shortest
    betweenness_confidence: float = 0.9     # paths within this of the truth, with this probability (KADABRA)
    active_min_interactions: int = 5        # initiated in the window: an active member
    leader_min_audience: int = 5            # distinct members who address a leader in the window
    active_window_days: int = 30            # the window activity is counted in (0: all history)
    tie_half_life_days: float = 90.0        # tie weights halve with each this many days of age (0: no decay)
    baseline_days: int = 90                 # a member's earlier activity: these days before the window
    newcomer_days: int = 14                 # a newcomer without a tie to a leader this many days in is at risk
    circle_match: float = 0.3               # circles of consecutive runs match at this Jaccard overlap
    leader_influence_factor: float = 3.0    # influence at least this many times the mean
    connector_top: int = 50
    top: int = 20
    thresholds: Thresholds = field(default_factory=Thresholds)

    def __post_init__(self) -> None:
        for name in ("active_window_days", "tie_half_life_days", "baseline_days", "newcomer_days"):
            if getattr(self, name) < 0:
                raise ConfigurationError(f"analysis option {name} must be 0 or more; got {getattr(self, name)!r}")
        if not 0 < self.circle_match <= 1:
            raise ConfigurationError(f"analysis option circle_match must be above 0 and at most 1; "
                                     f"got {self.circle_match!r}")

    @classmethod
    def from_config(cls, tables: Mapping[str, Mapping[str, Any]] | None = None, source: str | Path | None = None,
                    **overrides: Any) -> AnalysisOptions:
        """Options from the config file's ``[analysis]`` and ``[thresholds]`` tables, then
        ``overrides`` (those not None). An unknown key or a value of the wrong type is a
        ConfigurationError naming ``source`` (the file) and the key."""
        tables = tables or {}
        analysis = checked_table(dict(tables.get("analysis", {})), cls(), "analysis", source,
                                 exclude=("thresholds",))
        norms = checked_table(dict(tables.get("thresholds", {})), Thresholds(), "thresholds", source)
        unknown = sorted(k for k in overrides if k not in analysis and k not in {f.name for f in fields(cls)})
        if unknown:
            raise ConfigurationError(f"unknown analysis option(s) {', '.join(unknown)}")
        values = {**analysis, **{k: v for k, v in overrides.items() if v is not None}}
        values.setdefault("thresholds", Thresholds(**norms))
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
