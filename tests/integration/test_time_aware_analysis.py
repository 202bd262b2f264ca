"""Time-aware analysis on the real server: windows, decay, departures, at-risk members, circle evolution."""

import json
import random
from datetime import UTC, datetime, timedelta

import jsonschema
import pytest
from click.testing import CliRunner

from graphmodel.analysis import AnalysisOptions, analyze, load_analysis
from graphmodel.cli import cli
from graphmodel.core.interchange import InterchangeWriter
from graphmodel.loaders import load_directory

SPLIT = datetime(2024, 6, 1, tzinfo=UTC)
BEFORE, AFTER = "2024-05-31", "2024-08-30"  # a run the day before the split, one three months after
CIRCLE = [f"c{i:02d}" for i in range(60)]
LEFT, RIGHT = CIRCLE[:30], CIRCLE[30:]
OTHERS = [f"o{i:02d}" for i in range(40)]
EARLY = CIRCLE[:4]  # talk only before the split


def write_split_community(directory, seed=3, per_day=20):
    """A 60-member circle led by ``kol`` for 90 days; from 2024-06-01 its two halves talk only
    inside themselves and ``kol`` falls silent. Beside it a 40-member circle led by ``ko`` all
    along. ``gone`` talks in the left half and leaves on 2024-07-01; ``back`` left on
    2024-07-01 and rejoined on 2024-07-15."""
    rng = random.Random(seed)
    rows = []

    def at(day):
        return (SPLIT + timedelta(days=day, seconds=rng.randrange(86400))).isoformat()

    for day in range(-90, 90):
        for _ in range(per_day):
            if day < 0:
                if rng.random() < 0.3:
                    m = rng.choice(CIRCLE)
                    a, b = (m, "kol") if rng.random() < 0.6 else ("kol", m)
                else:
                    a, b = rng.sample(CIRCLE, 2)
            else:
                half = [m for m in (LEFT if rng.random() < 0.5 else RIGHT) if m not in EARLY]
                a, b = rng.sample(half, 2)
            rows.append({"source": a, "target": b, "type": "reply", "at": at(day)})
        for _ in range(per_day // 2):
            if rng.random() < 0.3:
                m = rng.choice(OTHERS)
                a, b = (m, "ko") if rng.random() < 0.6 else ("ko", m)
            else:
                a, b = rng.sample(OTHERS, 2)
            rows.append({"source": a, "target": b, "type": "reply", "at": at(day)})
        if day < 30:
            rows.append({"source": "gone", "target": rng.choice(LEFT[5:]), "type": "reply", "at": at(day)})
        rows.append({"source": "back", "target": rng.choice(OTHERS), "type": "reply", "at": at(day)})
    start = (SPLIT - timedelta(days=100)).date().isoformat()
    members = [{"member_id": m, "name": m, "joined_at": start} for m in ["kol", "ko", "gone", *CIRCLE, *OTHERS]]
    members[2].update(left_at="2024-07-01T00:00:00Z", left_reason="left")
    members.append({"member_id": "back", "name": "back", "joined_at": "2024-07-15T00:00:00Z",
                    "left_at": "2024-07-01T00:00:00Z", "left_reason": "removed"})
    with InterchangeWriter(directory) as out:
        out.write("members", members)
        out.write("interactions", rows)


@pytest.fixture(scope="module")
def split(connection, tmp_path_factory):
    """The split community, analysed the day before the split and three months after (defaults)."""
    import uuid

    community = f"test-split-{uuid.uuid4().hex[:8]}"
    directory = tmp_path_factory.mktemp("split")
    write_split_community(directory)
    assert load_directory(connection, directory, community, reject_path=directory / "r.csv").rejected == 0
    before = analyze(connection, community, as_of=BEFORE)
    after = analyze(connection, community, as_of=AFTER)
    yield community, before, after
    connection.run_auto("community_delete", community=community)


def circle_of(result, member):
    return next(c for c in result.circles if member in c.members)


def test_a_circle_that_breaks_in_two_after_a_date_splits_between_a_run_before_and_one_after(connection, split):
    community, before, after = split
    circle = circle_of(before, "c10")
    assert set(CIRCLE) <= set(circle.members)
    halves = circle_of(after, "c10"), circle_of(after, "c40")
    assert halves[0].circle_id != halves[1].circle_id
    assert set(LEFT[5:]) <= set(halves[0].members) and set(RIGHT) <= set(halves[1].members)
    [event] = [e for e in after.circle_events if e.event == "split"]
    assert event.before == (circle.circle_id,) and set(event.after) == {h.circle_id for h in halves}
    assert event.run_before == before.run.id and event.run_after == after.run.id
    assert event.overlap > 0.9
    assert {(e.event, e.before) for e in after.circle_events if e.event != "split"} == {
        ("continue", (circle_of(before, "o01").circle_id,))}
    assert not before.circle_events  # the community's first run has nothing to be matched with
    became = connection.driver.execute_query(
        "MATCH (a:Circle {run: $before})-[b:BECAME]->(z:Circle {run: $after}) "
        "RETURN a.id AS a, z.id AS z, b.event AS event, b.overlap AS overlap",
        before=before.run.id, after=after.run.id).records
    assert {(r["a"], r["z"], r["event"]) for r in became if r["event"] == "split"} == {
        (circle.circle_id, h.circle_id, "split") for h in halves}
    assert [e.event for e in load_analysis(connection, community).circle_events] == [
        e.event for e in after.circle_events]


def test_a_leader_silent_since_the_split_is_the_first_at_risk(split):
    _community, before, after = split
    assert "kol" in {m.member_id for m in before.leaders}
    assert "kol" not in {m.member_id for m in after.leaders}  # no audience in the window
    top = after.at_risk[0]
    assert top.member_id == "kol" and top.reasons[0].kind == "leader_quiet"
    assert "0 interactions in the last 30 days" in top.reasons[0].evidence and top.reasons[0].lever_zh
    assert set(top.circles) >= {circle_of(after, "c10").circle_id, circle_of(after, "c40").circle_id}
    assert top.score > max(m.score for m in after.at_risk[1:])
    assert "kol" not in {m.member_id for m in before.at_risk}


def test_members_active_only_before_the_window_do_not_count_as_active(connection, split):
    community, before, after = split
    for member in EARLY:
        assert "participant" in before.roles[member].inferred
        assert not {"participant", "leader"} & set(after.roles[member].inferred), after.roles[member]
    window = after.figures["window"]
    assert window["window_start"].startswith("2024-08-01") and window["end"].startswith("2024-08-31")
    whole = analyze(connection, community, AnalysisOptions(active_window_days=0), as_of=AFTER, write=False)
    for member in EARLY:
        assert "participant" in whole.roles[member].inferred  # the whole history counts them
    assert after.figures["active_share"] < whole.figures["active_share"]


def test_decay_takes_a_silent_leaders_influence_away(connection, split):
    community, _before, _after = split
    whole = AnalysisOptions(active_window_days=0)
    kept = analyze(connection, community, AnalysisOptions(active_window_days=0, tie_half_life_days=0), as_of=AFTER,
                   write=False)
    decayed = analyze(connection, community, whole, as_of=AFTER, write=False)

    def share(result):  # the silent KOL's influence against the leader who kept talking
        influence = {m.member_id: m.metrics["influence"] for m in result.leaders}
        return influence.get("kol", 0.0) / influence["ko"]

    assert share(decayed) < 0.8 * share(kept)  # measured: 0.75 without decay, 0.54 with


def test_members_who_left_are_not_current_and_a_rejoin_is(split):
    _community, before, after = split
    assert "gone" in before.roles and "participant" in before.roles["gone"].inferred
    assert after.roles["gone"].inferred == ()
    assert all("gone" not in c.members for c in after.circles)
    assert after.figures["departed"] == 1 and after.run.members == before.run.members
    assert after.roles["back"].inferred  # left on 2024-07-01, joined again on 2024-07-15
    assert "back" not in before.roles  # had not joined by then


def test_named_queries_history_and_the_report_show_them(connection, split, cli_env):
    from graphmodel import queries
    from graphmodel.report import build_document, gather, render, schema

    community, before, after = split
    [top, *_] = queries.run_named(connection, "at_risk", {"community": community}).rows
    assert top["member_id"] == "kol" and top["reasons"] == ["leader_quiet"] and top["analysis_run"] == after.run.id
    events = queries.run_named(connection, "circle_events", {"community": community}).rows
    assert [(e["event"], e["run_before"], e["run_after"]) for e in events if e["event"] == "split"] == [
        ("split", before.run.id, after.run.id)]

    shown = CliRunner().invoke(cli, ["-q", "history", "--community", community], env=cli_env)
    assert shown.exit_code == 0, shown.output
    assert "Circle events 圈子演变 (1 continued" in shown.output and "split" in shown.output
    data = json.loads(CliRunner().invoke(cli, ["-q", "history", "--community", community, "--format", "json"],
                                         env=cli_env).output)
    assert [e["event"] for e in data["circle_events"]] == [e.event for e in after.circle_events]

    table = CliRunner().invoke(cli, ["-q", "analyze", "--community", community, "--as-of", AFTER, "--no-write"],
                               env=cli_env)
    assert table.exit_code == 0, table.output
    assert "At risk of leaving 流失风险" in table.output and "leader_quiet" in table.output
    summary = json.loads(CliRunner().invoke(cli, ["-q", "analyze", "--community", community, "--as-of", AFTER,
                                                  "--no-write", "--format", "json"], env=cli_env).output)
    assert summary["at_risk"][0]["member_id"] == "kol" and summary["figures"]["window"]["active_window_days"] == 30
    assert summary["circle_events"] == []  # not written, so not matched

    document = json.loads(render(build_document(gather(connection, community), "zh"), "json"))
    jsonschema.validate(document, schema())
    assert document["at_risk"][0]["member_id"] == "kol"
    assert document["at_risk"][0]["reasons"][0]["evidence_zh"] and document["at_risk"][0]["circles"]
    [split_event] = [e for e in document["circle_events"] if e["event"] == "split"]
    assert split_event["run_before"] == before.run.id and len(split_event["after"]) == 2
    assert [p["run"] for p in document["trends"]["members"]] == [before.run.id, after.run.id]
    assert [p["value"] for p in document["trends"]["circles"]] == [len(before.circles), len(after.circles)]
    assert document["trends"]["active_share"][1]["value"] == after.figures["active_share"]


def test_a_run_as_of_an_earlier_date_is_matched_between_its_neighbours(connection, community, tmp_path):
    write_split_community(tmp_path / "data")
    load_directory(connection, tmp_path / "data", community, reject_path=tmp_path / "r.csv")
    after = analyze(connection, community, as_of=AFTER)
    assert not after.circle_events
    before = analyze(connection, community, as_of=BEFORE)  # started later, looks from earlier
    assert not before.circle_events
    relinked = load_analysis(connection, community, after.run.id).circle_events
    assert [e.run_before for e in relinked] == [before.run.id] * len(relinked)
    assert "split" in {e.event for e in relinked}
    middle = analyze(connection, community, as_of="2024-07-15")
    assert {e.run_before for e in middle.circle_events} == {before.run.id}
    assert {e.run_before for e in load_analysis(connection, community, after.run.id).circle_events} == {middle.run.id}
    sources = connection.driver.execute_query(
        "MATCH (a:Circle)-[b:BECAME]->(:Circle {run: $after}) RETURN DISTINCT a.run AS run, b.run AS edge",
        after=after.run.id).records
    assert [(r["run"], r["edge"]) for r in sources] == [(middle.run.id, after.run.id)]


def test_windowed_runs_find_the_generators_planted_change(connection, community, tmp_path, cli_env):
    """A leader gone quiet, members who left, a circle split after its leader left, and a cohort
    that retains worse, found with windowed runs, the circle events and compare."""
    from graphmodel.fission import fission_summary
    from graphmodel.generate import CHANGES, GeneratorOptions, generate_community

    truth = generate_community(tmp_path / "g", GeneratorOptions(members=2000, seed=7, changes=CHANGES))
    assert load_directory(connection, tmp_path / "g", community, reject_path=tmp_path / "r.csv").rejected == 0
    changes = truth.changes
    split_at = datetime.fromisoformat(changes["circle_split"]["at"])
    before = analyze(connection, community, as_of=(split_at - timedelta(days=1)).date().isoformat())
    after = analyze(connection, community, as_of="2024-12-31")
    fission_summary(connection, community, as_of="2024-12-31")

    halves = [set(h) for h in changes["circle_split"]["halves"]]
    whole = max(before.circles, key=lambda c: len(set(c.members) & (halves[0] | halves[1])))
    found = [max(after.circles, key=lambda c: len(set(c.members) & half)).circle_id for half in halves]
    [split] = [e for e in after.circle_events if e.before == (whole.circle_id,)]
    assert split.event == "split" and set(split.after) == set(found)

    ranked = [m.member_id for m in after.at_risk]
    quiet = changes["quiet_leader"]["member"]
    assert quiet in ranked[:10] and next(m for m in after.at_risk if m.member_id == quiet).reasons[0].kind == \
        "leader_quiet"
    gone = set(changes["departures"]["members"]) | {changes["circle_split"]["leader"]}
    assert after.figures["departed"] == len(gone)
    assert all(after.roles[m].inferred == () for m in gone)
    assert not gone & {m for c in after.circles for m in c.members}

    weak = changes["weak_cohort"]
    shown = CliRunner().invoke(cli, ["-q", "compare", "--community", community, "--cohort", weak["compare_with"],
                                     "--cohort", weak["cohort"], "--format", "json"], env=cli_env)
    assert shown.exit_code == 0, shown.output
    other, worse = (column["figures"] for column in json.loads(shown.output)["columns"])
    assert worse["retention"] < 0.6 * other["retention"], (worse["retention"], other["retention"])
    assert worse["retention_basis"] > 100 and other["retention_basis"] > 100
    page = CliRunner().invoke(cli, ["-q", "compare", "--community", community, "--cohort", weak["compare_with"],
                                    "--cohort", weak["cohort"], "--format", "html", "--lang", "zh"], env=cli_env)
    assert page.exit_code == 0 and "留存" in page.output and weak["cohort"] in page.output
    refused = CliRunner().invoke(cli, ["-q", "compare", "--community", community], env=cli_env)
    assert refused.exit_code != 0 and "--cohort" in refused.output
