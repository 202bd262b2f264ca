"""Problems an operator should be told about, planted on purpose so tests can find them.

- ``no_leaders``: a circle whose leader is gone (nobody is its topic centre);
- ``novice_only``: a circle of late joiners only, no leader, manager or executor;
- ``deep_chain``: an invitation chain five generations deep (beyond two-level layering);
- ``single_bridge``: two circles cut off from the rest, joined to each other by one tie;
- ``fission_fraud``: gamed and genuine invitations (``graphmodel.generate.fraud``).
"""

from __future__ import annotations

import numpy as np

from graphmodel.generate.activity import Interactions
from graphmodel.generate.fission import Shares
from graphmodel.generate.structure import LEADER, LURKER, PARTICIPANT, Structure

PROBLEMS = ("no_leaders", "novice_only", "deep_chain", "single_bridge", "fission_fraud")
CHAIN_LENGTH = 5


def _circles_for_problems(s: Structure) -> list[int]:
    """Four distinct circles with a leader, chosen from the middle of the list."""
    with_leader = np.flatnonzero(s.leader_of >= 0)
    if len(with_leader) < 5:
        raise ValueError("planting problems needs at least 5 circles (about 300 members)")
    middle = len(with_leader) // 2
    return [int(c) for c in with_leader[middle - 2: middle + 2]]


def plant_structure(rng: np.random.Generator, s: Structure, problems: tuple[str, ...],
                    end_ms: int) -> dict:
    """Problems that change who is who (before interactions are drawn)."""
    truth: dict = {}
    circles = _circles_for_problems(s)
    if "no_leaders" in problems:
        c = circles[0]
        s.role[s.leader_of[c]] = PARTICIPANT
        s.leader_of[c] = -1
        truth["no_leaders"] = {"circle": c}
    if "novice_only" in problems:
        c = circles[1]
        members = s.circle_members(c)
        late = end_ms - (end_ms - int(s.joined.min())) // 20
        s.joined[members] = np.sort(rng.integers(late, end_ms, len(members)))
        s.role[members] = np.where(rng.random(len(members)) < 0.1, PARTICIPANT, LURKER)
        s.seed[members] = False
        s.leader_of[c] = -1
        truth["novice_only"] = {"circle": c}
    if "single_bridge" in problems:
        truth["single_bridge"] = {"circles": circles[2:4]}
    return truth


def plant_edges(rng: np.random.Generator, s: Structure, interactions: Interactions, shares: Shares,
                truth: dict, problems: tuple[str, ...]) -> tuple[Interactions, Shares]:
    """Problems that change the edges (after they are drawn)."""
    if "single_bridge" in problems:
        a, b = truth["single_bridge"]["circles"]
        inside = np.isin(s.circle, (a, b))

        def crossing(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
            src_in = np.where(src >= 0, inside[np.maximum(src, 0)], False)
            dst_in = np.where(dst >= 0, inside[np.maximum(dst, 0)], False)
            src_c = np.where(src >= 0, s.circle[np.maximum(src, 0)], -1)
            dst_c = np.where(dst >= 0, s.circle[np.maximum(dst, 0)], -1)
            return (src_in | dst_in) & (src_c != dst_c)

        keep = ~crossing(interactions.source, interactions.target)
        bridge = (int(s.leader_of[a]), int(s.leader_of[b]))
        joined_late = max(s.joined[bridge[0]], s.joined[bridge[1]])
        interactions = Interactions(
            np.append(interactions.source[keep], bridge[0]), np.append(interactions.target[keep], bridge[1]),
            np.append(interactions.kind[keep], 0), np.append(interactions.at[keep], joined_late + 3_600_000))
        keep = ~crossing(shares.source, shares.target)
        shares = Shares(shares.source[keep], shares.target[keep], shares.at[keep], shares.channel[keep],
                        shares.joined[keep], shares.outsiders)
        truth["single_bridge"]["bridge"] = list(bridge)
    if "deep_chain" in problems:
        root = int(np.flatnonzero(s.seed)[0])
        pool = np.flatnonzero(~s.seed & (s.role != LEADER) & (s.joined > s.joined[root]))
        if "single_bridge" in truth:
            pool = pool[~np.isin(s.circle[pool], truth["single_bridge"]["circles"])]
        chain = np.sort(rng.choice(pool, CHAIN_LENGTH, replace=False))
        for inviter, member in zip([root, *chain[:-1]], chain):
            at = max(int(s.joined[member]) - 3_600_000, int(s.joined[inviter]))
            rows = np.flatnonzero(shares.joined & (shares.target == member))
            if len(rows):
                shares.source[rows] = inviter
                shares.at[rows] = at
            else:  # the member joined on their own: add the invitation
                shares = _with_share(shares, inviter, int(member), at)
        truth["deep_chain"] = {"root": root, "chain": [int(m) for m in chain]}
    return interactions, shares


def _with_share(shares: Shares, source: int, target: int, at: int) -> Shares:
    return Shares(np.append(shares.source, source), np.append(shares.target, target),
                  np.append(shares.at, at), np.append(shares.channel, 0), np.append(shares.joined, True),
                  shares.outsiders)
