"""Who is in the community: join order, circles (Dunbar-sized) and latent roles.

Members are numbered in join order (m0000001 joined first). Latent roles
follow the norms: a few managers, about one opinion leader per 90 members
(one per circle, 1:9:90), about 9 active participants per leader, about 1%
executors, the earliest joiners are seed users, everyone else lurks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MANAGER, LEADER, EXECUTOR, PARTICIPANT, LURKER = range(5)
ROLE_NAMES = ("manager", "leader", "executor", "participant", "lurker")
SEED_SHARE = 0.01
MS_PER_DAY = 86_400_000


@dataclass
class Structure:
    n: int
    joined: np.ndarray        # epoch ms, ascending
    circle: np.ndarray        # circle index per member
    circle_start: np.ndarray  # members of circle c: order[circle_start[c]:circle_start[c+1]]
    order: np.ndarray         # member indices grouped by circle
    role: np.ndarray          # latent role per member (MANAGER..LURKER)
    seed: np.ndarray          # bool: seed user
    leader_of: np.ndarray     # per circle: the member index of its leader, -1 if none

    @property
    def circles(self) -> int:
        return len(self.circle_start) - 1

    def circle_members(self, c: int) -> np.ndarray:
        return self.order[self.circle_start[c]:self.circle_start[c + 1]]


def member_ids(index: np.ndarray) -> np.ndarray:
    """Member ids of member indices (m0000001 is index 0); negative codes are outsiders
    (-1 - i is o00000i, see ``graphmodel.generate.fission.outsider_code``)."""
    codes = np.asarray(index)
    if codes.size == 0:
        return np.array([], dtype=str)
    return np.where(codes >= 0, np.char.add("m", np.char.zfill((codes + 1).astype(str), 7)),
                    np.char.add("o", np.char.zfill((-1 - codes).astype(str), 6)))


def build_structure(rng: np.random.Generator, n: int, start_ms: int, end_ms: int) -> Structure:
    span = end_ms - start_ms
    # growth accelerates: join times from a convex curve, seeds in the first weeks
    u = np.sort(rng.random(n))
    joined = start_ms + (span * 0.85 * u ** 0.7).astype(np.int64)
    seed = np.zeros(n, bool)
    seed[: max(1, int(n * SEED_SHARE))] = True
    joined[seed] = start_ms + np.sort(rng.integers(0, 21 * MS_PER_DAY, seed.sum()))

    sizes = np.clip(rng.lognormal(np.log(60), 0.55, n // 20 + 2).astype(int), 20, 150)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), n) + 1]
    sizes[-1] -= sizes.sum() - n
    if len(sizes) > 1 and sizes[-1] < 10:  # fold a tiny remainder into the previous circle
        sizes[-2] += sizes[-1]
        sizes = sizes[:-1]
    circle_of_slot = np.repeat(np.arange(len(sizes)), sizes)
    circle = np.empty(n, np.int32)
    circle[rng.permutation(n)] = circle_of_slot
    order = np.argsort(circle, kind="stable").astype(np.int64)
    circle_start = np.concatenate([[0], np.cumsum(np.bincount(circle, minlength=len(sizes)))])

    role = np.full(n, LURKER, np.int8)
    # each circle's leader: its earliest non-seed joiner among a few candidates (early adopters)
    leader_of = np.full(len(sizes), -1, np.int64)
    for c in range(len(sizes)):
        members = order[circle_start[c]:circle_start[c + 1]]
        early = np.sort(members)[: max(3, len(members) // 5)]
        leader_of[c] = rng.choice(early)
    role[leader_of] = LEADER
    active = rng.random(n) < 0.09 / 0.9
    role[(role == LURKER) & active] = PARTICIPANT
    executors = rng.random(n) < 0.01
    role[(role != LEADER) & executors] = EXECUTOR
    early = np.flatnonzero((seed | (joined < start_ms + span // 10)) & (role != LEADER))
    managers = rng.choice(early, size=min(len(early), max(2, n // 800)), replace=False)
    role[managers] = MANAGER
    return Structure(n, joined, circle, circle_start, order, role, seed, leader_of)
