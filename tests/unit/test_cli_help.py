"""Every command has help that ends with an example, and docs/cli.md is current."""

from pathlib import Path

from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.cli.reference import reference, walk

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    missing = []
    for path, _command in walk(cli):
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        if "Example" not in result.output:
            missing.append(" ".join(path))
    assert not missing, f"commands without an Example in --help: {missing}"


def test_cli_reference_is_current():
    assert DOCS.read_text(encoding="utf-8") == reference(cli), (
        "docs/cli.md is out of date: run `python3 -m graphmodel.cli.reference > docs/cli.md`")


def test_every_command_is_in_the_reference():
    text = DOCS.read_text(encoding="utf-8")
    for path, _command in walk(cli):
        assert f"## graphmodel {' '.join(path)}\n" in text


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("graphmodel, version ")
