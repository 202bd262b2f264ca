"""Progress on stderr for long operations (rich), silent with --quiet."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

Advance = Callable[[str, int], None]  # (what, how many more)


@contextlib.contextmanager
def row_progress(enabled: bool, unit: str = "rows") -> Iterator[Advance]:
    """A progress display with one counter per task name; yields ``advance(name, n)``."""
    if not enabled:
        yield lambda _name, _n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn(unit), TimeElapsedColumn())
    tasks: dict[str, TaskID] = {}
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        def advance(name: str, n: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=None)
            progress.advance(tasks[name], n)

        yield advance
