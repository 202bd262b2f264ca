"""Windows, departures, at-risk members and circle evolution, without a server."""

import numpy as np
import pytest

from graphmodel.analysis.at_risk import find_at_risk
from graphmodel.analysis.circles import assign_circles
from graphmodel.analysis.evolution import CircleSnapshot, match_circles
from graphmodel.analysis.metrics import COUNTS, WINDOW_COUNTS, MemberTable, departed, window_counts
from graphmodel.analysis.options import AnalysisOptions
from graphmodel.analysis.window import MS_PER_DAY, AnalysisWindow, window_at
from graphmodel.core.asof import parse_as_of
from graphmodel.core.errors import ConfigurationError

END = 1_720_000_000_000  # an instant in July 2024


def test_the_window_and_the_baseline_end_where_the_next_begins():
    window = window_at(END, AnalysisOptions())
    assert window.window_start_ms == END - 30 * MS_PER_DAY
    assert window.baseline_start_ms == END - 120 * MS_PER_DAY
    params = window.cypher_params()
    assert params["half_life"] == 90 * MS_PER_DAY and params["end"] == float(END)
    assert params["window"].timestamp() * 1000 == END - 30 * MS_PER_DAY


def test_no_window_and_no_decay_is_the_whole_history_as_before():
    window = window_at(END, AnalysisOptions(active_window_days=0, tie_half_life_days=0))
    assert window.window_start_ms is None and window.baseline_start_ms is None
    assert window.cypher_params() == {"window": None, "baseline": None, "end": float(END), "half_life": None}
    undated = window_at(None, AnalysisOptions())
    assert undated.window_days == 0 and undated.half_life_days == 0


def test_an_as_of_instant_keeps_what_happened_at_that_instant():
    from graphmodel.analysis.window import _ceil_ms

    instant = parse_as_of("2024-03-01T12:00:00Z")
    assert _ceil_ms(instant.cutoff) == instant.cutoff_millis + 1
    day = parse_as_of("2024-03-01")
    assert _ceil_ms(day.cutoff) == day.cutoff_millis


@pytest.mark.parametrize("option", [{"active_window_days": -1}, {"tie_half_life_days": -0.5},
                                    {"circle_match": 0}, {"circle_match": 1.5}])
def test_time_options_are_checked(option):
    with pytest.raises(ConfigurationError, match=next(iter(option))):
        AnalysisOptions(**option)


def test_a_departure_before_the_end_and_after_the_join_is_a_departure():
    joined = np.array([0, 0, 50, -1, 0, 0])
    left = np.array([-1, 40, 40, 40, 100, 99])
    # current; left; rejoined after leaving; left (join unknown); leaves at the end (exclusive); just before
    assert departed(joined, left, 100).tolist() == [False, True, False, True, False, True]


def test_circles_leave_out_who_is_not_eligible():
    table = _table(6)
    table.values["circle"] = np.array([7, 7, 7, 9, 9, 9])
    assign_circles(table, 3, eligible=np.array([True, True, True, True, True, False]))
    assert table.values["circle_id"].tolist() == [0, 0, 0, -1, -1, -1]  # circle 9 keeps 2 < 3


def snapshot(run, circles):
    return CircleSnapshot.of(run, circles.items())


def test_a_circle_that_breaks_in_two_halves_splits():
    before = snapshot("r1", {0: [f"m{i}" for i in range(60)], 1: [f"x{i}" for i in range(20)]})
    after = snapshot("r2", {0: [f"x{i}" for i in range(20)], 3: [f"m{i}" for i in range(30)],
                            5: [f"m{i}" for i in range(30, 58)]})
    events, links = match_circles(before, after, 0.3)
    split = next(e for e in events if e.event == "split")
    assert split.before == (0,) and split.after == (3, 5)
    assert split.shared == 58 and split.moved == 2 and split.joined == 0
    assert split.moved_members == ("m58", "m59") and split.overlap == round(58 / 60, 4)
    assert [(e.event, e.before, e.after) for e in events if e.event != "split"] == [("continue", (1,), (0,))]
    assert {(k.before, k.after, k.event) for k in links} == {(0, 3, "split"), (0, 5, "split"), (1, 0, "continue")}
    assert events[0].run_before == "r1" and events[0].run_after == "r2"


def test_merge_grow_shrink_form_dissolve():
    before = snapshot("a", {0: [f"p{i}" for i in range(20)], 1: [f"q{i}" for i in range(20)],
                            2: [f"g{i}" for i in range(10)], 3: [f"s{i}" for i in range(20)],
                            4: [f"d{i}" for i in range(10)]})
    after = snapshot("b", {0: [f"p{i}" for i in range(20)] + [f"q{i}" for i in range(20)],
                           1: [f"g{i}" for i in range(10)] + [f"n{i}" for i in range(5)],
                           2: [f"s{i}" for i in range(15)], 3: [f"f{i}" for i in range(8)]})
    events, _ = match_circles(before, after, 0.3)
    found = {(e.event, e.before, e.after) for e in events}
    assert found == {("merge", (0, 1), (0,)), ("grow", (2,), (1,)), ("shrink", (3,), (2,)),
                     ("dissolve", (4,), ()), ("form", (), (3,))}
    grow = next(e for e in events if e.event == "grow")
    assert (grow.shared, grow.joined, grow.moved) == (10, 5, 0)
    dissolve = next(e for e in events if e.event == "dissolve")
    assert dissolve.moved == 10 and dissolve.overlap == 0.0
    assert [e.event for e in events] == ["merge", "dissolve", "form", "shrink", "grow"]


def test_below_the_threshold_circles_do_not_match():
    before = snapshot("a", {0: [f"m{i}" for i in range(10)]})
    after = snapshot("b", {0: [f"m{i}" for i in range(2)] + [f"n{i}" for i in range(8)]})
    events, links = match_circles(before, after, 0.3)  # Jaccard 2/18
    assert {e.event for e in events} == {"dissolve", "form"} and not links
    events, links = match_circles(before, after, 0.1)
    assert [e.event for e in events] == ["continue"] and links[0].overlap == round(2 / 18, 4)


def test_circles_without_members_listed_count_as_empty():
    before = snapshot("a", {})
    after = snapshot("b", {0: ["m1", "m2"]})
    events, _ = match_circles(before, after, 0.3, ([4], [0]))
    assert {(e.event, e.before, e.after) for e in events} == {("dissolve", (4,), ()), ("form", (), (0,))}


# at-risk members -----------------------------------------------------------------------------

def _table(n, **counts):
    table = MemberTable(
        node=np.arange(n), ids=[f"m{i}" for i in range(n)], names=[None] * n, is_member=np.ones(n, bool),
        joined_ms=np.zeros(n, np.int64), threshold=[None] * n, declared=[[] for _ in range(n)],
        counts={c: np.asarray(counts.get(c, np.zeros(n)), np.int64) for c in COUNTS + WINDOW_COUNTS},
        last_active_ms=np.full(n, END), left_ms=np.full(n, -1), departed=np.zeros(n, bool))
    table.values["influence"] = np.ones(n)
    table.values["circle_id"] = np.full(n, -1)
    return table


def _tie(table, pairs):
    a = [x for x, y in pairs] + [y for x, y in pairs]
    b = [y for x, y in pairs] + [x for x, y in pairs]
    table.tie_a, table.tie_b = np.array(a, np.int64), np.array(b, np.int64)


WINDOW = AnalysisWindow(END, 30, 90, 90.0)


def test_a_circles_only_leader_gone_quiet_comes_first():
    n = 12
    # m0 led circle 0 (m0..m9), now silent; m1 fell from 30 a baseline to 1; m10 is steady
    sent_baseline = np.zeros(n)
    sent_baseline[[0, 1, 10]] = [60, 30, 30]
    sent_window = np.zeros(n)
    sent_window[[1, 10]] = [1, 10]
    audience = np.zeros(n)
    audience[0] = 9
    table = _table(n, sent_baseline=sent_baseline, sent_window=sent_window, sent=sent_baseline + sent_window,
                   received_from_baseline=audience)
    table.values["influence"][0] = 20
    table.values["circle_id"] = np.array([0] * 10 + [-1, -1])
    _tie(table, [(0, i) for i in range(1, 10)] + [(10, 11)])
    found = find_at_risk(table, np.zeros(n, bool), {0: np.arange(10)}, AnalysisOptions(newcomer_days=0), WINDOW)
    assert [m.member_id for m in found] == ["m0", "m1"]
    leader = found[0]
    assert [r.kind for r in leader.reasons] == ["leader_quiet"] and leader.circles == (0,)
    assert leader.score == 1 + 9 + 10 and "only leader of circle(s) 0" in leader.reasons[0].evidence
    assert "唯一的领袖" in leader.reasons[0].evidence_zh and "KOL" in leader.reasons[0].lever_zh
    drop = found[1]
    assert drop.reasons[0].kind == "activity_drop" and "initiated 1 interactions in the last 30 days" in \
        drop.reasons[0].evidence and 0 < drop.score < 1


def test_faded_ties_newcomers_and_who_is_not_at_risk():
    n = 8
    day = MS_PER_DAY
    sent = np.array([5, 3, 3, 3, 0, 0, 0, 4])
    sent_window = np.array([5, 0, 0, 0, 0, 0, 0, 4])
    table = _table(n, sent=sent, sent_window=sent_window, sent_baseline=sent - sent_window)
    table.joined_ms[5] = END - 20 * day   # a newcomer, 20 days in, tied to nobody who leads
    table.joined_ms[6] = END - 3 * day    # too new to be expected to have a tie
    table.departed[4] = True              # left: never at risk
    _tie(table, [(0, 1), (0, 2), (0, 3), (0, 7), (5, 7)])
    found = {m.member_id: m for m in find_at_risk(table, np.zeros(n, bool), {}, AnalysisOptions(), WINDOW)}
    assert set(found) == {"m0", "m5"}
    assert [r.kind for r in found["m0"].reasons] == ["ties_fading"]
    assert "3 of their 4 ties" in found["m0"].reasons[0].evidence
    assert [r.kind for r in found["m5"].reasons] == ["newcomer_unattached"]
    assert "joined 20 days ago" in found["m5"].reasons[0].evidence
    leader = np.zeros(n, bool)
    leader[7] = True
    found = {m.member_id for m in find_at_risk(table, leader, {}, AnalysisOptions(), WINDOW)}
    assert "m5" not in found  # tied to a leader


def test_without_a_window_nobody_is_measured_against_a_baseline():
    table = _table(3, sent_baseline=[30, 30, 30])
    assert find_at_risk(table, np.zeros(3, bool), {}, AnalysisOptions(), AnalysisWindow(END, 0, 0, 0.0)) == []


def test_a_circle_that_grew_with_newcomers_or_split_with_them_still_matches():
    before = snapshot("a", {0: [f"m{i}" for i in range(50)], 1: [f"s{i}" for i in range(90)]})
    after = snapshot("b", {0: [f"m{i}" for i in range(50)] + [f"n{i}" for i in range(150)],
                           1: [f"s{i}" for i in range(45)] + [f"x{i}" for i in range(35)],
                           2: [f"s{i}" for i in range(45, 90)] + [f"y{i}" for i in range(35)]})
    events, links = match_circles(before, after, 0.3)  # Jaccard 0.25 and 0.36 each: containment decides
    assert {(e.event, e.before, e.after) for e in events} == {("grow", (0,), (0,)), ("split", (1,), (1, 2))}
    small = snapshot("c", {0: [f"m{i}" for i in range(100)]})
    broke_off = snapshot("d", {0: [f"m{i}" for i in range(10, 100)], 1: [f"m{i}" for i in range(10)] + ["z1", "z2"]})
    events, _ = match_circles(small, broke_off, 0.3)  # ten of a hundred are too few to be a split
    assert {(e.event, e.after) for e in events} == {("continue", (0,)), ("form", (1,))}


def test_window_counts_from_the_nodes_each_member_addressed():
    node = np.array([30, 10, 20])  # table order is member id order, not node order
    counts = window_counts(node, [[10, 10, 20], [30], [], ], "window")
    assert counts["sent_window"].tolist() == [3, 1, 0]
    assert counts["received_window"].tolist() == [1, 2, 1]
    assert counts["received_from_window"].tolist() == [1, 1, 1]
    assert counts["sent_to_window"].tolist() == [2, 1, 0]
    baseline = window_counts(node, [[], [30, 30, 99], [30]], "baseline")  # 99: not in the table
    assert baseline["sent_baseline"].tolist() == [0, 3, 1] and baseline["received_from_baseline"].tolist() == [2, 0, 0]
    assert set(baseline) == {"sent_baseline", "received_from_baseline"}
