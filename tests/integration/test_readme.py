"""The README's first-screen commands work, and CI runs the README's test command."""

import re
from pathlib import Path

from click.testing import CliRunner

from graphmodel.cli import cli

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


def test_readme_demo_runs(connection):
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "demo" in result.output
