"""Array helpers for what numpy does slowly at tens of millions of values."""

from __future__ import annotations

import numpy as np


def distinct(codes: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted (by sorting: faster than np.unique's hashing
    on tens of millions of values)."""
    if len(codes) == 0:
        return codes
    codes = np.sort(codes)
    keep = np.empty(len(codes), bool)
    keep[0] = True
    np.not_equal(codes[1:], codes[:-1], out=keep[1:])
    return codes[keep]


def aligned(node: np.ndarray, ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` (given for ``ids``) in the order of ``node``; NaN where a node has none."""
    out = np.full(len(node), np.nan)
    at, found = positions(ids, node)
    out[found] = values[at[found]]
    return out


def positions(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of ``wanted`` stands in ``ids`` (unsorted, distinct), and whether it is there."""
    order = np.argsort(ids, kind="stable")
    at = np.searchsorted(ids[order], wanted)
    found = at < len(ids)
    found[found] &= ids[order[at[found]]] == wanted[found]
    at[found] = order[at[found]]
    at[~found] = 0
    return at, found
