"""What commands print and write says what is so: a finished run's end time, and files that
hold member data readable by their owner only, whatever the umask."""

import json
import os
import stat
from datetime import datetime

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.generate.community import GeneratorOptions, generate_community


@pytest.fixture()
def wide_umask():
    previous = os.umask(0)  # files would be world-writable if their mode came from the umask
    yield
    os.umask(previous)


@pytest.fixture()
def export(tmp_path):
    directory = tmp_path / "export"
    generate_community(directory, GeneratorOptions(members=150, seed=2))
    with open(directory / "members.csv", "a", encoding="utf-8") as handle:
        handle.write("bad,Bad Row,not-a-date,,,\n")
    return directory


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_analyze_json_gives_a_finished_runs_end(connection, community, export, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["-q", "load", "csv", str(export), "--community", community,
                               "--rejects", str(tmp_path / "r.csv")]).exit_code == 1
    result = runner.invoke(cli, ["-q", "analyze", "--community", community, "--format", "json"])
    assert result.exit_code == 0, result.output
    run = json.loads(result.output)["run"]
    [stored] = connection.read_text("MATCH (a:AnalysisRun {id: $run}) RETURN a.finished_at AS at, a.status AS s",
                                    {"run": run["id"]})[1]
    assert stored["s"] == "done" and run["finished_at"] is not None
    assert datetime.fromisoformat(run["finished_at"]) == stored["at"].to_native()


def test_reject_files_and_reports_are_the_owners_only(connection, community, export, tmp_path, wide_umask):
    runner = CliRunner()
    rejects = tmp_path / "rejects.csv"
    loaded = runner.invoke(cli, ["-q", "load", "csv", str(export), "--community", community, "--rejects",
                                 str(rejects)])
    assert loaded.exit_code == 1 and mode(rejects) == 0o600, oct(mode(rejects))
    assert runner.invoke(cli, ["-q", "analyze", "--community", community]).exit_code == 0
    earlier = tmp_path / "report.md"
    earlier.write_text("an earlier report, shared by mistake", encoding="utf-8")
    earlier.chmod(0o666)
    for fmt, path in (("html", tmp_path / "report.html"), ("md", earlier), ("json", tmp_path / "r.json")):
        result = runner.invoke(cli, ["-q", "report", "--community", community, "--format", fmt,
                                     "--output", str(path)])
        assert result.exit_code == 0, result.output
        assert mode(path) == 0o600, (fmt, oct(mode(path)))
    assert "earlier report" not in earlier.read_text(encoding="utf-8")


def test_a_jobs_report_and_rejects_are_the_owners_only(connection, community, export, tmp_path, wide_umask):
    job = tmp_path / "job.toml"
    job.write_text(f'[job]\nname = "modes"\ncommunity = "{community}"\n\n'
                   f'[[steps]]\nkind = "load_csv"\npath = "{export}"\nrejects = "out/rejects.csv"\n\n'
                   '[[steps]]\nkind = "analyze"\n\n'
                   '[[steps]]\nkind = "report"\nformat = "md"\noutput = "out/report.md"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "job", "run", str(job)])
    assert result.exit_code == 1, result.output  # the bad row
    assert mode(tmp_path / "out" / "rejects.csv") == 0o600 and mode(tmp_path / "out" / "report.md") == 0o600
