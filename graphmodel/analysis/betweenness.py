"""Betweenness: exact with GDS on graphs up to ``exact_betweenness_up_to`` nodes; above that,
estimated on the client with KADABRA (networkit) to a stated precision.

Connectors are ranked by betweenness, so on a large community the ranking is only as good
as the estimate. A sample of a few hundred sources (what a time budget allows at a million
members) leaves the top of the list to the sample. KADABRA (Borassi and Natale, "KADABRA
is an adaptive algorithm for betweenness via random approximation", 2019) samples shortest
paths between random pairs of nodes with a balanced bidirectional search, far cheaper than a
search from every sampled source, and stops adaptively once every node's betweenness is
known to within ``error`` with probability ``confidence``: the precision is stated, and does
not depend on the community's size. docs/analysis.md has the measured steadiness.

Both give the same unit: the share of pairs of nodes whose shortest paths run through the
node (a pair with several shortest paths counts for each by its share of them), so runs of
small and large communities compare.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from dataclasses import dataclass

import numpy as np

from graphmodel.analysis.arrays import aligned


@dataclass(frozen=True)
class BetweennessPrecision:
    """How the betweenness of a run was computed, and how precise it is."""

    method: str                     # "exact" (GDS) or "estimated" (KADABRA)
    error: float | None = None      # at most this far from the true share, for every node,
    confidence: float | None = None  # with this probability
    samples: int | None = None      # shortest paths sampled

    @property
    def exact(self) -> bool:
        return self.method == "exact"


EXACT = BetweennessPrecision("exact")


def pairs(nodes: int) -> float:
    """How many unordered pairs ``nodes`` nodes make (at least 1, so shares stay finite)."""
    return max(nodes * (nodes - 1) / 2, 1.0)


def exact_betweenness(connection, graph: str, pool: Executor, after: Future | None = None) -> Future:
    """Start GDS's exact betweenness on the undirected ties of ``graph`` once ``after`` is
    done; a future of (node ids, unordered pairs through each node)."""

    def run() -> tuple[np.ndarray, np.ndarray]:
        if after is not None:
            after.result()
        [row] = connection.run_auto("analysis_betweenness", graph=graph)
        return np.asarray(row["nodes"], np.int64), np.asarray(row["scores"], float)

    return pool.submit(run)


def exact_shares(node: np.ndarray, found: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """GDS's exact betweenness (``exact_betweenness``) as shares of pairs, in ``node``'s order."""
    return aligned(node, *found) / pairs(len(node))


def estimated_betweenness(nodes: int, tie_a: np.ndarray, tie_b: np.ndarray, error: float, confidence: float,
                          seed: int) -> tuple[np.ndarray, BetweennessPrecision]:
    """Each node's share of shortest paths, estimated with KADABRA over the undirected ties
    ``tie_a``-``tie_b`` (node indexes 0..nodes-1; each tie once, or once in each direction).

    The same ties and seed give the same estimate: it runs on one thread, because networkit's
    KADABRA on several threads gave different estimates for the same seed now and then (its
    searches release the interpreter, so the analysis's other work goes on meanwhile).
    KADABRA's scores on an undirected graph are twice the share of unordered pairs, so its
    error bound is twice ``error``; on stars and paths, whose betweenness is known, its
    estimates ran about 1 % high, within the bound.
    """
    import networkit as nk

    if not 0 < error < 0.5 or not 0 < confidence < 1:
        raise ValueError(f"betweenness error {error} and confidence {confidence} must lie in (0, 0.5) and (0, 1)")
    once = tie_a < tie_b
    a, b = tie_a[once].astype(np.uint64), tie_b[once].astype(np.uint64)
    if nodes < 3 or not len(a):
        return np.zeros(nodes), BetweennessPrecision("estimated", error, confidence, 0)
    graph = nk.GraphFromCoo((np.ones(len(a)), (a, b)), n=nodes, weighted=False, directed=False)
    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        nk.setSeed(seed, False)
        kadabra = nk.centrality.KadabraBetweenness(graph, 2 * error, 1 - confidence, True, 0)
        kadabra.run()
    finally:
        nk.setNumberOfThreads(threads)
    shares = np.asarray(kadabra.scores(), float) / 2
    return shares, BetweennessPrecision("estimated", error, confidence, int(kadabra.getNumberOfIterations()))


def precision_text(precision: BetweennessPrecision, lang: str = "en") -> str:
    """How precise the connector list is, in a sentence (en or zh)."""
    if precision.exact:
        return ("Betweenness is exact: every shortest path between two members is counted." if lang != "zh"
                else "中介中心性为精确值：计入了成员之间的每一条最短路径。")
    error, confidence = precision.error or 0.0, precision.confidence or 0.0
    samples = precision.samples or 0
    if lang == "zh":
        return (f"中介中心性为估计值（KADABRA，抽样 {samples:,} 条最短路径）：每位成员的最短路径占比误差不超过 "
                f"±{error:.2%}，置信度 {confidence:.0%}；分数相差小于此值的连接者排名可能互换。")
    return (f"Betweenness is estimated (KADABRA, {samples:,} sampled shortest paths): every member's share of "
            f"shortest paths is within ±{error:.2%} of the truth with {confidence:.0%} confidence; connectors "
            "whose scores differ by less may swap places.")
