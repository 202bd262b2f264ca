"""Analysis parameters, their defaults and where they come from.

Every value can be set in the config file's ``[analysis]`` table (and the
norms in ``[thresholds]``); command-line flags override those. The run node
records the values used, so runs are reproducible and comparable.
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
    active_min_interactions: int = 5        # initiated in the period: an active member
    leader_min_audience: int = 5            # distinct members who address a leader
    leader_influence_factor: float = 3.0    # influence at least this many times the mean
    connector_top: int = 50
    top: int = 20
    thresholds: Thresholds = field(default_factory=Thresholds)

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
