"""What users would otherwise run: NetworkX and igraph on the same graph.

Each baseline reads the same interchange files the product loads, builds its
graph (the equivalent of a GDS projection) and computes the same family of
results ``graphmodel analyze`` computes: weighted PageRank, betweenness
(exact up to the same size; above it, from ``baseline_sources`` sources: what a
user of these libraries would sample), Louvain
communities, weakly connected components, k-core numbers, articulation points
and bridges. Not in them: co-attendance ties from events (a few thousand at
100,000 members) and the circles' conductance.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 42
BASELINE_SOURCES, SOURCE_BUDGET = 1024, 2e9  # sampled sources at most, and sources x ties at most


def baseline_sources(nodes: int, ties: int) -> int:
    """The sources the baselines' sampled betweenness starts from above the exact size: 1,024,
    fewer where sources x ties would pass 2·10⁹ (179 for a million members with 11 million
    ties), at least 32: a time a user of NetworkX or igraph would spend."""
    return max(32, min(BASELINE_SOURCES, int(SOURCE_BUDGET / max(ties, 1)), nodes))


@dataclass(frozen=True)
class Edges:
    source: np.ndarray  # int32 vertex ids
    target: np.ndarray
    weight: np.ndarray
    vertices: int


def read_edges(directory: Path) -> Edges:
    """Interactions and shares of an interchange directory as integer edge arrays."""
    frames = []
    for name, weighted in (("interactions.csv", True), ("shares.csv", False)):
        path = directory / name
        if path.exists():
            columns = ["source", "target", "weight"] if weighted else ["source", "target"]
            frame = pd.read_csv(path, usecols=columns, dtype={"source": str, "target": str})
            if not weighted:
                frame["weight"] = 1.0
            frames.append(frame)
    edges = pd.concat(frames, ignore_index=True)
    edges["weight"] = pd.to_numeric(edges["weight"], errors="coerce").fillna(1.0)
    codes, uniques = pd.factorize(pd.concat([edges["source"], edges["target"]], ignore_index=True))
    n = len(edges)
    return Edges(codes[:n].astype(np.int32), codes[n:].astype(np.int32),
                 edges["weight"].to_numpy(np.float64), len(uniques))


def networkx_analysis(directory: Path, sample: int | None) -> dict[str, float]:
    import networkx as nx

    timings: dict[str, float] = {}
    started = time.perf_counter()
    edges = read_edges(directory)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(edges.vertices))
    graph.add_weighted_edges_from(zip(edges.source.tolist(), edges.target.tolist(), edges.weight.tolist()))
    undirected = graph.to_undirected()
    undirected.remove_edges_from(nx.selfloop_edges(undirected))
    timings["projection"] = time.perf_counter() - started
    _step(timings, "pagerank", lambda: nx.pagerank(graph, weight="weight"))
    _step(timings, "betweenness", lambda: nx.betweenness_centrality(
        undirected, k=min(sample, edges.vertices) if sample else None, seed=SEED))
    _step(timings, "communities", lambda: nx.community.louvain_communities(undirected, weight="weight", seed=SEED))
    _step(timings, "components", lambda: list(nx.weakly_connected_components(graph)))
    _step(timings, "kcore", lambda: nx.core_number(undirected))
    _step(timings, "articulation", lambda: list(nx.articulation_points(undirected)))
    _step(timings, "bridges", lambda: list(nx.bridges(undirected)))
    timings["total"] = time.perf_counter() - started
    return timings


def igraph_analysis(directory: Path, sample: int | None) -> dict[str, float]:
    import igraph as ig

    timings: dict[str, float] = {}
    started = time.perf_counter()
    edges = read_edges(directory)
    graph = ig.Graph(n=edges.vertices, edges=np.column_stack([edges.source, edges.target]), directed=True)
    graph.es["weight"] = edges.weight
    undirected = graph.as_undirected(combine_edges="sum")
    undirected.simplify(multiple=False, loops=True)
    timings["projection"] = time.perf_counter() - started
    _step(timings, "pagerank", lambda: graph.pagerank(weights="weight"))
    sources = None
    if sample and sample < edges.vertices:
        sources = np.random.default_rng(SEED).choice(edges.vertices, sample, replace=False).tolist()
    _step(timings, "betweenness", lambda: undirected.betweenness(directed=False, sources=sources))
    _step(timings, "communities", lambda: undirected.community_multilevel(weights="weight"))
    _step(timings, "components", lambda: graph.connected_components(mode="weak"))
    _step(timings, "kcore", lambda: undirected.coreness())
    _step(timings, "articulation", lambda: undirected.articulation_points())
    _step(timings, "bridges", lambda: undirected.bridges())
    timings["total"] = time.perf_counter() - started
    return timings


def _step(timings: dict[str, float], name: str, work) -> None:
    started = time.perf_counter()
    work()
    timings[name] = time.perf_counter() - started
