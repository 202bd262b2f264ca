"""Betweenness, the longest algorithm of an analysis: exact, or sampled in parts, on large
graphs on a copy whose nodes are grouped by circle.

A sampled betweenness runs one breadth-first search per source over the whole graph;
on a large graph each search waits on memory, and the node order decides how often a
neighbour is already in the cache. The analysis graph's order follows the member ids
(reproducible, but scattered); grouped by circle, neighbours sit close together and the
same searches run faster, enough to repay making the copy.

The copy changes speed, not results. GDS draws a sample by walking the nodes from the
first and accepting each when a seeded ``nextInt(max degree) + 1`` is at most its
degree, until it has enough. ``java_random`` gives the same draws, so the walk over
the analysis graph is known in advance: the copy keeps every accepted node at its
place, and fills the other places of the walk, in circle order, with nodes the draw
at that place rejects. The walk over the copy then accepts the same sources.
"""

from __future__ import annotations

import collections
import contextlib
import uuid
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor

import numpy as np

from graphmodel.analysis.arrays import aligned
from graphmodel.analysis.java_random import bounded_ints

BETWEENNESS_PARTS = 8         # a sampled betweenness runs as at least this many single-threaded parts,
PART_SOURCES = 32             # of at most this many sources,
ORDERED_FROM_NODES = 50_000   # graphs this large are searched on the circle-ordered copy
CHECKED_GDS = ("2.13.",)      # GDS versions whose sampling walk the copy was checked against


def betweenness_parts(sample: int | None) -> list[int | None]:
    """Source counts of the parts a betweenness runs as: [None] for exact (one parallel run).

    GDS draws a sample inside parallel tasks that split its seeded random in scheduling
    order, so a sampled run is only reproducible on one thread. Sampled betweenness is a
    sum over sources, so parts with their own seeds, each on one thread, add up to a
    sample of the whole size that is the same on every run.

    ``threads`` parts run at once, each taking the next when it is done, so a part slowed by
    other work leaves no core idle at the end (with one large part per thread, one often
    finished well after the other).

    A part takes at most PART_SOURCES sources, so that GDS's sampling walk finds them in
    one pass over the nodes, which the circle-ordered copy needs (at 100k members a walk
    for 32 sources visits about 81 % of the nodes).
    """
    if sample is None:
        return [None]
    return list(sample_parts(sample))


def sample_parts(sample: int) -> list[int]:
    """Source counts of the parts of a sampled betweenness (``betweenness_parts``)."""
    count = min(max(BETWEENNESS_PARTS, -(-sample // PART_SOURCES)), sample)
    return [sample // count + (1 if k < sample % count else 0) for k in range(count)]


def sampling_walk(degree: np.ndarray, seed: int, sample: int) -> tuple[np.ndarray, np.ndarray] | None:
    """GDS's seeded walk over nodes with these degrees (in node order): the draw at each
    place it visits (1..max degree) and the places it accepts; None when it runs out of
    nodes (GDS then completes the sample otherwise)."""
    top = int(degree.max(initial=0))
    if top <= 0:
        return None
    draws = bounded_ints(seed, top, len(degree)) + 1
    accepted = np.flatnonzero(draws <= degree)
    if len(accepted) < sample:
        return None
    return draws[:accepted[sample - 1] + 1], accepted[:sample]


def circle_order(degree: np.ndarray, circle: np.ndarray, walks: list[tuple[int, int]]) -> np.ndarray | None:
    """The copy's order, as places in the analysis graph's order (``degree``, ``circle``
    by place), for sampling walks of (seed, sample); None when it cannot be built.

    Outside the walks' places the nodes come circle by circle, and in each circle by
    number of ties, most first, which searched faster than keeping each circle in the
    analysis graph's order."""
    n = len(degree)
    walked = [sampling_walk(degree, seed, sample) for seed, sample in walks]
    found = [f for f in walked if f is not None]
    if not found or len(found) < len(walked):
        return None
    span = max(len(draws) for draws, _ in found)
    source = np.zeros(n, bool)
    limit = np.full(span, np.iinfo(np.int64).max)  # a filler's degree must stay below the draws there
    for draws, accepted in found:
        source[accepted] = True
        limit[:len(draws)] = np.minimum(limit[:len(draws)], draws)
    stream = np.lexsort((np.arange(n), -degree, circle))  # circle by circle, the most tied first
    stream = stream[~source[stream]]
    stream_degree = degree[stream].tolist()
    placed: list[int] = []
    waiting: collections.deque[int] = collections.deque()  # stream indexes skipped for a too-high degree
    k = 0
    for place, (is_source, below) in enumerate(zip(source[:span].tolist(), limit.tolist())):
        if is_source:
            placed.append(place)
            continue
        if waiting and stream_degree[waiting[0]] < below:
            placed.append(int(stream[waiting.popleft()]))
            continue
        while k < len(stream) and stream_degree[k] >= below:
            waiting.append(k)
            k += 1
        if k == len(stream):
            return None
        placed.append(int(stream[k]))
        k += 1
    rest = np.sort(np.concatenate([np.asarray(waiting, np.int64), np.arange(k, len(stream))]))
    order = np.concatenate([np.asarray(placed, np.int64), stream[rest]])
    # the walks over the copy must accept the same nodes
    for (seed, sample), (_, accepted) in zip(walks, found):
        again = sampling_walk(degree[order], seed, sample)
        if again is None or not np.array_equal(np.sort(order[again[1]]), np.sort(accepted)):
            return None
    return order


def run_betweenness(connection, graph: str, sample: int | None, seed: int, nodes: int,
                    pool: Executor, ordered: bool | None = None, after: Future | None = None,
                    threads: int = 2) -> Future:
    """Start betweenness on ``graph`` (a sampled one needs its circles); a future of its
    parts' (node ids, scores), which add up to the whole. The searches start when ``after``
    is done. ``ordered`` forces the circle-ordered copy on or off; by default graphs of
    ORDERED_FROM_NODES nodes get it, on the GDS versions it was checked on."""
    if sample is None:
        return pool.submit(_exact, connection, graph, seed, after)
    if ordered is None:
        ordered = nodes >= ORDERED_FROM_NODES and connection.info.gds_version.startswith(CHECKED_GDS)
    return pool.submit(_sampled, connection, graph, sample, seed, ordered, after, threads)


def _exact(connection, graph: str, seed: int, after: Future | None) -> list[tuple[np.ndarray, np.ndarray]]:
    if after is not None:
        after.result()
    return [_part(connection, graph, None, seed)]


def _sampled(connection, graph: str, sample: int, seed: int, ordered: bool,
             after: Future | None, threads: int) -> list[tuple[np.ndarray, np.ndarray]]:
    walks = [(seed + k, part) for k, part in enumerate(sample_parts(sample))]
    with _circle_ordered(connection, graph, walks) if ordered else contextlib.nullcontext(graph) as searched:
        if after is not None:
            after.result()
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="betweenness") as searches:
            found = [searches.submit(_part, connection, searched, part, part_seed) for part_seed, part in walks]
            return [f.result() for f in found]


@contextlib.contextmanager
def _circle_ordered(connection, graph: str, walks: list[tuple[int, int]]) -> Iterator[str]:
    """The circle-ordered copy of the undirected ties (``graph`` itself when it cannot be
    built); dropped on exit."""
    values = {row["name"]: row for row in connection.run_auto("analysis_order_values", graph=graph)}
    node = np.sort(np.asarray(values["degree"]["nodes"], np.int64))
    rank, circle, degree = (aligned(node, np.asarray(values[name]["nodes"], np.int64),
                                    np.asarray(values[name]["values"], np.int64)).astype(np.int64)
                            for name in ("rank", "circle", "degree"))
    by_rank = np.argsort(rank, kind="stable")
    order = circle_order(degree[by_rank], circle[by_rank], walks)
    if order is None:
        yield graph
        return
    copy = f"{graph}-ordered-{uuid.uuid4().hex[:6]}"
    try:
        connection.run_auto("analysis_ordered_project", graph=graph, ordered=copy,
                            order=node[by_rank][order].tolist())
        yield copy
    finally:
        with contextlib.suppress(Exception):
            connection.run_auto("analysis_drop", graph=copy)


def _part(connection, graph: str, sample: int | None, seed: int) -> tuple[np.ndarray, np.ndarray]:
    [row] = connection.run_auto("analysis_betweenness", graph=graph, sample=sample, seed=seed)
    return np.asarray(row["nodes"], np.int64), np.asarray(row["scores"], float)
