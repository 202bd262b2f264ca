"""The analysis graph in GDS: memory-checked first, always dropped after.

One projection per run: directed weighted ties (``TIE``: interactions
weighted by type, shares, co-attendance of events, each decayed with its age,
``window``) for influence, and their undirected sum (``UTIE``) for circles and
brokerage; outsiders are nodes too,
so the members who connect to them can be found. The memory check reads a bound
of the graph's size from Neo4j's counts at once; only when that does not fit,
``graph_size`` walks the members for the exact size.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from graphmodel.analysis.options import AnalysisOptions
from graphmodel.analysis.window import AnalysisWindow
from graphmodel.core.errors import AnalysisTooLarge

HEAP_HEADROOM = 0.8  # use at most this share of the heap not held (analysis_heap)


@dataclass(frozen=True)
class GraphSize:
    nodes: int
    relationships: int


@dataclass(frozen=True)
class MemoryEstimate:
    required_bytes: int
    available_bytes: int
    parts: dict[str, int]


def graph_size(connection, community: str) -> GraphSize:
    """The community's members and outsiders and their interactions and shares (walks every member)."""
    row = connection.read("analysis_size", community=community)[0]
    return GraphSize(row["nodes"], row["relationships"])


def graph_size_bound(connection, community: str) -> GraphSize:
    """At least ``graph_size``, at once: the members, and the ties of every community."""
    row = connection.read("analysis_size_bound", community=community)[0]
    return GraphSize(row["nodes"], row["relationships"])


def estimate_memory(connection, size: GraphSize) -> MemoryEstimate:
    """GDS's own estimates for the projection and the heaviest algorithms, against the heap not held
    (what survived the last garbage collections, and the GDS catalog's graphs)."""
    # the ties, and their undirected copy that doubles them (co-attendance adds some)
    relationships = max(1, size.relationships * 3)
    parts = connection.read("analysis_estimate", nodes=max(1, size.nodes), relationships=relationships)[0]
    heap = connection.read("analysis_heap")[0]
    required = parts["projection"] + max(parts["pagerank"], parts["leiden"], parts["betweenness"])
    # the garbage not yet collected is free for the taking: what is held is counted, not what is used
    available = int((heap["max"] - heap["held"]) * HEAP_HEADROOM)
    return MemoryEstimate(required, available, dict(parts))


def check_memory(connection, community: str) -> MemoryEstimate:
    """The estimate for the community's analysis, raising AnalysisTooLarge when it does not fit.

    It is first made for ``graph_size_bound`` (no walk over the members); only when that
    does not fit, for the exact size, since the bound counts the other communities' ties.
    """
    estimate = estimate_memory(connection, graph_size_bound(connection, community))
    if estimate.required_bytes <= estimate.available_bytes:
        return estimate
    size = graph_size(connection, community)
    estimate = estimate_memory(connection, size)
    if estimate.required_bytes > estimate.available_bytes:
        raise AnalysisTooLarge(
            f"the analysis of {community!r} ({size.nodes:,} nodes, {size.relationships:,} ties) needs about "
            f"{estimate.required_bytes / 2**30:.1f} GiB of server heap; {estimate.available_bytes / 2**30:.1f} GiB "
            f"is free. Give the server more heap (GRAPHMODEL_HEAP=16g, then graphmodel server stop/start) "
            f"or analyse a shorter period (--as-of).")
    return estimate


@contextlib.contextmanager
def projected(connection, community: str, options: AnalysisOptions, cutoff=None,
              window: AnalysisWindow | None = None) -> Iterator[str]:
    """Check the memory, project the community's graph (ties aged from ``window``'s end; without
    it, not aged); yields its name; drops it on exit."""
    check_memory(connection, community)
    graph = f"gm-{community}-{uuid.uuid4().hex[:8]}"
    decay = window.cypher_params() if window is not None else {"end": 0.0, "half_life": None}
    try:
        connection.run_auto("analysis_project", graph=graph, community=community,
                            type_weights=options.type_weights, share_weight=options.share_weight,
                            event_weight=options.event_weight, max_event_size=options.max_event_size,
                            cutoff=cutoff, end=decay["end"], half_life=decay["half_life"])
        connection.run_auto("analysis_undirected", graph=graph)
        yield graph
    finally:
        with contextlib.suppress(Exception):
            connection.run_auto("analysis_drop", graph=graph)
