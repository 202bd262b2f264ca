"""The betweenness estimate on graphs whose betweenness is known."""

import numpy as np
import pytest

from graphmodel.analysis.betweenness import BetweennessPrecision, estimated_betweenness, pairs, precision_text


def both_ways(a, b):
    a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
    return np.concatenate([a, b]), np.concatenate([b, a])


def star(n):
    return both_ways(np.zeros(n - 1, np.int64), np.arange(1, n))


def path(n):
    return both_ways(np.arange(n - 1), np.arange(1, n))


@pytest.mark.parametrize("n", [11, 101])
def test_a_stars_centre_carries_every_pair_of_leaves(n):
    shares, precision = estimated_betweenness(n, *star(n), error=0.0025, confidence=0.9, seed=1)
    truth = (n - 1) * (n - 2) / 2 / pairs(n)  # every pair of leaves, and nothing else
    assert abs(shares[0] - truth) <= 0.0025 + 0.015 * truth  # the bound, and KADABRA's estimates about 1 % high
    assert np.all(shares[1:] == 0)
    assert precision == BetweennessPrecision("estimated", 0.0025, 0.9, precision.samples) and precision.samples > 0


def test_on_a_path_the_middle_carries_most_and_the_ends_none():
    n = 41
    shares, _ = estimated_betweenness(n, *path(n), error=0.0025, confidence=0.9, seed=3)
    truth = np.array([k * (n - 1 - k) for k in range(n)]) / pairs(n)
    assert np.max(np.abs(shares - truth) - 0.015 * truth) <= 0.0025
    assert shares[0] == shares[-1] == 0 and int(np.argmax(shares)) in (19, 20, 21)


def test_the_same_seed_gives_the_same_estimate_from_any_thread_and_another_seed_another():
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(5)
    a, b = rng.integers(0, 3000, 12000), rng.integers(0, 3000, 12000)
    keep = a != b
    ties = both_ways(a[keep], b[keep])
    first, _ = estimated_betweenness(3000, *ties, error=0.005, confidence=0.9, seed=11)
    with ThreadPoolExecutor(2) as pool:
        again = [pool.submit(estimated_betweenness, 3000, *ties, 0.005, 0.9, 11).result()[0] for _ in range(3)]
    other, _ = estimated_betweenness(3000, *ties, error=0.005, confidence=0.9, seed=12)
    assert all(np.array_equal(first, a) for a in again) and not np.array_equal(first, other)


def test_no_ties_no_betweenness_and_bad_bounds_are_refused():
    shares, precision = estimated_betweenness(5, np.empty(0, np.int64), np.empty(0, np.int64), 0.0025, 0.9, 1)
    assert np.all(shares == 0) and precision.samples == 0
    with pytest.raises(ValueError, match="error"):
        estimated_betweenness(11, *star(11), error=0.6, confidence=0.9, seed=1)


def test_the_report_says_how_precise_the_list_is():
    estimated = BetweennessPrecision("estimated", 0.0025, 0.9, 120_000)
    assert "±0.25%" in precision_text(estimated) and "90%" in precision_text(estimated)
    assert "120,000" in precision_text(estimated, "zh") and "误差" in precision_text(estimated, "zh")
    assert "exact" in precision_text(BetweennessPrecision("exact"))
