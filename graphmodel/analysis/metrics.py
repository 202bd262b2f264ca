"""Run the GDS algorithms on the analysis graph and gather every member's figures in arrays.

``MemberTable`` holds one row per node of the projection (members and
outsiders), in the order of the ``analysis_members`` query: the activity
figures from Cypher (over the whole period, in the window and in the baseline
before it), the GDS results streamed by node id, and the undirected ties as
index arrays for what numpy computes (participation, within-circle z-scores,
circle audiences). Members who left before the end stay in the table (and their
ties in the graph: their history counts for others) but are not current members.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import numpy as np

from graphmodel.analysis.arrays import aligned, distinct, positions
from graphmodel.analysis.betweenness import EXACT, BetweennessPrecision, estimated_betweenness, exact_betweenness, exact_shares
from graphmodel.analysis.options import AnalysisOptions
from graphmodel.analysis.window import AnalysisWindow
from graphmodel.core.model import roles

GDS_VALUES = ("influence", "circle", "fragment", "core", "articulation")  # and betweenness, streamed apart


@dataclass
class MemberTable:
    node: np.ndarray
    ids: list[str]
    names: list[str | None]
    is_member: np.ndarray
    joined_ms: np.ndarray          # -1 when unknown
    threshold: list[str | None]
    declared: list[list[str]]
    counts: dict[str, np.ndarray]  # COUNTS and WINDOW_COUNTS
    last_active_ms: np.ndarray     # -1 when never
    left_ms: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # -1 when never left
    departed: np.ndarray = field(default_factory=lambda: np.empty(0, bool))   # left before the end
    values: dict[str, np.ndarray] = field(default_factory=dict)  # GDS results and derived figures
    tie_a: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # undirected ties, both directions
    tie_b: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    figures: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def current(self) -> np.ndarray:
        """Members who had not left by the end (outsiders are not members)."""
        return self.is_member & ~self.departed if len(self.departed) else self.is_member


# over the whole period (from the query); in the window (*_window) and the baseline before it
# (*_baseline), from the nodes each member addressed then (``window_counts``)
COUNTS = ("sent", "received", "replies_received", "received_from", "sent_to", "invited_joined", "offline_events")
WINDOW_COUNTS = ("sent_window", "sent_to_window", "received_window", "received_from_window", "sent_baseline",
                 "received_from_baseline")


def read_members(connection, community: str, cutoff, window: AnalysisWindow) -> MemberTable:
    params = window.cypher_params()
    [row] = connection.read("analysis_members", community=community, cutoff=cutoff, window=params["window"],
                            baseline=params["baseline"])
    canonical = {name: i for i, name in enumerate(roles())}  # declared roles in the model's order
    declared = [sorted(set(names), key=lambda n: canonical.get(n, len(canonical))) for names in row["declared"]]
    joined, left = np.array(row["joined_ms"], np.int64), np.array(row["left_ms"], np.int64)
    node = np.array(row["node"], np.int64)
    counts = {c: np.array(row[c], np.int64) for c in COUNTS}
    counts.update(window_counts(node, row["window_to"], "window"))
    counts.update(window_counts(node, row["baseline_to"], "baseline"))
    return MemberTable(
        node=node, ids=row["id"], names=[n or None for n in row["name"]],
        is_member=np.array(row["is_member"], bool), joined_ms=joined,
        threshold=[t or None for t in row["threshold"]], declared=declared, counts=counts,
        last_active_ms=np.array(row["last_active_ms"], np.int64), left_ms=left,
        departed=departed(joined, left, window.end_ms))


def window_counts(node: np.ndarray, addressed: list[list[int]], period: str) -> dict[str, np.ndarray]:
    """Per member, from the nodes each addressed in ``period`` (window or baseline; one entry per
    interaction): interactions sent and received, distinct members addressed and addressed by."""
    n = len(node)
    lengths = np.fromiter((len(a) for a in addressed), np.int64, n)
    source = np.repeat(np.arange(n), lengths)
    target, found = positions(node, np.fromiter(chain.from_iterable(addressed), np.int64, int(lengths.sum())))
    source, target = source[found], target[found]
    pairs = distinct(source * max(n, 1) + target)
    out = {f"sent_{period}": lengths,
           f"received_from_{period}": np.bincount(pairs % max(n, 1), minlength=n)}
    if period == "window":
        out["sent_to_window"] = np.bincount(pairs // max(n, 1), minlength=n)
        out["received_window"] = np.bincount(target, minlength=n)
    return out


def departed(joined_ms: np.ndarray, left_ms: np.ndarray, end_ms: int) -> np.ndarray:
    """Who had left by ``end_ms`` (exclusive): a departure before the end and after the member's
    join (a join after the departure is a rejoin: the member is current again)."""
    return (left_ms >= 0) & (left_ms < end_ms) & (left_ms > joined_ms)


@dataclass
class AlgorithmFigures:
    """What the algorithms say of the graph as a whole (GDS's own keys stay in this module)."""

    modularity: float
    conductance: dict[int, float]        # Leiden community id -> its conductance
    bridges: list[tuple[int, int]]       # node ids at the ends of each bridge
    pagerank_iterations: int
    fragments: int                       # weakly connected components
    degeneracy: int                      # the largest k-core
    deepest_chain: list[str] = field(default_factory=list)  # member ids, root first (from the shares)


@dataclass
class GdsValues:
    """What the algorithms computed, by node id: node values and the directed ties."""

    node: np.ndarray                 # node ids, sorted
    values: dict[str, np.ndarray]    # aligned with ``node``
    tie_source: np.ndarray
    tie_target: np.ndarray


def run_algorithms(connection, graph: str, sized: Future, options: AnalysisOptions,
                   echo: Callable[[str], None], pool: Executor) -> tuple[AlgorithmFigures, GdsValues, Future | None]:
    """Run every GDS algorithm on the analysis graph; returns, once all but an exact
    betweenness are done, the summary figures, the values and the future of the exact
    betweenness (``betweenness.exact_betweenness``), or None when the graph is larger than
    ``exact_betweenness_up_to`` nodes and its betweenness is estimated from the ties on the
    client (``betweenness.estimated_betweenness``).

    The algorithms that need no circles run on a thread of ``pool`` and stream the ties
    while Leiden runs; an exact betweenness waits for them. ``sized`` gives the graph's
    ``GraphSize``.
    """
    echo("influence: PageRank; brokerage: articulation points, bridges")
    others = pool.submit(_without_circles, connection, graph, options)
    echo("circles: Leiden (seeded), fragments, k-core")
    leiden = connection.run_auto("analysis_leiden", graph=graph, seed=options.seed, gamma=options.gamma)[0]
    size = sized.result()
    exact = size.nodes <= options.exact_betweenness_up_to
    echo("brokerage: betweenness " + ("(exact)" if exact else
                                      f"(estimated to ±{options.betweenness_error:.2%} of pairs)"))
    betweenness = exact_betweenness(connection, graph, pool, after=others) if exact else None
    conductance = {int(r["community"]): r["conductance"]
                   for r in connection.run_auto("analysis_conductance", graph=graph)}
    other, ties = others.result()
    figures = AlgorithmFigures(modularity=leiden["modularity"], conductance=conductance,
                               bridges=other["bridges"], pagerank_iterations=other["pagerank"]["ranIterations"],
                               fragments=other["fragments"], degeneracy=other["degeneracy"])
    return figures, _node_values(connection, graph, ties), betweenness


def _without_circles(connection, graph: str, options: AnalysisOptions) -> tuple[dict[str, Any], dict[str, list]]:
    """The algorithms that do not need the circles, one after the other, then the directed
    ties as two lists (``a``, ``b``); their summary figures and the ties."""
    connection.run_auto("analysis_articulation", graph=graph)
    figures = {
        "bridges": [(r["from"], r["to"]) for r in connection.run_auto("analysis_bridges", graph=graph)],
        "pagerank": connection.run_auto("analysis_pagerank", graph=graph, damping=options.damping)[0],
        "fragments": connection.run_auto("analysis_wcc", graph=graph)[0]["componentCount"],
        "degeneracy": connection.run_auto("analysis_kcore", graph=graph)[0]["degeneracy"],
    }
    return figures, connection.run_auto("analysis_ties", graph=graph)[0]


def _node_values(connection, graph: str, ties: dict[str, list]) -> GdsValues:
    rows = connection.run_auto("analysis_node_values", graph=graph,
                               properties=list(GDS_VALUES))
    node = np.asarray(rows[0]["nodes"], np.int64) if rows else np.empty(0, np.int64)
    node = np.sort(node)
    values = {}
    for row in rows:
        raw = np.array([np.nan if v is None else v for v in row["values"]], float)
        values[row["name"]] = settled(aligned(node, np.asarray(row["nodes"], np.int64), raw))
    return GdsValues(node, values, np.asarray(ties["a"], np.int64), np.asarray(ties["b"], np.int64))


SETTLED_DIGITS = 12


def settled(values: np.ndarray, digits: int = SETTLED_DIGITS) -> np.ndarray:
    """``values`` rounded to ``digits`` significant digits.

    GDS sums in parallel, so two runs over the same graph give centralities that differ
    in the last bits; equal members (the same ties) then rank in either order. Rounded,
    they are equal again, and ranks break ties by member id.
    """
    out = np.array(values, float)
    finite = np.isfinite(out) & (out != 0)
    magnitude = np.floor(np.log10(np.abs(out[finite])))
    scale = 10.0 ** (digits - 1 - magnitude)
    out[finite] = np.round(out[finite] * scale) / scale
    return out


def betweenness_shares(table: MemberTable, options: AnalysisOptions,
                       exact: Future | None) -> tuple[np.ndarray, BetweennessPrecision]:
    """Betweenness as shares of pairs, in ``table``'s member order, settled: the exact one GDS
    computed (``exact``, from ``run_algorithms``), or one estimated from the table's ties
    (``attach_gds_values`` put them there); and how precise it is. Reads ``table`` only, so
    it can run on a thread of its own while the circles are worked out."""
    if exact is not None:
        return settled(exact_shares(table.node, exact.result())), EXACT
    shares, precision = estimated_betweenness(len(table), table.tie_a, table.tie_b, options.betweenness_error,
                                              options.betweenness_confidence, options.seed)
    return settled(shares), precision


def attach_gds_values(table: MemberTable, gds: GdsValues) -> None:
    """Put the GDS values into ``table`` (in its member order) and its ties as undirected index pairs."""
    for name, values in gds.values.items():
        table.values[name] = aligned(table.node, gds.node, values)
    a, b = gds.tie_source, gds.tie_target
    n = len(table)
    # the table is in member id order; find each tie's ends among its nodes
    (ia, found_a), (ib, found_b) = positions(table.node, a), positions(table.node, b)
    ok = found_a & found_b & (ia != ib)
    low, high = np.minimum(ia[ok], ib[ok]), np.maximum(ia[ok], ib[ok])
    codes = distinct(low * n + high)
    low, high = codes // n, codes % n
    table.tie_a = np.concatenate([low, high])  # each undirected tie, in both directions
    table.tie_b = np.concatenate([high, low])
