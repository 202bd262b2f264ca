"""Fission of a community, end to end: read, build the forest, measure, summarise.

``compute_fission`` is pure (arrays in, typed results out); ``analyze_fission``
reads the graph first and ``fission_summary`` also writes the results back
(see ``graphmodel.fission.store``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from statistics import fmean
from typing import Any

import numpy as np

from graphmodel.core.asof import AsOf, parse_as_of
from graphmodel.core.tables import Rows
from graphmodel.fission.cascades import CascadeMetrics, all_cascades
from graphmodel.fission.critical import (
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
from graphmodel.fission.echo import EchoFinding, echo_findings
from graphmodel.fission.flags import Flag
from graphmodel.fission.forest import CascadeForest, build_forest
from graphmodel.fission.fraud import channel_flags, inviter_flags
from graphmodel.fission.options import FissionOptions
from graphmodel.fission.quality import (
    ChannelQuality,
    InviterQuality,
    MemberQuality,
    QualityFigures,
    channel_rows,
    community_figures,
    inviter_rows,
    member_quality,
    per_cascade,
    ranked_inviters,
)
from graphmodel.fission.roles import ROOT_CLASSES
from graphmodel.fission.source import FissionData, read_fission_data

Echo = Callable[[str], None]


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
    community_retention: float | None = None
    invitations: QualityFigures | None = None
    activated_critical_point: CriticalPoint | None = None
    inviters: Rows[InviterQuality] = field(default_factory=Rows)
    flagged: Rows[InviterQuality] = field(default_factory=Rows)
    channels: Rows[ChannelQuality] = field(default_factory=Rows)
    echo: Rows[EchoFinding] = field(default_factory=Rows)

    def __post_init__(self) -> None:
        for name in ("top_cascades", "by_root_class", "share_kinds", "spreaders", "connectors",
                     "deep_chains", "growth", "inviters", "flagged", "channels", "echo"):
            object.__setattr__(self, name, Rows(getattr(self, name)))

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates and times as ISO 8601 strings, tuples as lists."""
        return jsonable(asdict(self))


@dataclass(frozen=True)
class FissionResult:
    """Everything computed: the forest, every cascade, the member classes, the summary,
    what became of every member (``quality``) and every inviter's fraud ``flags``."""

    forest: CascadeForest
    cascades: tuple[CascadeMetrics, ...]
    classes: np.ndarray
    summary: FissionSummary
    as_of: AsOf | None = None
    quality: MemberQuality | None = None
    flags: Mapping[int, tuple[Flag, ...]] = field(default_factory=dict)


def compute_fission(data: FissionData, community: str, as_of: AsOf | None = None,
                    options: FissionOptions | None = None) -> FissionResult:
    """Cascades and their drivers, critical points, the quality of invitations, fraud
    signals and internal echo, from ``data`` (no graph access)."""
    options = options or FissionOptions()
    forest = build_forest(data.edges)
    classes = member_classes(forest, data.book)
    quality = member_quality(forest, data.activity, data.book, options)
    known = quality.activity_known
    cascades = tuple(_with_quality(all_cascades(forest, classes, ROOT_CLASSES), forest, quality))
    spread = [c.structural_virality for c in cascades if c.size > 1]
    deep_count, chains = deep_chains(forest, classes, options.layering_depth, options.top)
    real = (forest.generation == 0) | quality.activated
    brought = np.bincount(quality.inviter[quality.invitees], weights=quality.activated[quality.invitees],
                          minlength=forest.ids.size)
    growth = growth_per_period(forest, data.joined_per_period, options.period,
                               *((real, brought) if known else (None, None)))
    flags = inviter_flags(forest, quality, options)
    flagged = np.zeros(forest.ids.size, dtype=bool)
    flagged[list(flags)] = True
    ranked = ranked_inviters(forest, quality)
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
        share_kinds=Rows(share_kinds(forest, classes, quality.activated if known else None)),
        spreaders=Rows(top_spreaders(forest, classes, options.top)),
        connectors=Rows(connector_patterns(forest, classes, data.book, options.top)),
        deep_chains=Rows(chains),
        growth=Rows(growth),
        repeat_decay=repeat_decay(forest, data.circles, options.small_circle),
        community_retention=quality.community_retention,
        invitations=community_figures(quality),
        activated_critical_point=(headcount_critical_point(growth, options.sustain, activated=True)
                                  if known else None),
        inviters=Rows(inviter_rows(forest, quality, classes, ranked[:options.top].tolist(), flags)),
        flagged=Rows(inviter_rows(forest, quality, classes, list(flags), flags)),
        channels=Rows(channel_flags(channel_rows(forest, quality, flagged), quality.community_retention,
                                    options)),
        echo=Rows(echo_findings(forest, data.book, data.circles, quality.join, options.small_circle,
                                options.echo_min_shares)),
    )
    return FissionResult(forest, cascades, classes, summary, as_of, quality, flags)


def _with_quality(cascades: list[CascadeMetrics], forest: CascadeForest,
                  quality: MemberQuality) -> list[CascadeMetrics]:
    """The cascades with their activated and retained joins (as they were without activity)."""
    if not quality.activity_known:
        return cascades
    counts = per_cascade(forest, quality)
    index = {str(r): int(r_i) for r_i, r in zip(forest.roots.tolist(), forest.ids[forest.roots])}
    return [replace(c, activated=int(counts["activated"][index[c.root]]),
                    retained=int(counts["retained"][index[c.root]])) for c in cascades]


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
