"""What every command shares: the resolved settings, ``--quiet`` and, on demand, the facade."""

from __future__ import annotations

import click

from graphmodel.core.config import Settings
from graphmodel.facade import GraphModel


class AppContext:
    """The settings of this invocation and a ``GraphModel`` that connects on first use."""

    def __init__(self, settings: Settings, quiet: bool) -> None:
        self.settings = settings
        self.quiet = quiet
        self._model: GraphModel | None = None

    def echo(self, message: str) -> None:
        """Progress and log lines: stderr, silenced by --quiet."""
        if not self.quiet:
            click.echo(message, err=True)

    @property
    def model(self) -> GraphModel:
        if self._model is None:
            self._model = GraphModel(self.settings, echo=self.echo)
        return self._model

    def close(self) -> None:
        if self._model is not None:
            self._model.close()
            self._model = None


pass_app = click.make_pass_decorator(AppContext)
