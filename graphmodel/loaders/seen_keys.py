"""The keys (relationship keys, member ids) one load has met so far, in 8 bytes each.

    seen = SeenKeys()
    seen.repeated(["9f0c...", "9f0c...", "11ab..."])   # [False, True, False]

A key stands as its 64-bit string hash (Python's, stable within the process). Two
different keys with the same hash count as a repeat, which only sends the later row down
the slower path that merges against the graph, so the answer is never wrong, only rarely
cautious. Recent hashes sit in a set; every million they are merged into one sorted numpy
array, so ten million keys take about 80 MB instead of the ~1 GB a set of strings would.
"""

from __future__ import annotations

import numpy as np

MERGE_EVERY = 1 << 20
_MASK = (1 << 64) - 1


def fingerprint(key: str) -> int:
    return hash(key) & _MASK


class SeenKeys:
    def __init__(self) -> None:
        self._merged = np.empty(0, dtype=np.uint64)
        self._recent: set[int] = set()

    def __len__(self) -> int:
        return len(self._merged) + len(self._recent)

    def repeated(self, keys: list[str]) -> list[bool]:
        """For each key, whether it came earlier (in an earlier call or earlier in this list); records them."""
        prefixes = [fingerprint(key) for key in keys]
        earlier = self._in_merged(np.array(prefixes, dtype=np.uint64))
        recent = self._recent
        result = []
        for prefix, merged in zip(prefixes, earlier.tolist()):
            seen = merged or prefix in recent
            result.append(seen)
            if not seen:
                recent.add(prefix)
        if len(recent) >= MERGE_EVERY:
            self._merge()
        return result

    def _in_merged(self, prefixes: np.ndarray) -> np.ndarray:
        if not len(self._merged):
            return np.zeros(len(prefixes), dtype=bool)
        at = np.searchsorted(self._merged, prefixes)
        return self._merged[np.minimum(at, len(self._merged) - 1)] == prefixes

    def _merge(self) -> None:
        recent = np.fromiter(self._recent, dtype=np.uint64, count=len(self._recent))
        recent.sort()
        self._merged = np.insert(self._merged, np.searchsorted(self._merged, recent), recent)
        self._recent = set()
