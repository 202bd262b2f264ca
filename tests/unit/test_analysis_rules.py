"""Pure parts of the analysis: agreement scores, brokerage roles, the imbalance rules."""

import numpy as np
import pytest

from graphmodel.analysis.agreement import ari, nmi
from graphmodel.analysis.brokerage import ga_roles, participation_and_z
from graphmodel.analysis.imbalance import CircleShape, CommunityShape, find_imbalances
from graphmodel.analysis.metrics import MemberTable
from graphmodel.analysis.options import AnalysisOptions, Thresholds
from graphmodel.core.errors import ConfigurationError


def test_agreement_scores():
    assert nmi([1, 1, 2, 2], ["a", "a", "b", "b"]) == pytest.approx(1.0)
    assert ari([1, 1, 2, 2], ["a", "a", "b", "b"]) == pytest.approx(1.0)
    assert ari([1, 1, 1, 2, 2, 2], [1, 2, 3, 1, 2, 3]) < 0
    assert nmi([1, 1, 2, 2], [1, 2, 1, 2]) == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError):
        nmi([1], [1, 2])


def table_with_ties(circles, ties):
    n = len(circles)
    t = MemberTable(node=np.arange(n), ids=[f"m{i}" for i in range(n)], names=[None] * n,
                    is_member=np.ones(n, bool), joined_ms=np.zeros(n, np.int64), threshold=[None] * n,
                    declared=[[] for _ in range(n)], counts={}, last_active_ms=np.zeros(n, np.int64))
    a = np.array([x for x, y in ties] + [y for x, y in ties])
    b = np.array([y for x, y in ties] + [x for x, y in ties])
    t.tie_a, t.tie_b = a, b
    t.values["circle_id"] = np.array(circles)
    return t


def test_participation_and_hub_roles():
    # two triangles 0-1-2 and 3-4-5 joined by 2-3; node 6 hangs off 0
    t = table_with_ties([0, 0, 0, 1, 1, 1, 0], [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3), (0, 6)])
    participation_and_z(t)
    p = t.values["participation"]
    assert p[1] == 0.0 and p[6] == 0.0
    assert p[2] == pytest.approx(1 - (2 / 3) ** 2 - (1 / 3) ** 2)
    roles = ga_roles(t, Thresholds())
    assert roles[1] == 1 and roles[2] == 2  # ultra-peripheral, peripheral
    assert roles[2] == ga_roles(t, Thresholds(participation_non_hub=(0.05, 0.3, 0.8)))[2] - 1


def shape(**changes):
    circle = CircleShape(0, tuple(f"m{i}" for i in range(100)), "m0", 0, 1, 10, 1, 1)
    base = dict(members=500, leaders=tuple(f"m{i}" for i in range(5)), active=25, lurkers=400,
                managers=("m1",), executors=("m2",), circles=(circle,) * 4)
    return CommunityShape(**{**base, **changes})


def rules(found):
    return {f.rule: f for f in found}


def test_a_healthy_community_has_no_findings():
    assert find_imbalances(shape(), Thresholds()) == []


def test_too_few_leaders_and_too_little_activity():
    found = rules(find_imbalances(shape(leaders=("m0",), active=5), Thresholds()))
    assert found["leaders_per_member"].severity == "high" and found["leaders_per_member"].observed == 1
    assert "4-8" in found["leaders_per_member"].expected
    assert found["active_share"].observed == 0.01
    assert "encouragement officer" in found["active_share"].lever and "鼓励官" in found["active_share"].lever_zh


def test_size_layering_circles_and_connectors():
    leaderless = CircleShape(1, ("n1", "n2", "n3"), None, 3, 0, 1, 0, 0)
    found = rules(find_imbalances(shape(
        circles=(leaderless,) * 3 + (shape().circles[0],), deepest_chain=("r", "a", "b", "c", "d"),
        circle_bridges=(("m1", "m9", 0, 1),), lone_connectors=(("m7", (2,)),)), Thresholds()))
    assert found["dunbar_size"].severity == "high"
    assert found["layering_depth"].observed == 4 and found["layering_depth"].members == ("r", "a", "b", "c", "d")
    assert found["circles_without_leader"].observed == 3
    assert found["novice_only_circle"].members == ("n1", "n2", "n3")
    assert found["single_tie_between_circles"].members == ("m1", "m9")
    assert found["single_connector"].members == ("m7",)


def test_small_groups_are_told_they_are_small():
    found = rules(find_imbalances(shape(members=30, leaders=(), active=10, lurkers=10), Thresholds()))
    assert found["dunbar_size"].severity == "info" and "leaders_per_member" not in found


def test_options_from_config():
    options = AnalysisOptions.from_config({"analysis": {"seed": 3, "type_weights": {"reply": 2}},
                                           "thresholds": {"hub_z": 2.0, "layering_depth": 3,
                                                          "participation_hub": [0.2, 0.7]}}, top=5)
    assert options.seed == 3 and options.top == 5
    assert options.type_weights["reply"] == 2.0 and options.type_weights["mention"] == 0.8
    assert options.thresholds.hub_z == 2.0 and options.thresholds.participation_hub == (0.2, 0.7)
    assert (options.betweenness_error, options.betweenness_confidence) == (0.0025, 0.9)


@pytest.mark.parametrize(("tables", "message"), [
    ({"analysis": {"gama": 0.5}}, "cfg.toml: [analysis] has no key 'gama'"),
    ({"analysis": {"gamma": "high"}}, "cfg.toml: [analysis] gamma must be a number"),
    ({"analysis": {"seed": 1.5}}, "cfg.toml: [analysis] seed must be an integer"),
    ({"analysis": {"type_weights": {"like": 1}}}, "cfg.toml: [analysis] type_weights has no key 'like'"),
    ({"analysis": {"thresholds": {}}}, "cfg.toml: [analysis] has no key 'thresholds'"),
    ({"thresholds": {"dunbar": 150}}, "cfg.toml: [thresholds] has no key 'dunbar'"),
    ({"thresholds": {"participation_hub": [0.2]}}, "participation_hub must be a list of 2 numbers"),
])
def test_an_unknown_or_mistyped_config_key_is_an_error_naming_file_and_key(tables, message):
    with pytest.raises(ConfigurationError) as raised:
        AnalysisOptions.from_config(tables, "cfg.toml")
    assert message in str(raised.value)


def test_settled_makes_values_equal_that_differ_in_the_last_bits():
    from graphmodel.analysis.metrics import settled

    noisy = np.array([0.1 + 0.2, 0.3, 1234.5678901234567, 1234.5678901234565, np.nan, 0.0, -2.5e-9])
    out = settled(noisy)
    assert out[0] == out[1] == 0.3
    assert out[2] == out[3]
    assert np.isnan(out[4]) and out[5] == 0.0 and out[6] == -2.5e-9
    assert settled(np.array([0.123456789012345]))[0] != settled(np.array([0.123456789013345]))[0]


def test_circle_densities_count_each_tie_once():
    from graphmodel.analysis.circles import densities

    # circle 0: a triangle (3 of 3 ties); circle 1: a path of 3 (2 of 3); node 6 in no circle
    t = table_with_ties([0, 0, 0, 1, 1, 1, -1], [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (2, 3), (0, 6)])
    assert densities(t) == {0: 1.0, 1: pytest.approx(2 / 3)}


def test_values_are_aligned_by_node_id():
    from graphmodel.analysis.arrays import aligned

    out = aligned(np.array([5, 9, 2, 7]), np.array([2, 5, 9]), np.array([0.2, 0.5, 0.9]))
    assert out[:3].tolist() == [0.5, 0.9, 0.2] and np.isnan(out[3])


def test_circle_ties_count_member_pairs_across_circles():
    from graphmodel.analysis.circles import circle_ties

    # circles 0 and 1 joined by 2-3 and 1-4; circle 2 (node 6) tied to 0 by 0-6; node 7 in no circle
    t = table_with_ties([0, 0, 0, 1, 1, 1, 2, -1], [(0, 1), (2, 3), (1, 4), (0, 6), (3, 7), (4, 5)])
    source, target, ties = circle_ties(t)
    assert list(zip(source.tolist(), target.tolist(), ties.tolist())) == [(0, 1, 2), (0, 2, 1)]


def test_circle_ties_keep_each_circles_strongest():
    from graphmodel.analysis.circles import circle_ties

    def pairs(found):
        return list(zip(*(x.tolist() for x in found)))

    # circles 0-1: 2 member pairs, 0-2: 1, 1-2: 1
    t = table_with_ties([0, 0, 1, 2, 2], [(0, 2), (1, 2), (0, 3), (2, 4)])
    assert pairs(circle_ties(t)) == [(0, 1, 2), (0, 2, 1), (1, 2, 1)]
    # one each: 0 and 1 keep 0-1; circle 2's two equal ties go to the smaller id, 0; 1-2 is dropped
    assert pairs(circle_ties(t, strongest=1)) == [(0, 1, 2), (0, 2, 1)]


def test_weighted_slices_stay_under_the_limit():
    from graphmodel.analysis.store import weighted_slices

    assert weighted_slices([], 10) == []
    assert weighted_slices([4, 5, 1, 3, 20, 2, 10], 10) == [[0, 1, 2], [3], [4], [5], [6]]
    assert weighted_slices([3, 3, 3, 3], 6) == [[0, 1], [2, 3]]


def test_top_share_counts_the_members_two_rankings_have_in_their_tops():
    from bench.connector_stability import top_share

    a = np.array([5.0, 4.0, 3.0, 2.0, 1.0])
    assert top_share(a, a, 3) == 1.0
    assert top_share(a, a[::-1].copy(), 2) == 0.0
    assert top_share(a, np.array([5.0, 0.0, 3.0, 4.0, 1.0]), 2) == 0.5
    # equal scores rank by position, as the analysis does
    assert top_share(np.ones(4), np.array([1.0, 1.0, 0.0, 0.0]), 2) == 1.0


def test_undirected_ties_are_counted_once_by_node_index():
    from bench.connector_stability import undirected

    nodes, a, b = undirected(np.array([10, 20, 20, 30, 40]), np.array([20, 10, 30, 30, 10]))
    assert nodes == 4 and list(zip(a.tolist(), b.tolist())) == [(0, 1), (0, 3), (1, 2)]
