"""Comparisons of communities and cohorts, without a server: cohorts, figures, rendering."""

from datetime import UTC, datetime

import numpy as np
import pytest

from graphmodel.core.errors import ConfigurationError
from graphmodel.core.norms import Thresholds
from graphmodel.report.compare import Column, Comparison, MemberFigures, column_figures, figure_rows, parse_cohort
from graphmodel.report.compare_render import comparison_table, render_comparison

DAY = 86_400_000


def ms(text):
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp() * 1000)


def test_cohorts_by_month_or_day_both_ends_included():
    months = parse_cohort("joined:2024-01..2024-06")
    assert (months.joined_from, months.joined_until) == (ms("2024-01-01"), ms("2024-07-01"))
    days = parse_cohort("joined:2024-03-01..2024-03-31")
    assert (days.joined_from, days.joined_until) == (ms("2024-03-01"), ms("2024-04-01"))
    assert parse_cohort("joined:..2023-12").joined_from is None
    assert parse_cohort("joined:2024-12..").joined_until is None
    assert parse_cohort("joined:2024-12..2024-12").joined_until == ms("2025-01-01")
    joined = np.array([ms("2023-12-31"), ms("2024-01-01"), ms("2024-06-30"), ms("2024-07-01"), -1])
    assert months.contains(joined).tolist() == [False, True, True, False, False]


@pytest.mark.parametrize("text", ["left:2024-01..2024-02", "joined:2024-01", "joined:..", "joined:2024-13..2024-14",
                                  "joined:2024-06..2024-01"])
def test_a_cohort_that_cannot_be_read_says_how_to_write_it(text):
    with pytest.raises(ConfigurationError, match="--cohort"):
        parse_cohort(text)


def members(**arrays):
    n = len(arrays["ids"])
    base = dict(ids=np.array(arrays["ids"]), joined_ms=np.zeros(n, np.int64), left_ms=np.full(n, -1),
                threshold=np.array([""] * n), primary=np.array(["lurker"] * n), circle=np.full(n, -1),
                active=np.zeros(n, bool), last_active_ms=np.full(n, -1), generation=np.full(n, -1),
                parent=np.array([""] * n))
    base.update({k: np.asarray(v) for k, v in arrays.items()})
    return MemberFigures(**base)


def test_column_figures_count_current_members_and_retention():
    end = ms("2024-12-31")
    m = members(ids=["a", "b", "c", "d", "e"],
                joined_ms=[0, 0, 0, 0, end - 10 * DAY],
                left_ms=[-1, -1, end - 5 * DAY, -1, -1],
                primary=["leader", "participant", "follower", "lurker", "lurker"],
                active=[True, True, False, False, False],
                last_active_ms=[end - DAY, end - 100 * DAY, end - DAY, -1, -1],
                circle=[0, 0, 0, 1, -1], threshold=["paid", "paid", "paid", "geo", "geo"],
                generation=[0, 1, 3, 2, -1], parent=["", "a", "b", "a", ""])
    figures = column_figures(m, np.ones(5, bool), {0: 40, 1: 200}, end, Thresholds(), ["geo", "paid"])
    assert figures["members"] == 4 and figures["departed"] == 1  # c left
    assert figures["leader_share"] == 0.25 and figures["active_share"] == 0.5
    assert figures["in_small_circles"] == round(2 / 3, 4) and figures["in_large_circles"] == round(1 / 3, 4)
    assert figures["retention_basis"] == 4 and figures["retention"] == 0.25  # a only; c left, e too new
    assert figures["retention_paid"] == round(1 / 3, 4) and figures["retention_geo"] == 0.0
    assert figures["layering_depth"] == 3 and figures["beyond_layering"] == round(1 / 3, 4)
    assert figures["invited_share"] == 0.6 and figures["brought_in"] == 0.6
    only_a = column_figures(m, np.array([True, False, False, False, False]), {0: 40}, end, Thresholds(), [])
    assert only_a["brought_in"] == 2.0 and only_a["invited_share"] == 0.0


def test_rendering_escapes_what_the_data_holds():
    hostile = "</td><script>alert(1)</script>|*x*"
    comparison = Comparison(figure_rows(Thresholds(), []), (
        Column(hostile, hostile, None, "r1", "2024-12-31T00:00:00+00:00", {"members": 3, "active_share": 0.05}),))
    page = render_comparison(comparison, "html", "zh")
    assert "<script>alert" not in page and "&lt;script&gt;" in page and 'lang="zh"' in page
    markdown = render_comparison(comparison, "md", "en")
    assert "\\|\\*x\\*" in markdown and "<script>" not in markdown
    columns, rows = comparison_table(comparison, "zh")
    assert columns[:2] == ["指标", "规范"] and rows[0][hostile] == "3"
    assert next(r for r in rows if r["指标"] == "窗口内活跃")[hostile] == "5.0%"
