"""Invitation cascades (裂变): who brought whom in, over several generations, and shares that did not convert.

About two thirds of members joined through an invitation: from any earlier
member (open fission, which makes deep random trees), from a leader, seed or
manager (first-layer fission), or from an outsider (a connector bringing
people in from outside). Active members also share to people who never
joined; repeated shares into the same small circle of outsiders decay.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graphmodel.generate.structure import LEADER, LURKER, MANAGER, MS_PER_DAY, Structure

INVITED_SHARE = 0.65
FROM_ANYONE, FROM_SPREADER = 0.45, 0.40  # the rest of invitations come from outsiders
CHANNELS = np.array(["wechat", "moments", "qr_code", "link", "email"])


@dataclass
class Shares:
    source: np.ndarray    # member index, or -1 - outsider index for outsiders
    target: np.ndarray    # member index, or -1 - outsider index
    at: np.ndarray
    channel: np.ndarray   # index into CHANNELS
    joined: np.ndarray    # bool
    outsiders: int        # how many outsider ids exist (o000000 ...)


def outsider_code(index: np.ndarray) -> np.ndarray:
    """Outsiders are encoded as negative numbers: -1 - i is outsider i."""
    return -1 - index


def build_shares(rng: np.random.Generator, s: Structure, weights: np.ndarray) -> Shares:
    n = s.n
    invitees = np.flatnonzero(~s.seed & (rng.random(n) < INVITED_SHARE))
    pick = rng.random(len(invitees))
    inviter = (rng.random(len(invitees)) * invitees).astype(np.int64)  # any earlier member

    spreaders = np.flatnonzero(s.seed | np.isin(s.role, (LEADER, MANAGER)))
    before = np.searchsorted(spreaders, invitees)  # spreaders who joined before each invitee
    use_spreader = (pick >= FROM_ANYONE) & (pick < FROM_ANYONE + FROM_SPREADER) & (before > 0)
    chosen = (rng.random(use_spreader.sum()) * before[use_spreader]).astype(np.int64)
    inviter[use_spreader] = spreaders[chosen]

    outsiders = max(5, n // 30)
    from_outside = pick >= FROM_ANYONE + FROM_SPREADER
    inviter[from_outside] = outsider_code(rng.integers(0, outsiders, from_outside.sum()))

    delay = rng.integers(MS_PER_DAY // 24, 3 * MS_PER_DAY, len(invitees))
    inviter_joined = np.where(inviter >= 0, s.joined[np.maximum(inviter, 0)], 0)
    at = np.maximum(s.joined[invitees] - delay, inviter_joined)

    # shares that did not convert: active members and spreaders reaching outsiders
    sharers_p = np.where(s.role == LURKER, 0.0, weights)
    extra = n // 2
    extra_source = rng.choice(n, size=extra, p=sharers_p / sharers_p.sum())
    extra_target = outsider_code(rng.zipf(1.6, extra) % outsiders)
    extra_at = s.joined[extra_source] + rng.integers(0, 60 * MS_PER_DAY, extra)

    return Shares(
        source=np.concatenate([inviter, extra_source]),
        target=np.concatenate([invitees, extra_target]),
        at=np.concatenate([at, extra_at]),
        channel=rng.integers(0, len(CHANNELS), len(invitees) + extra),
        joined=np.concatenate([np.ones(len(invitees), bool), np.zeros(extra, bool)]),
        outsiders=outsiders,
    )
