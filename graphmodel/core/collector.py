"""Python's cyclic garbage collector without its full collections while a large piece of work runs.

    @full_collections_deferred()
    def analyze(...): ...

Loads, analyses and fission runs keep large tables for their whole length (a million
members' ids, nodes, columns, lists of whom each addressed), and every full collection walks
them all again; at a million members those collections cost a loaded community's members table
a quarter of its time. The driver leaves each transaction's result in a reference cycle that
only the collector frees (the connection empties the parameters it holds, a batch of rows, when
the transaction ends: graph.connection). So while the work runs, young collections come less
often and gather more (a transaction's cycle dies young instead of reaching the oldest
generation), and the oldest generation is collected only after a thousand middle collections
(about a billion allocations, more than such a run makes); the thresholds are as before once
the last such piece of work in the process has ended.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

# objects allocated between young collections, young collections between middle ones, middle
# ones between full ones (Python's defaults: 700, 10, 10)
THRESHOLDS = (50_000, 20, 1_000)

_lock = threading.Lock()
_running = 0
_before: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def full_collections_deferred() -> Iterator[None]:
    """The collector at ``THRESHOLDS`` inside (also as a decorator; nested or on several
    threads at once, the thresholds come back when the last one ends)."""
    global _running, _before
    with _lock:
        if _running == 0:
            _before = gc.get_threshold()
            gc.set_threshold(*THRESHOLDS)
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_before)
