"""Python's cyclic garbage collector paused while a large piece of work runs.

    @collector_paused()
    def analyze(...): ...

Loads, analyses and fission runs keep large tables for their whole length (a million
members' ids, nodes, columns, lists of whom each addressed) and make none of the reference
cycles the collector exists for, yet every full collection walks those tables again. Off
while they run, the collector is on again afterwards if it was on before (what little cyclic
garbage the work left is then collected as usual).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside (also as a decorator), as it was before once done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
