"""The circle-ordered copy for betweenness: Java's draws, GDS's sampling walk, the copy's order."""

import numpy as np

from graphmodel.analysis.betweenness import circle_order, sampling_walk
from graphmodel.analysis.java_random import bounded_ints


def test_draws_are_those_java_17_prints():
    # jshell: var r = new java.util.SplittableRandom(42L).split(); r.nextInt(72061) ...
    assert bounded_ints(42, 72061, 10).tolist() == [2922, 8380, 4020, 4780, 7560, 21402, 61295, 34847, 68451, 3298]
    # a power of two takes the low bits
    assert bounded_ints(43, 1024, 8).tolist() == [963, 494, 998, 938, 686, 161, 623, 9]
    # a bound near 2^31 rejects ~7% of the draws: sum of the first million nextInt(2000000001) from seed 7
    assert int(bounded_ints(7, 2_000_000_001, 1_000_000).sum()) == 1000740801127411


def _graph(n=5_000, seed=3):
    rng = np.random.default_rng(seed)
    degree = rng.zipf(2.1, n).clip(0, 200)          # skewed, like communities: a few hubs
    degree[rng.choice(n, n // 10, replace=False)] = 0  # and some lurkers with no ties
    circle = rng.integers(0, 60, n)
    return degree, circle


def test_the_walk_over_the_copy_accepts_the_same_sources():
    degree, circle = _graph()
    walks = [(42, 12), (43, 11)]
    order = circle_order(degree, circle, walks)
    assert order is not None
    assert np.array_equal(np.sort(order), np.arange(len(degree)))  # every node once
    for seed, sample in walks:
        _, accepted = sampling_walk(degree, seed, sample)
        _, again = sampling_walk(degree[order], seed, sample)
        assert np.array_equal(np.sort(order[again]), np.sort(accepted))
    # past the walks the nodes come circle by circle, in each the most tied first
    span = max(len(sampling_walk(degree, s, k)[0]) for s, k in walks)
    rest = order[span:]
    assert np.all(np.diff(circle[rest]) >= 0)
    same_circle = circle[rest][1:] == circle[rest][:-1]
    assert np.all(np.diff(degree[rest])[same_circle] <= 0)


def test_no_copy_when_the_walk_runs_out_or_there_are_no_ties():
    degree, circle = _graph(n=300)
    assert circle_order(degree, circle, [(42, 10_000)]) is None
    assert circle_order(np.zeros(50, np.int64), np.zeros(50, np.int64), [(42, 5)]) is None
