"""Cascade forests and per-cascade metrics on hand-built and generated shares."""

import itertools
import random

import pytest

from graphmodel.fission.cascades import all_cascades, cascade_tree, reproduction_ratios
from graphmodel.fission.forest import ShareEdges, build_forest
from graphmodel.fission.virality import structural_virality, wiener_index
from tests.fission_reference import brute_force_mean_distance, reference_parents


def shares(*triples, joined=()):
    """ShareEdges from (source, target, at) triples; ``joined`` lists edge positions."""
    return ShareEdges.from_columns([t[0] for t in triples], [t[1] for t in triples],
                                   [t[2] for t in triples],
                                   [i in joined for i in range(len(triples))])


@pytest.mark.parametrize("n", [2, 3, 5, 10, 101])
def test_star_virality_is_2_n_minus_1_over_n(n):
    parents = [-1] + [0] * (n - 1)
    assert structural_virality(parents) == pytest.approx(2 * (n - 1) / n)


@pytest.mark.parametrize("n", [2, 3, 4, 7, 50])
def test_chain_virality_is_n_plus_1_over_3(n):
    parents = [-1] + list(range(n - 1))
    assert structural_virality(parents) == pytest.approx((n + 1) / 3)


def test_single_node_and_bad_trees():
    assert structural_virality([-1]) == 0.0
    with pytest.raises(ValueError):
        wiener_index([-1, -1])
    with pytest.raises(ValueError):
        wiener_index([-1, 2, 1])


def random_tree(n: int, rng: random.Random) -> list[int]:
    return [-1] + [rng.randrange(i) for i in range(1, n)]


def test_random_trees_against_brute_force():
    rng = random.Random(5)
    for n in [1, 2, 3, 8, 30, 120]:
        parents = random_tree(n, rng)
        assert structural_virality(parents) == pytest.approx(brute_force_mean_distance(parents))


def test_earliest_share_wins_and_ties_break_by_sharer_id():
    edges = shares(("a", "x", 20), ("b", "x", 10),        # b reached x first
                   ("d", "y", 5), ("c", "y", 5),          # same time: c < d wins
                   ("a", "z", None), ("b", "z", 30))      # a timed share beats an untimed one
    forest = build_forest(edges)
    parent = {edges.ids[i]: (edges.ids[p] if p >= 0 else None)
              for i, p in enumerate(forest.parent)}
    assert parent == {"a": None, "b": None, "c": None, "d": None,
                      "x": "b", "y": "c", "z": "b"}
    # the same shares in another input order give the same forest
    reordered = shares(("b", "z", 30), ("c", "y", 5), ("a", "z", None),
                       ("d", "y", 5), ("b", "x", 10), ("a", "x", 20))
    again = build_forest(reordered)
    assert list(again.parent) == list(forest.parent)


def test_roots_are_sharers_never_reached():
    forest = build_forest(shares(("r", "a", 1), ("a", "b", 2), ("s", "c", 3), ("c", "r", 4)))
    # r was reached (by c) after it had started its cascade: c -> r is its tree edge,
    # so the only root is s
    roots = [forest.ids[i] for i in forest.roots]
    assert roots == ["s"]
    assert cascade_tree(forest, "s").members == ("s", "c", "r", "a", "b")
    assert cascade_tree(forest, "s").generations == (0, 1, 2, 3, 4)


def test_a_loop_is_broken_at_its_latest_share():
    # a -> b -> c -> a: a's earliest share into it would close a loop, so a stays the root
    forest = build_forest(shares(("a", "b", 1), ("b", "c", 2), ("c", "a", 3)))
    assert [forest.ids[i] for i in forest.roots] == ["a"]
    assert forest.loop_shares == 1
    assert cascade_tree(forest, "a").members == ("a", "b", "c")


def test_self_shares_are_ignored():
    forest = build_forest(shares(("a", "a", 1), ("a", "b", 2)))
    assert forest.self_shares == 1
    assert all_cascades(forest)[0].size == 2


def hand_built():
    # r reaches a, b, c; a reaches d, e; d reaches f; b reaches a again (late, loses);
    # s reaches nobody new (its only share arrives after a was reached)
    return shares(("r", "a", 1), ("r", "b", 2), ("r", "c", 3), ("a", "d", 4), ("a", "e", 5),
                  ("d", "f", 6), ("b", "a", 7), ("s", "a", 8),
                  joined={0, 1, 3, 5, 6})


def test_depth_breadth_reproduction_conversion():
    forest = build_forest(hand_built())
    big, lone = all_cascades(forest)
    assert (big.root, big.size, big.depth, big.breadth) == ("r", 7, 3, (1, 3, 2, 1))
    assert big.reproduction == pytest.approx((3.0, 2 / 3, 0.5))
    # 7 shares by r, a, b, d; joins: a (by r), b, d, f; b -> a also says joined but a
    # already joined through r's earlier share
    assert (big.shares, big.joins) == (7, 4)
    assert big.conversion == pytest.approx(4 / 7)
    parents = cascade_tree(forest, "r").parent_indices()
    assert big.structural_virality == pytest.approx(brute_force_mean_distance(parents))
    assert (lone.root, lone.size, lone.depth, lone.breadth) == ("s", 1, 0, (1,))
    assert lone.reproduction == () and lone.structural_virality == 0.0
    assert (lone.shares, lone.joins) == (1, 0)


def test_reach_per_member():
    forest = build_forest(hand_built())
    ids = list(forest.ids)
    reach = dict(zip(ids, forest.subtree - 1))
    assert reach == {"a": 3, "b": 0, "c": 0, "d": 1, "e": 0, "f": 0, "r": 6, "s": 0}
    direct = dict(zip(ids, forest.children_count()))
    assert direct["r"] == 3 and direct["a"] == 2 and direct["s"] == 0


def test_reproduction_ratios():
    assert reproduction_ratios((1, 4, 2, 0)) == (4.0, 0.5, 0.0)
    assert reproduction_ratios((1,)) == ()


def test_generated_forests_match_an_independent_computation():
    rng = random.Random(11)
    for trial in range(20):
        n = rng.randrange(2, 60)
        names = [f"m{i:02d}" for i in range(n)]
        triples = [(rng.choice(names), rng.choice(names), rng.choice([None, *range(8)]))
                   for _ in range(rng.randrange(1, 3 * n))]
        forest = build_forest(ShareEdges.from_columns(*zip(*triples)))
        expected_parent = reference_parents(triples)
        got = {forest.ids[i]: forest.ids[p] for i, p in enumerate(forest.parent) if p >= 0}
        assert got == expected_parent, trial
        for metrics in all_cascades(forest):
            tree = cascade_tree(forest, metrics.root)
            assert metrics.size == tree.size
            assert metrics.structural_virality == pytest.approx(
                brute_force_mean_distance(tree.parent_indices()))


def test_every_pair_counted_once_on_all_small_trees():
    # all labelled rooted trees on up to 6 nodes given as parent choices
    for n in range(1, 7):
        for choice in itertools.product(*[range(i) for i in range(1, n)]):
            parents = [-1, *choice]
            assert structural_virality(parents) == pytest.approx(
                brute_force_mean_distance(parents))
