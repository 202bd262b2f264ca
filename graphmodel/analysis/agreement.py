"""How well circles agree with known groups: normalised mutual information and the adjusted Rand index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from math import comb, log


def _table(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[Counter, Counter, Counter, int]:
    if len(a) != len(b):
        raise ValueError("labelings of different lengths")
    return Counter(zip(a, b)), Counter(a), Counter(b), len(a)


def nmi(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Normalised mutual information (arithmetic mean of the entropies), 0..1."""
    joint, ca, cb, n = _table(a, b)
    if n == 0:
        return 1.0
    mutual = sum(c / n * log(c * n / (ca[x] * cb[y])) for (x, y), c in joint.items())
    ha = -sum(c / n * log(c / n) for c in ca.values())
    hb = -sum(c / n * log(c / n) for c in cb.values())
    if ha + hb == 0:
        return 1.0
    return max(0.0, 2 * mutual / (ha + hb))


def ari(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Adjusted Rand index: 1 for identical partitions, about 0 for random ones."""
    joint, ca, cb, n = _table(a, b)
    pairs = sum(comb(c, 2) for c in joint.values())
    pa, pb, total = sum(comb(c, 2) for c in ca.values()), sum(comb(c, 2) for c in cb.values()), comb(n, 2)
    if total == 0:
        return 1.0
    expected = pa * pb / total
    maximum = (pa + pb) / 2
    return 1.0 if maximum == expected else (pairs - expected) / (maximum - expected)
