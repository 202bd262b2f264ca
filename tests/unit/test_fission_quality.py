"""The quality of invitations, fraud signals and internal echo on the hand-built community
of tests/fission_cases.py (no server)."""

from dataclasses import replace
from datetime import timedelta

import networkx as nx
import numpy as np
import pytest

from graphmodel.core.config import checked_table
from graphmodel.core.errors import ConfigurationError
from graphmodel.fission.analysis import FissionOptions, compute_fission
from graphmodel.fission.forest import ShareEdges, build_forest
from graphmodel.fission.fraud import binomial_cdf, inviter_flags, strongly_connected
from graphmodel.fission.quality import member_quality
from graphmodel.fission.roles import RoleBook
from graphmodel.fission.source import FissionData, MemberActivity
from graphmodel.loaders.values import parse_roles
from tests.fission_cases import CHANNEL_FLAGS, ECHO_MEMBERS, FLAGGED, GENUINE, activity_columns, community


def ms(when):
    return int(when.timestamp() * 1000)


def fission_data(tables=None, with_activity=True):
    tables = tables or community()
    shares = tables["shares"]
    edges = ShareEdges.from_columns([s["source"] for s in shares], [s["target"] for s in shares],
                                    [ms(s["at"]) for s in shares], [s["joined"] for s in shares],
                                    channels=[s["channel"] for s in shares])
    book = RoleBook.from_rows([{"member_id": m["member_id"], "role": role, "source": "declared"}
                               for m in tables["members"] if m["declared_role"]
                               for role in parse_roles(m["declared_role"])])
    activity = MemberActivity.from_columns(**activity_columns(tables)) if with_activity else None
    return FissionData(edges, book, {}, None, activity)


@pytest.fixture(scope="module")
def result():
    return compute_fission(fission_data(), "cases")


def flags_by_member(summary):
    return {i.member: {f.kind for f in i.flags} for i in summary.flagged}


def test_the_planted_cases_are_flagged_and_the_genuine_inviter_is_not(result):
    summary = result.summary
    assert flags_by_member(summary) == FLAGGED
    best = summary.inviters[0]
    assert best.member == GENUINE and best.flags == ()
    channels = {c.channel: {f.kind for f in c.flags} for c in summary.channels}
    assert {k: v for k, v in channels.items() if v} == CHANNEL_FLAGS


def test_quality_of_the_genuine_inviter(result):
    g = next(i for i in result.summary.inviters if i.member == GENUINE)
    q = g.quality
    assert (g.invited, q.joined, q.activated, q.retained, q.retention_eligible, q.retained_long) == (
        10, 10, 10, 10, 10, 10)
    assert (q.left, q.left_soon, q.downstream_joins, q.became_leader) == (0, 0, 0, 1)  # g3 became a KOL
    assert q.activation_rate == 1.0 and q.retention_rate == 1.0


def test_quality_of_the_gamed_inviters(result):
    rows = {i.member: i for i in result.summary.flagged}
    f, h, lo = rows["f"].quality, rows["h"].quality, rows["l"].quality
    assert (f.joined, f.activated, f.retained) == (6, 0, 0)
    assert (h.joined, h.left, h.left_soon, h.left_share) == (4, 4, 4, 1.0)
    assert (lo.joined, lo.activated, lo.retained, lo.retention_eligible) == (12, 12, 0, 12)
    # n1 > n2 > n3 > n4: each brought in one, whose own invitation is n1's second generation
    assert (rows["n1"].quality.joined, rows["n1"].quality.downstream_joins) == (1, 1)
    [flag] = rows["n2"].flags
    assert flag.members == ("n1", "n2", "n3", "n4") and "n1 > n2 > n3 > n4" in flag.evidence
    assert "n1 > n2 > n3 > n4" in flag.evidence_zh


def test_evidence_names_the_figures_in_both_languages(result):
    rows = {i.member: i for i in result.summary.flagged}
    [burst] = rows["b"].flags
    assert burst.evidence == "6 invitees joined within 10 minutes (from 2024-04-10 10:00 UTC)"
    assert burst.evidence_zh == "6 位受邀者在 10 分钟内加入（2024-04-10 10:00 UTC 起）"
    assert set(burst.members) == {f"b{i}" for i in range(6)}
    [farm] = rows["f"].flags
    assert farm.evidence.startswith("6 of 6 invitees never took part") and "6 位" in farm.evidence_zh
    [leavers] = rows["h"].flags
    assert "4 of 4 invitees left within 3 days of joining (1 removed by an admin)" == leavers.evidence
    assert rows["x1"].flags[0].evidence == "x1 and x2 invited each other"
    assert rows["r2"].flags[0].evidence == "invitations go round 3 members: r1 > r2 > r3 > r1"
    [low] = rows["l"].flags
    base = result.summary.community_retention
    assert low.evidence == (f"0 of 12 invitees were active again 30 days after joining (0%), against {base:.0%} "
                            "in the community")
    assert all(f.label and f.label_zh for i in rows.values() for f in i.flags)


def test_community_retention_is_the_yardstick(result):
    # retained: adm, ex1-3, g, b, f, h, l, r1-3, x1, x2 and g0-g9, b0-b5 (30);
    # not: f0-f5, h0-h3, l0-l11, n1-n4 (26): every join was at least 30 days before the end
    assert result.summary.community_retention == pytest.approx(30 / 56)


def test_channels_by_quality(result):
    channels = {c.channel: c for c in result.summary.channels}
    assert list(channels) == ["wechat", "link", "qr_code", "poster"]  # most joins first
    wechat, link, qr = channels["wechat"], channels["link"], channels["qr_code"]
    # wechat: g's 10, adm's 3, x1's x2 and x2's x1, n1-n3's 3
    assert (wechat.quality.joined, wechat.quality.activated, wechat.flagged_joins) == (18, 15, 5)
    assert (link.quality.joined, link.quality.retained, link.flagged_joins) == (16, 0, 16)
    assert (qr.sharers, qr.quality.joined, qr.flagged_joins) == (2, 12, 12)
    assert channels["poster"].shares == 12 and channels["poster"].quality.joined == 0


def test_internal_echo_among_staff(result):
    [echo] = result.summary.echo
    assert (echo.kind, echo.members, echo.cascades) == ("staff", ECHO_MEMBERS, ("ex1",))
    assert (echo.shares, echo.quarter, echo.first_new, echo.last_new, echo.channel) == (12, 3, 2, 0, "poster")
    assert echo.lever and echo.lever_zh and "3 位员工" in echo.evidence_zh


def test_echo_inside_one_small_circle():
    data = fission_data()
    circles = {m: "c7" for m in ("ex1", "ex2", "ex3", "adm")}
    staffless = RoleBook.from_rows([])
    [echo] = compute_fission(replace(data, book=staffless, circles=circles), "c").summary.echo
    assert (echo.kind, echo.group, echo.members) == ("circle", "c7", ECHO_MEMBERS)
    fewer = FissionOptions(echo_min_shares=13)
    assert compute_fission(data, "c", options=fewer).summary.echo == []


def test_real_fission_on_activated_joins(result):
    summary = result.summary
    kinds = {k.kind: k for k in summary.share_kinds}
    # adm (a manager) brought in r1-r3, all active: the only first-layer fission
    assert (kinds["first_layer"].joins, kinds["first_layer"].activated) == (3, 3)
    assert kinds["open"].joins == summary.invitations.joined - 3
    assert summary.invitations.activated == sum(k.activated for k in kinds.values())
    cascade = next(c for c in result.cascades if c.root == GENUINE)
    assert (cascade.size, cascade.joins, cascade.activated, cascade.retained) == (11, 10, 10, 10)
    growth = {g.period.isoformat(): g for g in summary.growth}
    # May: the roots f and h and their invitees enter; f's six never take part, h's four do
    assert (growth["2024-05-01"].entered, growth["2024-05-01"].active_entered) == (12, 6)
    # February: 24 enter and reach 23 others first, but bring in 24 activated members (x2 is
    # credited with x1's join in June: x1 was reached first by nobody)
    february = growth["2024-02-01"]
    assert (february.reproduction, february.active_reproduction) == (pytest.approx(23 / 24), 1.0)
    once = compute_fission(fission_data(), "c", options=FissionOptions(sustain=1)).summary
    assert once.critical_point is None
    assert (once.activated_critical_point.period.isoformat(), once.activated_critical_point.reproduction) == (
        "2024-02-01", 1.0)


def test_without_interactions_nothing_is_judged_on_activity():
    tables = community()
    tables["interactions"] = []
    summary = compute_fission(fission_data(tables), "quiet").summary
    assert summary.invitations.activated is None and summary.community_retention is None
    assert summary.activated_critical_point is None
    kinds = {kind for flags in flags_by_member(summary).values() for kind in flags}
    assert kinds == {"burst", "quick_leavers", "ring"}  # no star farm, chain or low retention
    assert all(k.activated is None for k in summary.share_kinds)


def test_without_activity_data_at_all():
    summary = compute_fission(fission_data(with_activity=False), "bare").summary
    assert summary.invitations.activated is None
    # no joined_at: no bursts; no departures: no quick leavers; the rings stay
    assert {k for flags in flags_by_member(summary).values() for k in flags} == {"ring"}


def test_thresholds_are_options():
    data = fission_data()
    strict = FissionOptions(burst_joins=7, harvest_invitees=5, star_farm_invitees=7, new_account_chain=4)
    flagged = flags_by_member(compute_fission(data, "c", options=strict).summary)
    assert set(flagged) == {"r1", "r2", "r3", "x1", "x2", "l"}
    wider = FissionOptions(burst_minutes=1)
    assert "b" not in flags_by_member(compute_fission(data, "c", options=wider).summary)


def test_fission_options_are_checked():
    with pytest.raises(ConfigurationError, match="star_farm_share"):
        FissionOptions(star_farm_share=1.5)
    with pytest.raises(ConfigurationError, match="burst_minutes"):
        FissionOptions(burst_minutes=0)
    with pytest.raises(ConfigurationError, match="long_retention_days"):
        FissionOptions(retention_days=60, long_retention_days=30)
    options = FissionOptions.from_config({"fission": {"activation_days": 3, "low_retention_p": 0.05}})
    assert (options.activation_days, options.low_retention_p) == (3, 0.05)
    with pytest.raises(ConfigurationError, match="no key 'burst'"):
        checked_table({"burst": 3}, FissionOptions(), "fission", None)


def test_activation_window():
    data = fission_data()
    forest = build_forest(data.edges)
    # l's invitees took part one day after joining: activated with 7 days, not with a day's
    # window missed by an hour
    wide = member_quality(forest, data.activity, data.book)
    l0 = data.edges.index_of("l0")
    assert wide.activated[l0] and not wide.retained[l0] and wide.eligible[l0]
    narrow = member_quality(forest, data.activity, data.book, FissionOptions(activation_days=1))
    assert narrow.activated[l0]  # exactly one day after: inside the window
    h0 = data.edges.index_of("h0")
    assert wide.left[h0] and wide.left_soon[h0] and not wide.removed[h0]
    assert wide.removed[data.edges.index_of("h3")]
    f0 = data.edges.index_of("f0")
    assert wide.hollow[f0] and not wide.hollow[data.edges.index_of("b0")]


def test_a_rejoin_is_not_a_departure():
    tables = community()
    h0 = next(row for row in tables["members"] if row["member_id"] == "h0")
    h0["left_at"] = h0["joined_at"] - timedelta(days=10)  # left before joining again
    data = fission_data(tables)
    quality = member_quality(build_forest(data.edges), data.activity, data.book)
    assert not quality.left[data.edges.index_of("h0")] and quality.left[data.edges.index_of("h1")]


def test_binomial_tail():
    assert binomial_cdf(0, 12, 0.5) == pytest.approx(0.5 ** 12)
    assert binomial_cdf(2, 5, 0.3) == pytest.approx(0.7 ** 5 + 5 * 0.3 * 0.7 ** 4 + 10 * 0.09 * 0.7 ** 3)
    assert binomial_cdf(5, 5, 0.3) == pytest.approx(1.0)
    assert binomial_cdf(0, 3, 0.0) == 1.0


def test_strongly_connected_against_networkx():
    rng = np.random.default_rng(3)
    for _ in range(30):
        n = int(rng.integers(2, 40))
        m = int(rng.integers(1, 3 * n))
        source, target = rng.integers(0, n, m), rng.integers(0, n, m)
        keep = source != target
        graph = nx.DiGraph()
        graph.add_edges_from(zip(source[keep].tolist(), target[keep].tolist()))
        expected = sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)
        assert strongly_connected(source[keep], target[keep], n) == expected


def test_flags_come_from_inviter_flags(result):
    forest, quality = result.forest, result.quality
    direct = inviter_flags(forest, quality)
    assert {str(forest.ids[m]): {f.kind for f in flags} for m, flags in direct.items()} == FLAGGED
