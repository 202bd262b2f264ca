"""Fission of a community, end to end: read, build the forest, measure, summarise.

``compute_fission`` is pure (arrays in, typed results out); ``analyze_fission``
reads the graph first and ``fission_summary`` also writes the results back
(see ``graphmodel.fission.store``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from pathlib import Path
from statistics import fmean
from typing import Any

import numpy as np

from graphmodel.core.asof import AsOf, parse_as_of
from graphmodel.core.config import checked_table
from graphmodel.core.errors import ConfigurationError
from graphmodel.core.norms import Thresholds
from graphmodel.core.tables import Rows
from graphmodel.fission.cascades import CascadeMetrics, all_cascades
from graphmodel.fission.critical import (
    PERIODS,
    CriticalPoint,
    PeriodGrowth,
    RepeatDecay,
    generation_reproduction,
    growth_per_period,
    headcount_critical_point,
    repeat_decay,
)
from graphmodel.fission.drivers import (
    ConnectorPattern,
    DeepChain,
    RootClassStats,
    ShareKindStats,
    Spreader,
    by_root_class,
    connector_patterns,
    deep_chains,
    member_classes,
    share_kinds,
    top_spreaders,
)
from graphmodel.fission.forest import CascadeForest, build_forest
from graphmodel.fission.roles import ROOT_CLASSES
from graphmodel.fission.source import FissionData, read_fission_data

Echo = Callable[[str], None]


@dataclass(frozen=True)
class FissionOptions:
    """Norms and knobs. ``layering_depth``: generations below a root the layering
    norm allows (core KOL -> KOL layer -> members: 2); ``small_circle``: circles up
    to this size count as small for repeated-share decay (Dunbar's 50);
    ``period``: day, week or month; ``sustain``: periods the cohort reproduction
    must stay >= 1; ``top``: rows per ranked list; ``min_cascade_size``: smallest
    cascade written as a Cascade node."""

    layering_depth: int = 2
    small_circle: int = 50
    period: str = "month"
    sustain: int = 2
    top: int = 20
    min_cascade_size: int = 2

    def __post_init__(self) -> None:
        if self.period not in PERIODS:
            raise ConfigurationError(f"fission period must be one of {', '.join(PERIODS)}; "
                                     f"got {self.period!r}")
        for name in ("layering_depth", "small_circle", "sustain", "top", "min_cascade_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < (0 if name == "layering_depth" else 1):
                raise ConfigurationError(f"fission option {name} must be a positive integer; "
                                         f"got {value!r}")

    @classmethod
    def from_config(cls, tables: Mapping[str, Mapping[str, Any]] | None = None,
                    source: str | Path | None = None, **overrides: Any) -> FissionOptions:
        """From the config file's ``[fission]`` table; ``layering_depth`` and ``small_circle``
        default to the norms of ``[thresholds]`` (``layering_depth``, ``dunbar_small``), so a
        norm is set once for both analyses. ``overrides`` (those not None) win."""
        tables = tables or {}
        norms = checked_table(dict(tables.get("thresholds", {})), Thresholds(), "thresholds", source)
        values: dict[str, Any] = {"layering_depth": norms.get("layering_depth", Thresholds.layering_depth),
                                  "small_circle": norms.get("dunbar_small", Thresholds.dunbar_small)}
        values.update(checked_table(dict(tables.get("fission", {})), cls(), "fission", source))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(frozen=True)
class FissionSummary:
    """The fission of one community (as of a time), ready to print or report."""

    community: str
    as_of: str | None
    run: str | None
    analysis_run: str | None
    period: str
    layering_depth: int
    members_in_cascades: int
    shares: int
    self_shares: int
    loop_shares: int
    reached: int
    joins: int
    cascades: int
    lone_roots: int
    largest: int
    max_depth: int
    mean_virality: float | None
    deep_cascades: int
    generation_reproduction: tuple[float, ...]
    critical_point: CriticalPoint | None
    top_cascades: Rows[CascadeMetrics]
    by_root_class: Rows[RootClassStats]
    share_kinds: Rows[ShareKindStats]
    spreaders: Rows[Spreader]
    connectors: Rows[ConnectorPattern]
    deep_chains: Rows[DeepChain]
    growth: Rows[PeriodGrowth]
    repeat_decay: RepeatDecay

    def __post_init__(self) -> None:
        for name in ("top_cascades", "by_root_class", "share_kinds", "spreaders", "connectors",
                     "deep_chains", "growth"):
            object.__setattr__(self, name, Rows(getattr(self, name)))

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates and times as ISO 8601 strings, tuples as lists."""
        return jsonable(asdict(self))


@dataclass(frozen=True)
class FissionResult:
    """Everything computed: the forest, every cascade, the member classes, the summary."""

    forest: CascadeForest
    cascades: tuple[CascadeMetrics, ...]
    classes: np.ndarray
    summary: FissionSummary
    as_of: AsOf | None = None


def compute_fission(data: FissionData, community: str, as_of: AsOf | None = None,
                    options: FissionOptions | None = None) -> FissionResult:
    """Cascades and their drivers and critical points, from ``data`` (no graph access)."""
    options = options or FissionOptions()
    forest = build_forest(data.edges)
    classes = member_classes(forest, data.book)
    cascades = tuple(all_cascades(forest, classes, ROOT_CLASSES))
    spread = [c.structural_virality for c in cascades if c.size > 1]
    deep_count, chains = deep_chains(forest, classes, options.layering_depth, options.top)
    growth = growth_per_period(forest, data.joined_per_period, options.period)
    summary = FissionSummary(
        community=community,
        as_of=None if as_of is None else as_of.text,
        run=None,
        analysis_run=data.book.run,
        period=options.period,
        layering_depth=options.layering_depth,
        members_in_cascades=int(forest.in_forest.sum()),
        shares=data.edges.size,
        self_shares=forest.self_shares,
        loop_shares=forest.loop_shares,
        reached=int((forest.tree_edge >= 0).sum()),
        joins=int(forest.converted.sum()),
        cascades=len(cascades),
        lone_roots=sum(1 for c in cascades if c.size == 1),
        largest=max((c.size for c in cascades), default=0),
        max_depth=max((c.depth for c in cascades), default=0),
        mean_virality=fmean(spread) if spread else None,
        deep_cascades=deep_count,
        generation_reproduction=generation_reproduction(forest),
        critical_point=headcount_critical_point(growth, options.sustain),
        top_cascades=Rows(cascades[:options.top]),
        by_root_class=Rows(by_root_class(cascades, data.book)),
        share_kinds=Rows(share_kinds(forest, classes)),
        spreaders=Rows(top_spreaders(forest, classes, options.top)),
        connectors=Rows(connector_patterns(forest, classes, data.book, options.top)),
        deep_chains=Rows(chains),
        growth=Rows(growth),
        repeat_decay=repeat_decay(forest, data.circles, options.small_circle),
    )
    return FissionResult(forest, cascades, classes, summary, as_of)


def analyze_fission(connection, community: str, as_of=None,
                    options: FissionOptions | None = None,
                    echo: Echo = lambda _: None) -> FissionResult:
    """Read the community's shares (before ``as_of``) and compute its fission."""
    as_of = parse_as_of(as_of)
    options = options or FissionOptions()
    echo(f"reading shares of {community}" + (f" as of {as_of.text}" if as_of else ""))
    data = read_fission_data(connection, community, as_of, options.period)
    echo(f"building cascades from {data.edges.size} shares")
    return compute_fission(data, community, as_of, options)


def headline(summary: FissionSummary) -> dict[str, Any]:
    """The summary's scalar figures, in order (for tables and run records)."""
    return {f.name: getattr(summary, f.name) for f in fields(FissionSummary)
            if f.type in ("int", "str", "str | None", "float | None")}


def jsonable(value: Any) -> Any:
    """``value`` with dates and times (Python or Neo4j) as ISO 8601 strings, tuples as lists."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value
