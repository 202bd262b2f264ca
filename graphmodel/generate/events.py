"""Events (offline and online), who attended, and how long members stay active.

Events concentrate on some circles; leaders and executors attend more. Members
who attended an offline event stay active longer (their activity window is
stretched), so the analysis can measure the retention effect the domain claims.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graphmodel.generate.structure import EXECUTOR, LEADER, MANAGER, MS_PER_DAY, Structure

ATTENDEE_RETENTION = 2.5  # offline attendees stay active this many times longer


@dataclass
class Events:
    at: np.ndarray         # epoch ms per event
    offline: np.ndarray    # bool per event
    attendee: np.ndarray   # member index per attendance row
    event: np.ndarray      # event index per attendance row
    active_until: np.ndarray  # epoch ms per member: the end of their active window


def build_events(rng: np.random.Generator, s: Structure, end_ms: int) -> Events:
    count = max(3, s.n // 400)
    at = np.sort(rng.integers(int(np.median(s.joined)), end_ms, count))
    offline = rng.random(count) < 0.7
    hosts = rng.choice(s.circles, size=count, replace=True)
    attendees, events = [], []
    for e in range(count):
        members = s.circle_members(hosts[e])
        members = members[s.joined[members] < at[e]]
        if not len(members):
            continue
        keen = np.isin(s.role[members], (LEADER, EXECUTOR, MANAGER))
        chance = np.where(keen, 0.8, 0.25 if offline[e] else 0.15)
        chosen = members[rng.random(len(members)) < chance]
        attendees.append(chosen)
        events.append(np.full(len(chosen), e))
    attendee = np.concatenate(attendees) if attendees else np.empty(0, np.int64)
    event = np.concatenate(events) if events else np.empty(0, np.int64)
    # active window: exponential, longer for offline attendees; leaders and managers stay
    window = rng.exponential(120 * MS_PER_DAY, s.n)
    met = np.zeros(s.n, bool)
    met[attendee[offline[event]]] = True
    window[met] *= ATTENDEE_RETENTION
    window[np.isin(s.role, (LEADER, MANAGER, EXECUTOR))] = np.inf
    active_until = np.minimum(s.joined + window, end_ms).astype(np.int64)
    return Events(at, offline, attendee, event, active_until)
