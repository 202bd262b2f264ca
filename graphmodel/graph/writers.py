"""Writing one table from several threads at once, each thread its own share of the rows.

Rows that touch different nodes do not wait for each other's locks, so consecutive shares of
a table ordered by member keep concurrent write transactions apart (the driver retries the
rare deadlock between them).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


def ranges(count: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` consecutive ``(start, stop)`` ranges covering ``range(count)``, as equal as can be."""
    parts = max(1, parts)
    bounds = [count * k // parts for k in range(parts + 1)]
    return list(zip(bounds, bounds[1:]))


def by_writers(count: int, write: Callable[[int, int], None], threads: int) -> None:
    """``write(start, stop)`` for ``threads`` consecutive shares of ``count`` rows, each on a
    thread of its own; the first error is raised once all have ended."""
    with ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="graphmodel-write") as pool:
        for done in [pool.submit(write, start, stop) for start, stop in ranges(count, threads)]:
            done.result()
