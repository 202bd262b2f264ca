"""Options several commands share, each declared once (sqlite-utils' ``output_options``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from graphmodel.core.asof import parse_as_of
from graphmodel.core.config import SETTINGS
from graphmodel.core.errors import ConfigurationError
from graphmodel.graph.lock import LOCK_WAIT

F = TypeVar("F", bound=Callable[..., Any])


class AsOfType(click.ParamType):
    """``--as-of``: an ISO date (the end of that day, UTC) or an ISO datetime."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return parse_as_of(value)
        except ConfigurationError as exc:
            self.fail(str(exc), param, ctx)


def community_option(help: str = "The community id.") -> Callable[[F], F]:
    return click.option("--community", "-c", required=True, help=help)


def as_of_option(what: str = "data", help: str | None = None) -> Callable[[F], F]:
    return click.option("--as-of", "as_of", type=AsOfType(), default=None,
                        help=help or f"Only {what} up to this date (end of day, UTC) or ISO datetime.")


def format_option(*choices: str, default: str | None = None, help: str = "Output format.") -> Callable[[F], F]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default or choices[0],
                        show_default=True, help=help)


def write_option(what: str = "the run and its results") -> Callable[[F], F]:
    return click.option("--write/--no-write", default=True, show_default=True,
                        help=f"Store {what} in the graph.")


def lang_option(help: str = "Language.") -> Callable[[F], F]:
    return click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help=help)


def top_option(default: int | None, help: str = "Rows per ranked list.") -> Callable[[F], F]:
    return click.option("--top", type=click.IntRange(1), default=default, show_default=default is not None,
                        help=help)


def lock_wait_option() -> Callable[[F], F]:
    return click.option("--lock-wait", "lock_wait", type=click.FloatRange(min=0), default=LOCK_WAIT,
                        show_default=True,
                        help="Seconds to wait for another run of the same community (a load, analysis, "
                             "fission or job) to finish; 0 refuses at once.")


def setting_options(function: F) -> F:
    """One option per setting, declared from the settings table."""
    for setting in reversed(SETTINGS):
        flag = "--" + setting.name.replace("_", "-")
        function = click.option(flag, setting.name, default=None, show_default=False,
                                help=f"{setting.help} [env: {setting.env}]")(function)
    return click.option("--config", "config", default=None, type=click.Path(dir_okay=False),
                        help="Config file [env: GRAPHMODEL_CONFIG; default: HOME/config.toml].")(function)
