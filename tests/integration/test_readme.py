"""The README's first-screen commands work, and CI runs the README's test command."""

import re
from pathlib import Path

from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.graph.community import community_content

ROOT = Path(__file__).resolve().parents[2]


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
