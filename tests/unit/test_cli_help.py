"""Every command has help that ends with an example."""

import click
from click.testing import CliRunner

from graphmodel.cli import cli


def walk(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        path = prefix + (name,)
        yield path, command
        if isinstance(command, click.Group):
            yield from walk(command, path)


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    missing = []
    for path, _command in walk(cli):
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        if "Example" not in result.output:
            missing.append(" ".join(path))
    assert not missing, f"commands without an Example in --help: {missing}"


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("graphmodel, version ")
