"""Who drives fission, critical points and the fission summary, on hand-built shares."""

import json
from datetime import UTC, date, datetime

import pytest

from graphmodel.core.asof import parse_as_of
from graphmodel.core.errors import ConfigurationError
from graphmodel.fission.analysis import FissionOptions, compute_fission, headline
from graphmodel.fission.critical import (
    PeriodGrowth,
    growth_per_period,
    headcount_critical_point,
    period_starts,
    repeat_decay,
)
from graphmodel.fission.forest import ShareEdges, build_forest
from graphmodel.fission.roles import RoleBook
from graphmodel.fission.source import FissionData


def ms(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() * 1000)


# s (seed user) -> a, b; a -> c, d; c -> e -> f (a chain past the layering norm);
# outsider o -> k (a KOL) -> g, h, i; g -> j; b -> a again (late: loses);
# manager m -> n; ordinary member d -> p
SHARES = [
    ("s", "a", "2024-01-02", True), ("s", "b", "2024-01-03", True),
    ("a", "c", "2024-01-10", True), ("a", "d", "2024-01-11", False),
    ("c", "e", "2024-02-01", True), ("e", "f", "2024-02-05", True),
    ("o", "k", "2024-01-05", True), ("k", "g", "2024-01-06", True),
    ("k", "h", "2024-01-07", True), ("k", "i", "2024-01-08", False),
    ("g", "j", "2024-01-09", True), ("b", "a", "2024-01-20", True),
    ("m", "n", "2024-03-01", True), ("d", "p", "2024-03-02", True),
]
BOOK = RoleBook.from_rows(
    [{"member_id": "s", "role": "seed_user", "source": "declared"},
     {"member_id": "k", "role": "leader", "source": "declared"},
     {"member_id": "m", "role": "manager", "source": "declared"},
     {"member_id": "m", "role": "leader", "source": "inferred"}],
    outsiders=["o"], run="run-1")


def data(shares=SHARES, joined=None, circles=None):
    edges = ShareEdges.from_columns([r[0] for r in shares], [r[1] for r in shares],
                                    [ms(r[2]) for r in shares], [r[3] for r in shares])
    return FissionData(edges, BOOK, joined or {}, circles)


def test_roots_and_their_classes():
    summary = compute_fission(data(), "c1").summary
    roots = {c.root: (c.root_class, c.size, c.depth) for c in summary.top_cascades}
    # m is a declared manager and an inferred leader: leader comes first
    assert roots == {"s": ("seed_user", 8, 4), "o": ("outsider", 6, 3), "m": ("leader", 2, 1)}
    by_class = {r.root_class: r for r in summary.by_root_class}
    assert (by_class["seed_user"].cascades, by_class["seed_user"].reached) == (1, 7)
    assert (by_class["outsider"].cascades, by_class["leader"].cascades) == (1, 1)
    assert by_class["member"].cascades == 0 and by_class["member"].mean_virality is None
    assert by_class["leader"].label_zh == "意见领袖"


def test_first_layer_open_and_outside_fission():
    summary = compute_fission(data(), "c1").summary
    kinds = {k.kind: k for k in summary.share_kinds}
    # first layer: s (a, b), k (g, h, i), m (n); open: a (c, d), c (e), e (f), g (j), d (p)
    assert (kinds["first_layer"].sharers, kinds["first_layer"].reached) == (3, 6)
    assert (kinds["open"].sharers, kinds["open"].reached) == (5, 6)
    assert (kinds["outside"].sharers, kinds["outside"].reached) == (1, 1)
    assert sum(k.share_of_reached for k in kinds.values()) == pytest.approx(1.0)


def test_spreaders_ranked_by_downstream_reach():
    summary = compute_fission(data(), "c1").summary
    top = [(s.member, s.downstream_reach) for s in summary.spreaders[:4]]
    # a and o both reach 5 and converted 1 share each: the id decides
    assert top == [("s", 7), ("a", 5), ("o", 5), ("k", 4)]
    a = next(s for s in summary.spreaders if s.member == "a")
    # a: shares to c (joined) and d (not joined); below a: c, d, e, f, p, of whom c, e, f, p joined
    assert (a.shares, a.conversions, a.downstream_joins, a.direct_reach) == (2, 1, 4, 2)
    assert a.cascade_root == "s" and a.generation == 1


def test_connector_pattern_outsider_to_kol():
    [pattern] = compute_fission(data(), "c1").summary.connectors
    assert (pattern.outsider, pattern.leader, pattern.leader_reach,
            pattern.outsider_other_reach) == ("o", "k", 4, 0)


def test_chains_deeper_than_the_layering_norm():
    summary = compute_fission(data(), "c1").summary
    assert summary.deep_cascades == 2
    deepest = summary.deep_chains[0]
    assert (deepest.root, deepest.depth, deepest.path) == ("s", 4, ("s", "a", "c", "e", "f"))
    assert deepest.beyond_norm == 3  # e, f and p sit below generation 2
    relaxed = compute_fission(data(), "c1", options=FissionOptions(layering_depth=4)).summary
    assert relaxed.deep_cascades == 0 and relaxed.deep_chains == []


def test_headline_figures():
    summary = compute_fission(data(), "c1").summary
    figures = headline(summary)
    assert figures["shares"] == 14 and figures["reached"] == 13
    assert figures["cascades"] == 3 and figures["largest"] == 8 and figures["max_depth"] == 4
    # joins: every joined share except b -> a (a already joined through s)
    assert figures["joins"] == 11
    assert summary.analysis_run == "run-1"
    # roots s, o, m reach a, b, k, n; those reach c, d, g, h, i
    assert summary.generation_reproduction[:2] == pytest.approx((4 / 3, 5 / 4))
    json_ready = summary.as_dict()
    assert json_ready["top_cascades"][0]["started_at"].startswith("2024-01-02")


def test_periods():
    days = [ms("2024-01-01"), ms("2024-01-07T23:00:00"), ms("2024-01-08"), ms("2024-02-29")]
    assert [str(d) for d in period_starts(days, "week")] == [
        "2024-01-01", "2024-01-01", "2024-01-08", "2024-02-26"]
    assert [str(d) for d in period_starts(days, "month")] == [
        "2024-01-01", "2024-01-01", "2024-01-01", "2024-02-01"]
    assert [str(d) for d in period_starts(days, "day")][1] == "2024-01-07"
    with pytest.raises(ValueError):
        period_starts(days, "year")


def test_growth_and_headcount_critical_point():
    forest = build_forest(data().edges)
    joined = {date(2023, 12, 1): 40, date(2024, 1, 1): 10, date(2024, 2, 1): 5}
    growth = {g.period: g for g in growth_per_period(forest, joined, "month")}
    jan, feb, mar = growth[date(2024, 1, 1)], growth[date(2024, 2, 1)], growth[date(2024, 3, 1)]
    # January: roots s, o enter with a, b, c, d, k, g, h, i, j (11); they reach a, b, c, d, e, k,
    # g, h, i, j, p (11) -> R = 1.0; February: e, f enter, reach f -> 0.5; March: m, n, p enter, 1/3
    assert (jan.entered, jan.reached_later, jan.reproduction) == (11, 11, 1.0)
    assert (feb.entered, feb.reached_later, feb.reproduction) == (2, 1, 0.5)
    assert (mar.entered, mar.reached_later) == (3, 1)
    assert (jan.joined, jan.members, feb.members) == (10, 50, 55)
    # January: s->a, s->b, a->c, o->k, k->g, k->h, g->j (b->a came after a had joined)
    assert jan.joined_by_share == 7 and feb.joined_by_share == 2
    assert growth[date(2023, 12, 1)].entered == 0
    assert headcount_critical_point(list(growth.values()), sustain=2) is None
    point = headcount_critical_point(list(growth.values()), sustain=1)
    assert (point.period, point.headcount, point.headcount_basis) == (date(2024, 1, 1), 40, "joined_at")
    assert point.from_start  # December had members but no cascade yet


def test_critical_point_where_reproduction_crosses_one():
    ratios = [0.4, 0.8, 1.2, 0.9, 1.1, 1.3, 1.05, 0.2]
    growth = [PeriodGrowth(date(2024, m, 1), joined=10 * m, members=sum(10 * k for k in range(1, m + 1)),
                           joined_by_share=0, entered=10, reached_later=int(r * 10), reproduction=r)
              for m, r in enumerate(ratios, start=1)]
    point = headcount_critical_point(growth, sustain=3)
    # 1.2 at March does not last; from May on it stays >= 1 for three months
    assert (point.period, point.reproduction, point.from_start) == (date(2024, 5, 1), 1.1, False)
    assert point.headcount == 10 + 20 + 30 + 40  # members at the start of May
    assert headcount_critical_point(growth, sustain=1).period == date(2024, 3, 1)
    assert headcount_critical_point(growth, sustain=4) is None


def test_repeated_shares_decay_inside_a_small_circle():
    # a circle of four re-shares to each other: after the first shares, nobody new
    shares = [("w", "x", "2024-01-01", True), ("x", "y", "2024-01-02", True),
              ("y", "z", "2024-01-03", True), ("z", "w", "2024-01-04", False),
              ("w", "y", "2024-01-05", False), ("x", "z", "2024-01-06", False),
              ("y", "w", "2024-01-07", False), ("z", "x", "2024-01-08", False)]
    circles = {"w": 1, "x": 1, "y": 1, "z": 1}
    decay = repeat_decay(build_forest(data(shares).edges), circles, small_circle=50)
    assert decay.grouping == "circle" and decay.groups == 1
    assert [(b.repeat_from, b.repeat_to, b.shares, b.reached_new) for b in decay.buckets] == [
        (1, 1, 1, 1), (2, 2, 1, 1), (3, 4, 2, 1), (5, 8, 4, 0)]
    assert all(b.inside_group == b.shares for b in decay.buckets)
    assert decay.decay == 0.0
    # the same circle is not small under a limit of 3: no group, no buckets
    assert repeat_decay(build_forest(data(shares).edges), circles, small_circle=3).buckets == ()
    by_sharer = repeat_decay(build_forest(data(shares).edges))
    assert by_sharer.grouping == "sharer" and by_sharer.groups == 4


def test_as_of_parsing():
    day = parse_as_of("2024-03-31")
    assert day.cutoff == datetime(2024, 4, 1, tzinfo=UTC) and day.text == "2024-03-31"
    instant = parse_as_of("2024-03-31T18:00:00+08:00")
    assert instant.cutoff.timestamp() == datetime(2024, 3, 31, 10, 0, 0, 1,
                                                  tzinfo=UTC).timestamp()
    assert parse_as_of(None) is None and parse_as_of(day) is day
    with pytest.raises(ConfigurationError):
        parse_as_of("31/03/2024")


def test_options_from_config_and_validation():
    options = FissionOptions.from_config(
        {"thresholds": {"layering_depth": 3, "dunbar_small": 40},
         "fission": {"period": "week"}}, top=5, period=None)
    assert (options.layering_depth, options.small_circle, options.period, options.top) == (3, 40, "week", 5)
    assert FissionOptions.from_config({"thresholds": {"layering_depth": 3},
                                       "fission": {"layering_depth": 4}}).layering_depth == 4
    with pytest.raises(ConfigurationError, match=r"f.toml: \[fission\] has no key 'fission_period'"):
        FissionOptions.from_config({"fission": {"fission_period": "week"}}, "f.toml")
    with pytest.raises(ConfigurationError):
        FissionOptions(period="year")
    with pytest.raises(ConfigurationError):
        FissionOptions(top=0)


def test_summary_holds_plain_python_values():
    """No NumPy scalars leak out: results go to JSON, Neo4j and reports as they are."""
    from dataclasses import fields, is_dataclass

    result = compute_fission(data(circles={"a": 1, "c": 1}), "c1")
    leaks = []

    def walk(value, path):
        if is_dataclass(value):
            for f in fields(value):
                walk(getattr(value, f.name), f"{path}.{f.name}")
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}[{key}]")
        elif type(value).__module__ == "numpy":
            leaks.append(path)

    walk(result.summary, "summary")
    walk(result.cascades, "cascades")
    assert leaks == []
    assert json.loads(json.dumps(result.summary.as_dict()))["community"] == "c1"
