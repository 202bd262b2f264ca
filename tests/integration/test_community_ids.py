"""Community ids from users: kept intact in the graph, never used as file paths, refused
with a clear message when they cannot be an id."""

import os
import uuid

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.core.community_ids import MAX_COMMUNITY_ID, file_slug
from graphmodel.generate.community import GeneratorOptions, generate_community


@pytest.fixture()
def hostile_ids(connection):
    """Makes community ids with a unique prefix; removes their communities after the test."""
    made: list[str] = []
    prefix = f"test-{uuid.uuid4().hex[:8]}"

    def make(suffix: str) -> str:
        made.append(prefix + suffix)
        return made[-1]

    yield make
    for community in made:
        connection.run_auto("community_delete", community=community)
    for row in connection.read_text("CALL gds.graph.list() YIELD graphName RETURN graphName")[1]:
        if prefix in row["graphName"]:
            connection.read_text("CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName",
                                 {"name": row["graphName"]})


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    directory = tmp_path_factory.mktemp("ids") / "export"
    generate_community(directory, GeneratorOptions(members=150, seed=2))
    with open(directory / "members.csv", "a", encoding="utf-8") as handle:
        handle.write("bad,Bad Row,not-a-date,,,\n")  # one reject, for the default reject file
    return directory


def files_under(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("suffix", ["-../../../escape", "/nested/dir", "-..\\..\\windows", "/.."])
def test_ids_with_path_characters_write_files_only_where_they_were_asked(connection, hostile_ids, export,
                                                                        tmp_path, suffix):
    community = hostile_ids(suffix)
    here = tmp_path / "a" / "b" / "work"
    here.mkdir(parents=True)
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(here)
    try:
        loaded = runner.invoke(cli, ["-q", "load", "csv", str(export), "--community", community])
        assert loaded.exit_code == 1, loaded.output  # the one bad row
        analysed = runner.invoke(cli, ["-q", "analyze", "--community", community, "--format", "json"])
        assert analysed.exit_code == 0, analysed.output
        reported = runner.invoke(cli, ["-q", "report", "--community", community])
        assert reported.exit_code == 0, reported.output
    finally:
        os.chdir(old)
    slug = file_slug(community)
    assert files_under(tmp_path) == sorted([f"a/b/work/{slug}-report.html",
                                            f"a/b/work/graphmodel-rejects-{slug}.csv"])
    assert reported.output.strip() == f"{slug}-report.html"
    [row] = connection.read_text("MATCH (c:Community {id: $c}) RETURN c.id AS id", {"c": community})[1]
    assert row["id"] == community  # the id itself is kept as given


def test_the_longest_id_loads_analyses_and_reports(connection, hostile_ids, export, tmp_path):
    community = hostile_ids("训" * (MAX_COMMUNITY_ID - len(hostile_ids(""))))
    assert len(community) == MAX_COMMUNITY_ID
    runner = CliRunner()
    rejects = tmp_path / "default"
    rejects.mkdir()
    old = os.getcwd()
    os.chdir(rejects)
    try:
        assert runner.invoke(cli, ["-q", "load", "csv", str(export), "--community", community]).exit_code == 1
        analysed = runner.invoke(cli, ["-q", "analyze", "--community", community])
        assert analysed.exit_code == 0, analysed.output
        reported = runner.invoke(cli, ["-q", "report", "--community", community, "--format", "json"])
        assert reported.exit_code == 0, reported.output
    finally:
        os.chdir(old)
    assert len(files_under(rejects)) == 2


@pytest.mark.parametrize("community, says", [
    ("x" * 5_004, "5,004 characters long; at most 200"),
    ("", "empty"),
    ("camp\n7", "control character (U+000A)"),
    ("camp\u202e7", "bidirectional control character (U+202E)"),
])
@pytest.mark.parametrize("command", [["load", "csv", "EXPORT"], ["analyze"], ["fission"], ["report"],
                                     ["history"]])
def test_ids_that_cannot_be_ids_are_refused_before_any_work(connection, export, tmp_path, command, community,
                                                           says):
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        args = [str(export) if a == "EXPORT" else a for a in command]
        result = runner.invoke(cli, ["-q", *args, "--community", community])
    finally:
        os.chdir(old)
    assert result.exit_code == 2, result.output
    assert says in result.output and "unexpected error" not in result.output
    assert files_under(tmp_path) == []
    assert connection.read_text("MATCH (c:Community {id: $c}) RETURN c", {"c": community})[1] == []


def test_a_job_file_with_an_unusable_community_is_refused_naming_the_file(tmp_path):
    job = tmp_path / "job.toml"
    job.write_text('[job]\nname = "j"\ncommunity = "' + "y" * 300 + '"\n\n[[steps]]\nkind = "analyze"\n',
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "job", "run", str(job)])
    assert result.exit_code == 2 and str(job) in result.output and "300 characters long" in result.output
