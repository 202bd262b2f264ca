"""An independent computation of cascade forests for the fission tests.

Written plainly, one share at a time, without NumPy or the library: the tests
compare the library's arrays against it.
"""

from __future__ import annotations

from collections import deque


def reference_parents(shares) -> dict[str, str]:
    """Earliest share wins (time, then sharer id, then target id; untimed last), one share
    at a time; a share whose target is already upstream of its sharer is skipped.

    ``shares``: (source, target, at) with ``at`` a number or None."""
    def key(k):
        source, target, at = shares[k][:3]
        return (at is None, at or 0, source, target, k)

    parent: dict[str, str] = {}
    for k in sorted(range(len(shares)), key=key):
        source, target = shares[k][0], shares[k][1]
        if source == target or target in parent:
            continue
        node, upstream = source, {source}
        while node in parent:
            node = parent[node]
            upstream.add(node)
        if target in upstream:
            continue
        parent[target] = source
    return parent


def reference_cascades(shares) -> dict[str, dict]:
    """Per root: members, size, depth and breadth per generation, by BFS over the parents."""
    parent = reference_parents(shares)
    nodes = {s[0] for s in shares} | {s[1] for s in shares}
    children: dict[str, list[str]] = {}
    for child, up in parent.items():
        children.setdefault(up, []).append(child)
    result = {}
    for root in sorted(n for n in nodes if n not in parent):
        generation = {root: 0}
        queue = deque([root])
        while queue:
            node = queue.popleft()
            for child in children.get(node, ()):
                generation[child] = generation[node] + 1
                queue.append(child)
        depth = max(generation.values())
        breadth = tuple(sum(1 for g in generation.values() if g == level)
                        for level in range(depth + 1))
        result[root] = {"members": set(generation), "size": len(generation), "depth": depth,
                        "breadth": breadth, "parent": {m: parent.get(m) for m in generation}}
    return result


def brute_force_mean_distance(parents: list[int]) -> float:
    """Mean distance over all pairs by BFS from every node of the undirected tree."""
    n = len(parents)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for child, up in enumerate(parents):
        if up >= 0:
            neighbours[child].append(up)
            neighbours[up].append(child)
    total = 0
    for start in range(n):
        seen = {start: 0}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for other in neighbours[node]:
                if other not in seen:
                    seen[other] = seen[node] + 1
                    queue.append(other)
        assert len(seen) == n, "not a tree"
        total += sum(seen.values())
    return total / (n * (n - 1)) if n > 1 else 0.0
