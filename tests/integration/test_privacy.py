"""Privacy against the real server: pseudonymised reports, forgetting a member, loads that drop names."""

from __future__ import annotations

import csv
import json
import re
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

import graphmodel
from graphmodel.analysis import analyze
from graphmodel.cli import cli
from graphmodel.core.errors import LockTimeout, UnknownCommunity
from graphmodel.fission import fission_summary
from graphmodel.generate import PROBLEMS, GeneratorOptions, generate_community
from graphmodel.graph.community import community_content
from graphmodel.graph.lock import CommunityLock
from graphmodel.graph.tombstones import forget_member
from graphmodel.jobs import Workspace, run_job
from graphmodel.jobs.spec import JobSpec, StepSpec
from graphmodel.loaders import load_directory
from graphmodel.loaders.chat import load_export
from graphmodel.report import FORMATS, LANGUAGES, Pseudonyms, report_text

SALTED = Pseudonyms(b"a test salt of some length")
PSEUDONYM = re.compile(r"M-[A-Z2-7]{10}")
COMMUNITY_NAME = "张三的读书会"


def people(directory: Path) -> set[str]:
    """Every member id and name in the interchange files (outsiders are ids in the edge tables)."""
    found: set[str] = set()
    with open(directory / "members.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found.update(v for v in (row["member_id"], row["name"]) if v)
    for table in ("interactions", "shares"):
        with open(directory / f"{table}.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                found.update((row["source"], row["target"]))
    return found


def named(connection, community: str, member: str) -> list[dict]:
    """Every node property of the community that holds ``member`` or a text or list containing it."""
    return connection.read_text(
        "MATCH (n) WHERE n.community = $c AND NOT n:Tombstone UNWIND keys(n) AS k WITH n, k, n[k] AS v "
        "WHERE v = $m OR (valueType(v) STARTS WITH 'STRING' AND v CONTAINS $m) "
        "OR (valueType(v) STARTS WITH 'LIST<STRING' AND any(x IN v WHERE x CONTAINS $m)) "
        "RETURN labels(n) AS labels, k AS key, v AS value", {"c": community, "m": member})[1]


def write(connection, query: str, **params) -> list:
    return connection.driver.execute_query(query, params, database_=connection.database).records


@pytest.fixture(scope="module")
def analysed(connection, tmp_path_factory):
    """A generated community with every planted problem, analysed twice and through fission."""
    community = f"test-privacy-{uuid.uuid4().hex[:8]}"
    directory = tmp_path_factory.mktemp("privacy")
    generate_community(directory, GeneratorOptions(members=400, seed=11, problems=PROBLEMS))
    load_directory(connection, directory, community, name=COMMUNITY_NAME, reject_path=directory / "r.csv")
    analyze(connection, community, as_of="2024-09-30")
    analyze(connection, community)
    fission_summary(connection, community)
    yield community, directory
    connection.run_auto("community_delete", community=community)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_pseudonymised_report_names_no_member(connection, analysed, fmt, lang):
    community, directory = analysed
    everyone = people(directory)
    plain = report_text(connection, community, fmt, lang)
    assert COMMUNITY_NAME in plain and len([p for p in everyone if p in plain]) > 20  # what there is to hide
    text = report_text(connection, community, fmt, lang, pseudonyms=SALTED)
    assert [p for p in sorted(everyone) if p in text] == []
    assert COMMUNITY_NAME not in text and community in text
    assert len(set(PSEUDONYM.findall(text))) > 20


def test_pseudonyms_are_stable_across_formats_and_runs_and_salted(connection, analysed):
    community, _ = analysed
    plain = json.loads(report_text(connection, community, "json"))
    hidden = json.loads(report_text(connection, community, "json", pseudonyms=SALTED))
    leader = plain["leaders"][0]["member_id"]
    assert hidden["leaders"][0]["member_id"] == SALTED.of(community, leader)
    assert hidden["leaders"][0]["name"] == SALTED.of(community, leader)  # a name follows its member's id
    assert set(hidden["roles"]) == {SALTED.of(community, m) for m in plain["roles"]}
    assert hidden["changes"]["leaders_gained"] == [SALTED.of(community, m) for m in plain["changes"]["leaders_gained"]]
    html = report_text(connection, community, "html", "zh", pseudonyms=SALTED)
    assert all(m["member_id"] in html for m in hidden["leaders"][:5])
    again = json.loads(report_text(connection, community, "json", pseudonyms=SALTED))
    assert again["leaders"] == hidden["leaders"] and again["imbalances"] == hidden["imbalances"]
    other = json.loads(report_text(connection, community, "json", pseudonyms=Pseudonyms(b"another salt, also long")))
    assert other["leaders"][0]["member_id"] != hidden["leaders"][0]["member_id"]
    # findings that name members in their sentences name them by pseudonym
    tie = next(f for f in hidden["imbalances"] if f["rule"] == "single_tie_between_circles")
    assert all(m in tie["message"] for m in tie["members"])


def test_a_real_telegram_export_is_pseudonymised(connection, community, shared_data, tmp_path):
    """tgif-csharp-indonesia: a real Telegram Desktop export, with real user ids and display names."""
    source = shared_data / "chat-exports" / "telegram" / "tgif-csharp-indonesia" / "result.json"
    messages = json.loads(source.read_text(encoding="utf-8"))["messages"]
    # every person the export names, read from the export itself (not through the converter)
    everyone = {str(m[k]).strip() for m in messages for k in ("from", "from_id", "actor", "actor_id") if m.get(k)}
    assert len(everyone) >= 4
    load_export(connection, "telegram", source, community, reject_path=tmp_path / "r.csv")
    analyze(connection, community)
    plain = report_text(connection, community, "json")
    assert any(p in plain for p in everyone)
    for fmt in FORMATS:
        text = report_text(connection, community, fmt, "zh", pseudonyms=SALTED)
        assert [p for p in everyone if p in text] == [], fmt


def test_the_cli_pseudonymises_with_the_salt_from_the_environment(connection, analysed, cli_env):
    community, directory = analysed
    salt = "the salt of this installation, kept secret"
    result = CliRunner().invoke(cli, ["report", "--community", community, "--format", "json", "--output", "-",
                                      "--pseudonymise"], env={**cli_env, "GRAPHMODEL_PSEUDONYM_SALT": salt})
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["leaders"] and PSEUDONYM.fullmatch(document["leaders"][0]["member_id"])
    assert salt not in result.output
    assert [p for p in people(directory) if p in result.stdout] == []
    short = CliRunner().invoke(cli, ["report", "--community", community, "--output", "-", "--pseudonymise"],
                               env={**cli_env, "GRAPHMODEL_PSEUDONYM_SALT": "qz-7x"})
    assert short.exit_code == 2 and "GRAPHMODEL_PSEUDONYM_SALT" in short.output and "qz-7x" not in short.output


@pytest.fixture()
def forgetful(connection, community, tmp_path):
    """A generated community, analysed and through fission; its tombstones removed after."""
    directory = tmp_path / "export"
    generate_community(directory, GeneratorOptions(members=500, seed=7, problems=PROBLEMS))
    load_directory(connection, directory, community, reject_path=tmp_path / "r.csv")
    analyze(connection, community)
    fission_summary(connection, community)
    yield directory
    write(connection, "MATCH (t:Tombstone {community: $c}) DELETE t", c=community)


def test_forgetting_removes_the_member_and_a_reload_does_not_bring_them_back(connection, community, forgetful,
                                                                           tmp_path):
    [leader] = connection.read_text("MATCH (k:Circle {community: $c}) WHERE k.leader IS NOT NULL "
                                    "RETURN k.leader AS m ORDER BY k.size DESC LIMIT 1", {"c": community})[1]
    [root] = connection.read_text("MATCH (x:Cascade {community: $c}) WHERE x.size > 2 AND x.root <> $l "
                                  "RETURN x.root AS m ORDER BY x.size DESC LIMIT 1",
                                  {"c": community, "l": leader["m"]})[1]
    members = [leader["m"], root["m"]]
    assert all(named(connection, community, m) for m in members)  # named in results before
    done = [forget_member(connection, community, m) for m in members]
    assert all(d.found and d.relationships > 0 and d.scrubbed > 0 for d in done)
    assert done[1].cascades >= 1
    for member in members:
        assert named(connection, community, member) == []
    after = report_text(connection, community, "json")  # stored results still read, without them
    assert json.loads(after)["leaders"] and not any(f'"{m}"' in after for m in members)
    tombstones = connection.read_text("MATCH (t:Tombstone {community: $c}) RETURN t {.*} AS t", {"c": community})[1]
    assert len(tombstones) == 2 and not any(m in json.dumps(t["t"], default=str) for t in tombstones for m in members)

    after_forget = community_content(connection, community)
    summary = load_directory(connection, forgetful, community, reject_path=tmp_path / "r.csv")
    by_table = {t.table: t for t in summary.tables}
    assert by_table["members"].forgotten == 2 and by_table["interactions"].forgotten > 0
    assert summary.forgotten == sum(t.forgotten for t in summary.tables) and summary.rejected == 0
    assert community_content(connection, community) == after_forget  # nothing came back
    for member in members:
        assert named(connection, community, member) == []

    again = forget_member(connection, community, members[0])  # idempotent
    assert (again.found, again.relationships, again.scrubbed) == (False, 0, 0)
    assert community_content(connection, community) == after_forget

    # the tombstones outlive the community: rebuilding it from the same export skips them still
    connection.run_auto("community_delete", community=community)
    rebuilt = load_directory(connection, forgetful, community, reject_path=tmp_path / "r.csv")
    assert rebuilt.forgotten == summary.forgotten
    assert not connection.read_text("MATCH (m:Member {community: $c}) WHERE m.id IN $ids RETURN m",
                                    {"c": community, "ids": members})[1]


def test_forget_and_lift_through_the_cli(connection, community, forgetful, cli_env, tmp_path):
    [row] = connection.read_text("MATCH (m:Member {community: $c}) WHERE m.is_member RETURN m.id AS m "
                                 "ORDER BY m.id LIMIT 1", {"c": community})[1]
    member = row["m"]
    runner = CliRunner()
    result = runner.invoke(cli, ["forget", "--community", community, "--member", member, "--member", "nobody-x",
                                 "--format", "json"], env=cli_env)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["member"], r["found"]) for r in rows] == [(member, True), ("nobody-x", False)]
    assert "nobody-x" in result.stderr and "analyze" in result.stderr
    load = runner.invoke(cli, ["load", "csv", str(forgetful), "--community", community, "--rejects",
                               str(tmp_path / "r.csv")], env=cli_env)
    assert load.exit_code == 0 and "rows of forgotten members skipped" in load.output and "forgotten" in load.output
    lifted = runner.invoke(cli, ["forget", "--community", community, "--member", member, "--lift", "--format",
                                 "json"], env=cli_env)
    assert lifted.exit_code == 0 and json.loads(lifted.stdout) == [{"member": member, "lifted": True}]
    load_directory(connection, forgetful, community, reject_path=tmp_path / "r.csv")
    assert connection.read_text("MATCH (m:Member {community: $c, id: $m}) RETURN m.id AS m",
                                {"c": community, "m": member})[1] == [{"m": member}]
    unknown = runner.invoke(cli, ["forget", "--community", f"{community}-none", "--member", member], env=cli_env)
    assert unknown.exit_code == 1 and "no community" in unknown.output


def test_forget_takes_the_community_lock(connection, community, forgetful, local_server, tmp_path):
    with graphmodel.connect(config=tmp_path / "none.toml") as gm, CommunityLock(connection, community):
        with pytest.raises(LockTimeout):
            gm.forget(community, "m0000001", lock_wait=0.5)
    with graphmodel.connect(config=tmp_path / "none.toml") as gm:
        assert gm.forget(community, "m0000001").found
        with pytest.raises(UnknownCommunity):
            gm.forget(f"{community}-none", "m0000001", lock_wait=5)


def test_a_load_can_drop_names(connection, community, tmp_path, cli_env):
    directory = tmp_path / "export"
    generate_community(directory, GeneratorOptions(members=120, seed=2))
    names = "MATCH (m:Member {community: $c}) WHERE m.name IS NOT NULL RETURN count(m) AS n"
    load_directory(connection, directory, community, reject_path=tmp_path / "r.csv")
    assert connection.read_text(names, {"c": community})[1][0]["n"] > 100
    result = CliRunner().invoke(cli, ["-q", "load", "csv", str(directory), "--community", community, "--drop-names",
                                      "--rejects", str(tmp_path / "r.csv")], env=cli_env)
    assert result.exit_code == 0, result.output
    assert connection.read_text(names, {"c": community})[1][0]["n"] == 0  # names loaded before are gone too
    other = f"{community}-fresh"
    try:
        load_directory(connection, directory, other, reject_path=tmp_path / "r.csv", drop_names=True)
        assert connection.read_text(names, {"c": other})[1][0]["n"] == 0
        assert community_content(connection, other) == community_content(connection, community)
    finally:
        connection.run_auto("community_delete", community=other)


def test_a_job_loads_without_names_and_shares_a_pseudonymised_report(connection, community, tmp_path):
    directory = tmp_path / "export"
    generate_community(directory, GeneratorOptions(members=400, seed=11, problems=PROBLEMS))
    home = tmp_path / "home"
    steps = (StepSpec("load_csv", {"path": str(directory), "drop_names": True, "rejects": str(tmp_path / "r.csv")}),
             StepSpec("analyze", {}),
             StepSpec("report", {"format": "md", "output": str(tmp_path / "shared.md"), "pseudonymise": True}))
    result = run_job(Workspace(connection, home=home), JobSpec("share", community, steps, base_dir=tmp_path))
    assert result.status == "ok", result.error
    assert connection.read_text("MATCH (m:Member {community: $c}) WHERE m.name IS NOT NULL RETURN count(m) AS n",
                                {"c": community})[1] == [{"n": 0}]
    text = (tmp_path / "shared.md").read_text(encoding="utf-8")
    assert PSEUDONYM.search(text) and [p for p in people(directory) if p in text] == []
    salt = home / "pseudonym-salt"
    assert salt.stat().st_mode & 0o077 == 0 and salt.read_text().strip() not in text
