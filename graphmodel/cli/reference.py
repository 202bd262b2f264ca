"""The CLI reference (docs/cli.md), generated from the commands' own --help.

    python3 -m graphmodel.cli.reference > docs/cli.md

A unit test fails when docs/cli.md differs from what this prints, so the
reference cannot drift from the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click


def walk(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command below ``group``, depth first, in name order."""
    for name in sorted(group.commands):
        command = group.commands[name]
        path = prefix + (name,)
        yield path, command
        if isinstance(command, click.Group):
            yield from walk(command, path)


def help_text(root: click.Group, path: tuple[str, ...]) -> str:
    """What ``graphmodel PATH --help`` prints, at a fixed width of 100 columns."""
    settings: dict[str, Any] = {"terminal_width": 100, "max_content_width": 100}
    context = root.make_context("graphmodel", [], resilient_parsing=True, **settings)
    command: click.Command = root
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
        context = command.make_context(name, [], parent=context, resilient_parsing=True, **settings)
    return command.get_help(context)


def reference(root: click.Group) -> str:
    lines = ["# graphmodel CLI reference", "",
             "Generated from `--help` by `python3 -m graphmodel.cli.reference > docs/cli.md`; "
             "a test keeps it current.", ""]
    for path in [(), *(p for p, _ in walk(root))]:
        lines += [f"## graphmodel {' '.join(path)}".rstrip(), "", "```text",
                  help_text(root, path).rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    from graphmodel.cli import cli

    print(reference(cli), end="")
