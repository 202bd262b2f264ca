"""The quality of invitations, fraud signals and internal echo on the real server: the
hand-built community of tests/fission_cases.py loaded through the interchange loader,
and a generated community with planted cases (truth.json)."""

import json

import jsonschema
import numpy as np
import pytest
from click.testing import CliRunner

from graphmodel import queries
from graphmodel.analysis import analyze
from graphmodel.cli import cli
from graphmodel.core.interchange import InterchangeWriter
from graphmodel.fission import analyze_fission, fission_summary
from graphmodel.fission.source import MemberActivity, read_activity
from graphmodel.generate import GeneratorOptions, generate_community
from graphmodel.loaders import load_directory
from graphmodel.report import build_document, gather, render, schema
from tests.fission_cases import CHANNEL_FLAGS, ECHO_MEMBERS, FLAGGED, GENUINE, activity_columns
from tests.fission_cases import community as case_tables


@pytest.fixture()
def cases(connection, community, tmp_path):
    tables = case_tables()
    with InterchangeWriter(tmp_path / "cases") as writer:
        for table, rows in tables.items():
            writer.write(table, rows)
    summary = load_directory(connection, tmp_path / "cases", community, reject_path=tmp_path / "rejects.csv")
    assert summary.rejected == 0
    return community, tables


def flags_of(summary):
    return {i.member: {f.kind for f in i.flags} for i in summary.flagged}


def test_activity_read_from_the_graph_is_the_plain_count(connection, cases):
    community_id, tables = cases
    read = read_activity(connection, community_id, None)
    expected = MemberActivity.from_columns(**activity_columns(tables))
    for name in ("ids", "joined", "left", "left_reason", "started", "first", "last", "heard_from", "only_partner"):
        assert np.array_equal(getattr(read, name), getattr(expected, name)), name


def test_planted_cases_flagged_genuine_inviter_not(connection, cases):
    community_id, _ = cases
    summary = fission_summary(connection, community_id)
    assert flags_of(summary) == FLAGGED
    assert summary.inviters[0].member == GENUINE and not summary.inviters[0].flags
    assert {c.channel: {f.kind for f in c.flags} for c in summary.channels if c.flags} == CHANNEL_FLAGS
    [echo] = summary.echo
    assert echo.members == ECHO_MEMBERS and echo.cascades == ("ex1",)
    # what was written: the inviters' figures on their nodes, a flag node per signal
    _, rows, _ = connection.read_text(
        "MATCH (m:Member {community: $c}) WHERE m.inviter_run = $run "
        "RETURN m.id AS id, m.inviter_joined AS joined, m.inviter_retained AS retained, m.inviter_flags AS flags",
        {"c": community_id, "run": summary.run})
    written = {r["id"]: r for r in rows}
    assert (written["g"]["joined"], written["g"]["retained"], written["g"]["flags"]) == (10, 10, [])
    assert {m: set(r["flags"]) for m, r in written.items() if r["flags"]} == FLAGGED
    _, flags, _ = connection.read_text(
        "MATCH (f:FissionFlag {run: $run})-[:OF]->(:FissionRun {id: $run}) RETURN count(f) AS n", {"run": summary.run})
    assert flags[0]["n"] == sum(len(k) for k in FLAGGED.values()) + sum(len(k) for k in CHANNEL_FLAGS.values())


def test_named_queries(connection, cases):
    community_id, _ = cases
    run = fission_summary(connection, community_id).run
    c = {"community": community_id}
    best = queries.run_named(connection, "inviters", {**c, "limit": "3"}).rows
    assert best[0]["member_id"] == GENUINE and best[0]["fission_run"] == run
    assert (best[0]["invited"], best[0]["joined"], best[0]["activated"], best[0]["retained"],
            best[0]["became_leader"], best[0]["flags"]) == (10, 10, 10, 10, 1, [])
    flagged = queries.run_named(connection, "inviters", {**c, "flagged": "true", "limit": "50"}).rows
    assert {r["member_id"]: set(r["flags"]) for r in flagged} == FLAGGED
    h = next(r for r in flagged if r["member_id"] == "h")
    assert (h["left"], h["left_share"], h["left_soon"]) == (4, 1.0, 4)
    signals = queries.run_named(connection, "fission_flags", c).rows
    assert {(r["member_id"], r["kind"]) for r in signals if r["member_id"]} == {
        (m, k) for m, kinds in FLAGGED.items() for k in kinds}
    assert all(r["evidence"] and r["evidence_zh"] and r["label_zh"] for r in signals)
    rings = queries.run_named(connection, "fission_flags", {**c, "kind": "ring"}).rows
    assert sorted(r["member_id"] for r in rings) == ["r1", "r2", "r3", "x1", "x2"]
    channels = queries.run_named(connection, "fission_channels", c).rows
    assert [r["channel"] for r in channels] == ["wechat", "link", "qr_code", "poster"]
    assert {r["channel"]: set(r["flags"]) for r in channels if r["flags"]} == CHANNEL_FLAGS
    [echo] = queries.run_named(connection, "fission_echo", c).rows
    assert (echo["kind"], echo["members"], echo["shares"], echo["first_new"], echo["last_new"]) == (
        "staff", list(ECHO_MEMBERS), 12, 2, 0)
    [quality] = queries.run_named(connection, "fission_quality", c).rows
    assert (quality["joins"], quality["first_layer_joins"], quality["first_layer_activated"]) == (46, 3, 3)
    assert quality["flagged_inviters"] == len(FLAGGED) and quality["echo_findings"] == 1


def test_an_earlier_run_clears_what_no_longer_holds(connection, cases):
    community_id, _ = cases
    fission_summary(connection, community_id)
    may = fission_summary(connection, community_id, "2024-05-01")
    # as of May: no star farm (May), chain of new accounts or ring (June) yet; the burst (April)
    # and l's invitees, who joined in February and March and were silent after a day, are there
    assert flags_of(may) == {"b": {"burst"}, "l": {"low_retention"}}
    _, rows, _ = connection.read_text(
        "MATCH (m:Member {community: $c}) WHERE m.inviter_joined IS NOT NULL "
        "RETURN m.id AS id, m.inviter_run AS run, m.inviter_flags AS flags", {"c": community_id})
    assert {r["run"] for r in rows} == {may.run}
    assert not {"n1", "n2", "n3", "x2", "h"} & {r["id"] for r in rows}
    assert sorted(r["id"] for r in rows if r["flags"]) == ["b", "l"]


def test_fission_command_tables_and_json(connection, cases, cli_env):
    community_id, _ = cases
    runner = CliRunner()
    result = runner.invoke(cli, ["-q", "fission", "--community", community_id, "--no-write", "--lang", "zh"],
                           env=cli_env)
    assert result.exit_code == 0, result.output
    for title in ("Inviters by quality", "Channels", "Fraud signals", "Internal echo"):
        assert title in result.output
    assert "星形养号" in result.output and "互相邀请" in result.output
    data = json.loads(runner.invoke(cli, ["-q", "fission", "--community", community_id, "--no-write",
                                          "--format", "json"], env=cli_env).output)
    assert {i["member"] for i in data["flagged"]} == set(FLAGGED)
    assert data["inviters"][0]["member"] == GENUINE and data["inviters"][0]["quality"]["retained"] == 10
    assert data["echo"][0]["members"] == list(ECHO_MEMBERS)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_shows_inviters_and_channels_by_quality(connection, cases, lang):
    community_id, _ = cases
    analyze(connection, community_id)
    summary = fission_summary(connection, community_id)
    assert flags_of(summary) == FLAGGED  # the analysis's roles and circles change nothing here
    document = json.loads(render(build_document(gather(connection, community_id), lang), "json"))
    jsonschema.validate(document, schema())
    fission = document["fission"]
    inviters = {i["member_id"]: i for i in fission["inviters"]}
    assert fission["inviters"][0]["member_id"] == GENUINE and inviters[GENUINE]["flags"] == []
    assert {m: {f["kind"] for f in i["flags"]} for m, i in inviters.items() if i["flags"]} == FLAGGED
    burst = inviters["b"]["flags"][0]
    assert burst["evidence"].startswith("6 invitees joined within 10 minutes")
    assert burst["evidence_zh"].startswith("6 位受邀者在 10 分钟内加入")
    channels = {c["channel"]: c for c in fission["channels"]}
    assert {c: {f["kind"] for f in v["flags"]} for c, v in channels.items() if v["flags"]} == CHANNEL_FLAGS
    assert (channels["link"]["joined"], channels["link"]["retained"]) == (16, 0)
    [echo] = fission["echo"]
    assert echo["members"] == list(ECHO_MEMBERS) and echo["lever_zh"]
    split = {k["kind"]: k for k in fission["activated"]["split"]}
    assert (split["first_layer"]["joins"], split["first_layer"]["activated"]) == (3, 3)
    findings = [r["finding"] for r in document["recommendations"]]
    assert "fraud_signals" in findings and "internal_echo" in findings


def test_generated_community_finds_exactly_the_planted_cases(connection, community, tmp_path):
    truth = generate_community(tmp_path / "g", GeneratorOptions(members=1_200, seed=3, problems=("fission_fraud",)))
    load_directory(connection, tmp_path / "g", community, reject_path=tmp_path / "rejects.csv")
    planted = truth.problems["fission_fraud"]
    expected = {planted["star_farm"]["inviter"]: set(planted["star_farm"]["flags"]),
                planted["burst_inviter"]["inviter"]: set(planted["burst_inviter"]["flags"]),
                **{m: set(planted["ring"]["flags"]) for m in planted["ring"]["members"]}}
    for analysed in (False, True):  # declared roles only, then with the analysis's roles and circles
        if analysed:
            analyze(connection, community)
        summary = analyze_fission(connection, community).summary
        found = flags_of(summary)
        assert set(found) == set(expected)  # exactly the planted inviters
        # each raises the signals planted (the farm's silent invitees may add low retention)
        assert all(expected[m] <= kinds <= expected[m] | {"low_retention"} for m, kinds in found.items())
        strong = planted["strong_inviters"]["inviters"]
        assert {i.member for i in summary.inviters[:len(strong)]} == set(strong)
        assert all(not i.flags for i in summary.inviters if i.member in strong)
        [echo] = summary.echo
        assert (echo.kind, list(echo.members), echo.channel) == ("staff", planted["echo_group"]["members"], "moments")
        assert echo.shares == planted["echo_group"]["shares"] and echo.last_new == 0
