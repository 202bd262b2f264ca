"""Gamed and genuine invitations, planted so that the fission analysis can be checked.

``plant_fraud`` (the ``fission_fraud`` problem) re-uses members of the community:

- a *star farm*: one inviter whose fifteen invitees joined within five minutes, never
  take part and have no tie but the inviter (their own interactions and shares are
  taken out);
- a *burst inviter*: eight ordinary members re-credited to one inviter, their joins
  moved into six minutes;
- a *ring*: four members who each claim to have brought in the next, the last the first;
- an *echo group*: up to five declared staff members re-sharing the same content
  ("moments") to each other forty times over eighty days, bringing nobody in;
- *strong inviters*: three active members who each brought in fifteen people over
  months, who take part within days of joining and again after one and two months,
  with members of their own circle.

Members of the circles and chains other problems planted are left alone. The truth
records the member ids and the fraud signals each case raises at least (the farm's
silent invitees may also fall far below the community's retention).
"""

from __future__ import annotations

import numpy as np

from graphmodel.generate.activity import Interactions
from graphmodel.generate.fission import CHANNELS, Shares
from graphmodel.generate.structure import LURKER, MS_PER_DAY, PARTICIPANT, Structure, member_ids

FRAUD = "fission_fraud"
FARM, BURST, RING, ECHO_GROUP, ECHO_SHARES, STRONG, STRONG_INVITEES = 15, 8, 4, 5, 40, 3, 15
STAFF_DECLARED = ("管理员", "admin", "鼓励官")
MINUTE = 60_000


def plant_fraud(rng: np.random.Generator, s: Structure, interactions: Interactions, shares: Shares,
                declared: np.ndarray, planted: dict, end_ms: int) -> tuple[Interactions, Shares, dict]:
    """Plant the cases (see the module doc); returns the new edges and the truth."""
    span = end_ms - int(s.joined.min())
    taken = _left_alone(s, planted)
    taken[s.seed | ~np.isin(s.role, (LURKER, PARTICIPANT))] = True
    has_inviter = np.zeros(s.n, bool)
    has_inviter[shares.target[shares.joined & (shares.target >= 0)]] = True
    invited_someone = np.zeros(s.n, bool)
    invited_someone[shares.source[shares.joined & (shares.source >= 0)]] = True
    early = s.joined < s.joined.min() + span * 0.3
    middle = (s.joined > s.joined.min() + span * 0.2) & (s.joined < end_ms - 90 * MS_PER_DAY)

    def choose(mask: np.ndarray, count: int) -> np.ndarray:
        pool = np.flatnonzero(mask & ~taken)
        if len(pool) < count:
            raise ValueError("planting fission fraud needs more members (about 600 or more)")
        chosen = np.sort(rng.choice(pool, count, replace=False))
        taken[chosen] = True
        return chosen

    def block(mask: np.ndarray, count: int, after: int) -> np.ndarray:
        """``count`` members next to each other in join order, all joined after ``after``."""
        pool = np.flatnonzero(mask & ~taken & (s.joined > s.joined[after] + MS_PER_DAY))
        if len(pool) < count:
            raise ValueError("planting fission fraud needs more members (about 600 or more)")
        start = int(rng.integers(0, len(pool) - count + 1))
        chosen = pool[start:start + count]
        taken[chosen] = True
        return chosen

    edges = _Edges(interactions, shares)
    strong = choose(early & (s.role == PARTICIPANT), STRONG)
    farmer, bursting = choose(early & (s.role == PARTICIPANT) & ~invited_someone, 2)
    strong_invitees = []
    for inviter in strong:
        invitees = np.sort(rng.choice(np.flatnonzero(middle & ~taken & (s.joined > s.joined[inviter] + MS_PER_DAY)),
                                      STRONG_INVITEES, replace=False))
        taken[invitees] = True
        for member in invitees:
            edges.credit(int(inviter), int(member), int(s.joined[member]) - 2 * 3_600_000, "wechat")
            edges.take_part(rng, s, int(member), end_ms)
        strong_invitees.append(invitees)

    farm = block(middle & (s.role == LURKER), FARM, farmer)
    start = int(s.joined[farm[0]])
    edges.isolate(farm)
    for i, member in enumerate(farm):
        s.joined[member] = start + i * 20_000
        edges.credit(int(farmer), int(member), start + i * 20_000 - MINUTE, "qr_code")

    burst = block(middle, BURST, bursting)
    start = int(s.joined[burst[0]])
    for i, member in enumerate(burst):
        s.joined[member] = start + i * 45_000
        edges.credit(int(bursting), int(member), start + i * 45_000 - 30_000, "link")

    ring = choose(early & has_inviter, RING)
    for i, member in enumerate(ring):
        edges.add_share(int(member), int(ring[(i + 1) % RING]), end_ms - (30 - i) * MS_PER_DAY, "link", True)

    first_share = end_ms - 80 * MS_PER_DAY
    staff = np.flatnonzero(np.isin(declared, STAFF_DECLARED) & (s.joined < first_share - 10 * MS_PER_DAY))
    group = np.sort(staff[:ECHO_GROUP])
    if len(group) >= 3:
        for k in range(ECHO_SHARES):
            source, target = group[k % len(group)], group[(k + 1 + k // len(group)) % len(group)]
            if source == target:
                target = group[(k + 1) % len(group)]
            edges.add_share(int(source), int(target), first_share + k * 2 * MS_PER_DAY, "moments", False)

    ids = member_ids
    truth = {
        "star_farm": {"inviter": str(ids(np.array([farmer]))[0]), "invitees": ids(farm).tolist(),
                      "flags": ["star_farm", "burst"]},
        "burst_inviter": {"inviter": str(ids(np.array([bursting]))[0]), "invitees": ids(burst).tolist(),
                          "flags": ["burst"]},
        "ring": {"members": ids(ring).tolist(), "flags": ["ring"]},
        "echo_group": {"members": ids(group).tolist(), "shares": ECHO_SHARES if len(group) >= 3 else 0,
                       "channel": "moments"},
        "strong_inviters": {"inviters": ids(strong).tolist(),
                            "invitees": [ids(i).tolist() for i in strong_invitees]},
    }
    interactions, shares = edges.result()
    return interactions, shares, truth


def _left_alone(s: Structure, planted: dict) -> np.ndarray:
    """Members of the circles and chains other problems planted."""
    taken = np.zeros(s.n, bool)
    for detail in planted.values():
        circles = [detail["circle"]] if "circle" in detail else list(detail.get("circles", []))
        for c in circles:
            taken[s.circle_members(c)] = True
        for key in ("chain", "bridge"):
            taken[np.asarray(detail.get(key, []), dtype=np.int64)] = True
        if "root" in detail:
            taken[detail["root"]] = True
    return taken


class _Edges:
    """The interactions and shares being changed, as lists of arrays joined at the end."""

    def __init__(self, interactions: Interactions, shares: Shares) -> None:
        self.interactions = interactions
        self.shares = shares
        self.added_interactions: list[tuple[int, int, int]] = []
        self.added_shares: list[tuple[int, int, int, int, bool]] = []
        self.drop_share = np.zeros(len(shares.source), bool)
        self.drop_interaction = np.zeros(len(interactions.source), bool)
        self.isolated: set[int] = set()

    def credit(self, inviter: int, member: int, at: int, channel: str) -> None:
        """``inviter`` brought ``member`` in (any earlier invitation of them goes)."""
        self.drop_share |= self.shares.joined & (self.shares.target == member)
        self.add_share(inviter, member, at, channel, True)

    def add_share(self, source: int, target: int, at: int, channel: str, joined: bool) -> None:
        self.added_shares.append((source, target, at, int(np.flatnonzero(CHANNELS == channel)[0]), joined))

    def isolate(self, members: np.ndarray) -> None:
        """Take out every interaction of ``members`` and every share to or from them."""
        self.drop_interaction |= np.isin(self.interactions.source, members) | np.isin(self.interactions.target, members)
        self.drop_share |= np.isin(self.shares.source, members) | np.isin(self.shares.target, members)
        self.isolated.update(int(m) for m in members)

    def take_part(self, rng: np.random.Generator, s: Structure, member: int, end_ms: int) -> None:
        """Interactions with members of the member's circle within days of joining, and
        after one and after two months."""
        circle = s.circle_members(s.circle[member])
        others = circle[(circle != member) & (s.joined[circle] < s.joined[member])]
        if not len(others):
            return
        for low, high in ((0.2, 5), (31, 45), (61, 80)):
            at = int(s.joined[member] + rng.uniform(low, high) * MS_PER_DAY)
            if at < end_ms:
                for other in rng.choice(others, size=min(2, len(others)), replace=False):
                    self.added_interactions.append((member, int(other), at))

    def result(self) -> tuple[Interactions, Shares]:
        keep_i, keep_s = ~self.drop_interaction, ~self.drop_share
        i, sh = self.interactions, self.shares
        added_i = np.array([row for row in self.added_interactions if not self.isolated & {row[0], row[1]}],
                           dtype=np.int64).reshape(-1, 3)
        added_s = np.array([row[:4] for row in self.added_shares], dtype=np.int64).reshape(-1, 4)
        joined = np.array([row[4] for row in self.added_shares], dtype=bool)
        interactions = Interactions(
            np.concatenate([i.source[keep_i], added_i[:, 0]]), np.concatenate([i.target[keep_i], added_i[:, 1]]),
            np.concatenate([i.kind[keep_i], np.zeros(len(added_i), i.kind.dtype)]),
            np.concatenate([i.at[keep_i], added_i[:, 2]]))
        shares = Shares(
            np.concatenate([sh.source[keep_s], added_s[:, 0]]), np.concatenate([sh.target[keep_s], added_s[:, 1]]),
            np.concatenate([sh.at[keep_s], added_s[:, 2]]),
            np.concatenate([sh.channel[keep_s], added_s[:, 3]]).astype(sh.channel.dtype),
            np.concatenate([sh.joined[keep_s], joined]), sh.outsiders)
        return interactions, shares
