"""The draws of Java's ``SplittableRandom``, as GDS's seeded betweenness sampling makes them.

GDS samples betweenness sources with ``new SplittableRandom(seed).split()`` and one
``nextInt(bound)`` per node it visits; ``bounded_ints`` gives the same numbers, in
numpy, so that ``betweenness`` can tell which nodes a seeded sample will take. The
algorithm is the published one (Steele, Lea & Flood, "Fast splittable pseudorandom
number generators", OOPSLA 2014), unchanged in the JDK since Java 8; the unit tests
hold values printed by Java 17.
"""

from __future__ import annotations

import numpy as np

_MASK = (1 << 64) - 1
_GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def _mix64(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def _mix_gamma(z: int) -> int:
    z = ((z ^ (z >> 33)) * 0xFF51AFD7ED558CCD) & _MASK
    z = ((z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53) & _MASK
    z = (z ^ (z >> 33)) | 1
    return z ^ 0xAAAAAAAAAAAAAAAA if bin(z ^ (z >> 1)).count("1") < 24 else z


def _split(seed: int) -> tuple[int, int]:
    """(seed, gamma) of ``new SplittableRandom(seed).split()``."""
    first = (seed + _GOLDEN_GAMMA) & _MASK
    second = (first + _GOLDEN_GAMMA) & _MASK
    return _mix64(first), _mix_gamma(second)


def _next_ints(seed: int, gamma: int, start: int, count: int) -> np.ndarray:
    """Draws start+1 .. start+count of ``nextInt()``, as unsigned 32-bit values."""
    step = np.arange(start + 1, start + count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + step * np.uint64(gamma)
        z = (z ^ (z >> np.uint64(33))) * np.uint64(0x62A9D9ED799705F5)
        return ((z ^ (z >> np.uint64(28))) * np.uint64(0xCB24D0A5C88C35B3)) >> np.uint64(32)


def bounded_ints(seed: int, bound: int, count: int) -> np.ndarray:
    """The first ``count`` values of ``nextInt(bound)`` from ``new SplittableRandom(seed).split()``."""
    if bound <= 0:
        raise ValueError("bound must be positive")
    state, gamma = _split(seed & _MASK)
    top = bound - 1
    found: list[np.ndarray] = []
    have, start = 0, 0
    while have < count:
        chunk = count - have + 64
        raw = _next_ints(state, gamma, start, chunk)
        start += chunk
        if bound & top == 0:
            values = (raw & np.uint64(top)).astype(np.int64)
        else:  # Java's rejection: u + (bound - 1) - u % bound must not overflow an int
            u = (raw >> np.uint64(1)).astype(np.int64)
            values = u % bound
            values = values[u - values + top < 2**31]
        found.append(values)
        have += len(values)
    return np.concatenate(found)[:count] if found else np.empty(0, np.int64)
