"""Interactions with a 1:9:90 shape: leaders and participants do most of it, mostly within circles.

The source of each interaction is drawn by activity (leaders ~50, managers
~20, executors ~15, participants ~5, lurkers ~0.1, with log-normal spread);
the target is the source circle's leader (the topic centre), another member
of the circle, or, less often, an active member anywhere (replies reaching a
leader from other circles). Times fall within both members' active windows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graphmodel.generate.structure import Structure

ACTIVITY = np.array([20.0, 50.0, 15.0, 5.0, 0.1])  # by latent role
TYPES = np.array(["reply", "mention", "reaction", "message"])
TYPE_SHARES = np.array([0.45, 0.15, 0.25, 0.15])
TYPE_WEIGHTS = np.array([1.0, 1.0, 1.0, 1.0])
TO_LEADER, TO_CIRCLE = 0.40, 0.50  # the rest goes anywhere in the community


@dataclass
class Interactions:
    source: np.ndarray
    target: np.ndarray
    kind: np.ndarray   # index into TYPES
    at: np.ndarray     # epoch ms


def activity_weights(rng: np.random.Generator, s: Structure) -> np.ndarray:
    return ACTIVITY[s.role] * rng.lognormal(0.0, 0.6, s.n)


def build_interactions(rng: np.random.Generator, s: Structure, active_until: np.ndarray,
                       total: int, weights: np.ndarray) -> Interactions:
    p = weights / weights.sum()
    wanted, total = total, int(total * 1.3) + 10  # draws that hit the source itself are dropped
    source = rng.choice(s.n, size=total, p=p)
    circle = s.circle[source]
    pick = rng.random(total)
    target = np.empty(total, np.int64)

    to_leader = (pick < TO_LEADER) & (s.leader_of[circle] >= 0)
    target[to_leader] = s.leader_of[circle[to_leader]]
    in_circle = ~to_leader & (pick < TO_LEADER + TO_CIRCLE)
    sizes = s.circle_start[circle[in_circle] + 1] - s.circle_start[circle[in_circle]]
    offsets = (rng.random(in_circle.sum()) * sizes).astype(np.int64)
    target[in_circle] = s.order[s.circle_start[circle[in_circle]] + offsets]
    anywhere = ~(to_leader | in_circle)
    target[anywhere] = rng.choice(s.n, size=anywhere.sum(), p=p)

    keep = np.flatnonzero(source != target)[:wanted]
    source, target = source[keep], target[keep]
    start = np.maximum(s.joined[source], s.joined[target])
    stop = np.maximum(np.minimum(active_until[source], active_until[target]), start + 3_600_000)
    at = start + (rng.random(len(source)) * (stop - start)).astype(np.int64)
    kind = rng.choice(len(TYPES), size=len(source), p=TYPE_SHARES)
    return Interactions(source, target, kind, at)
