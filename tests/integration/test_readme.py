"""The README's first-screen commands work, CI runs the README's test command, and the
README's notebook snippet runs against the real server."""

import re
from pathlib import Path

from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.graph.community import community_content

ROOT = Path(__file__).resolve().parents[2]


SNIPPET_COMMUNITY = '"camp"'  # the community id in the README's snippet, replaced by the test's


def first_screen_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1)
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_first_screen_has_the_two_commands():
    setup, tests = first_screen_commands()
    assert setup.endswith("graphmodel demo")
    assert tests.endswith("python3 -m pytest")
    assert "python3 -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_readme_demo_runs_the_operator_path(connection, tmp_path):
    """The demo generates, loads, analyses, computes fission and writes a report, and
    finds the planted problems (a circle without a leader, a deep invitation chain)."""
    report = tmp_path / "demo.html"
    result = CliRunner().invoke(cli, ["--quiet", "demo", "--output", str(report)])
    assert result.exit_code == 0, result.output
    assert "loaded" in result.output and "(0 rejected)" in result.output
    assert "have no leader" in result.output
    assert "generations deep" in result.output
    assert result.output.strip().endswith(str(report.resolve()))
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "demo" in html
    first = community_content(connection, "demo")
    assert first.nodes > 2_000

    again = CliRunner().invoke(cli, ["--quiet", "demo", "--output", str(report)])
    assert again.exit_code == 0, again.output
    assert again.output == result.output  # the same findings, circles included
    content = community_content(connection, "demo")  # (run ids differ, so no checksum)
    assert (content.nodes, content.relationships) == (first.nodes, first.relationships)


def notebook_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", readme, re.S).group(1)


def test_readme_notebook_snippet_runs(connection, community, tmp_path, monkeypatch, capsys):
    """The snippet, given a folder made by `graphmodel generate camp-data`, loads, analyses,
    queries and computes fission, and prints what the graph then holds."""
    made = CliRunner().invoke(cli, ["-q", "generate", str(tmp_path / "camp-data"), "--members", "300", "--seed", "11"])
    assert made.exit_code == 0, made.output
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GRAPHMODEL_CONFIG", str(tmp_path / "no-config.toml"))
    snippet = notebook_snippet()
    assert snippet.count(SNIPPET_COMMUNITY) == 4, "the snippet names its community four times"
    exec(compile(snippet.replace(SNIPPET_COMMUNITY, repr(community)), "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()

    [run] = connection.read_text(
        "MATCH (a:AnalysisRun {community: $c, status: 'done'}) RETURN a.id AS id, a.circles AS circles",
        {"c": community})[1]
    leaders = [r["id"] for r in connection.read_text(
        "MATCH (m:Member {community: $c})-[:HAS_ROLE {source: 'inferred', run: $run, role: 'leader'}]->() "
        "RETURN m.id AS id ORDER BY m.leader_score DESC, m.id LIMIT 5", {"c": community, "run": run["id"]})[1]]
    [fission] = connection.read_text("MATCH (f:FissionRun {community: $c}) RETURN f.max_depth AS depth",
                                     {"c": community})[1]
    assert leaders and run["circles"] > 0 and fission["depth"] > 0
    assert printed[0].split() == ["member_id", "score", "evidence"]
    assert [line.split()[1] for line in printed[1:1 + len(leaders)]] == leaders
    assert "circle" in printed[1 + len(leaders)] and run["id"] in "\n".join(printed)
    assert printed[-1] == str(fission["depth"])
    assert not list(tmp_path.glob("graphmodel-rejects-*.csv"))  # the generated folder loads whole
