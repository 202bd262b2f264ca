"""Who is in which of a community's places (a workspace's channels, a corp's customer groups).

When one community is made of several places, a person enters it with their first join of
any place and leaves it when they have left every place they were in: joining a second
channel is no recruitment, and leaving one group while staying in another is no departure.
Converters note each join, sighting (a post proves presence) and departure per place;
``apply`` replays them in time order onto the conversion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graphmodel.loaders.chat.common import SAME_JOIN, ChatConversion


@dataclass(frozen=True)
class _Event:
    at: datetime | None
    order: int
    person: str
    place: str
    move: str               # join, seen, leave
    by: str | None = None
    channel: str | None = None
    reason: str | None = None


class Presence:
    def __init__(self, places: str):
        self.places = places  # what the places are called, for the summary ("channel", "group")
        self._events: list[_Event] = []

    def join(self, person: str | None, place: str, at: datetime | None, *, by: str | None = None,
             channel: str | None = None) -> None:
        if person:
            self._events.append(_Event(at, len(self._events), person, place, "join", by, channel))

    def seen(self, person: str | None, place: str, at: datetime | None) -> None:
        if person:
            self._events.append(_Event(at, len(self._events), person, place, "seen"))

    def leave(self, person: str | None, place: str, at: datetime | None, reason: str | None) -> None:
        if person:
            self._events.append(_Event(at, len(self._events), person, place, "leave", reason=reason))

    def apply(self, out: ChatConversion) -> None:
        inside: dict[str, dict[str, datetime | None]] = {}  # person -> place -> when they joined it
        events = sorted(self._events, key=lambda e: (e.at is not None, e.at or datetime.min, e.order))
        for event in events:
            places = inside.setdefault(event.person, {})
            if event.move == "seen":
                places.setdefault(event.place, None)
            elif event.move == "leave":
                places.pop(event.place, None)
                if not places:
                    out.leave(event.person, event.at, event.reason)
            elif event.place in places:
                joined = places[event.place]
                if joined is not None and event.at is not None and abs(event.at - joined) <= SAME_JOIN:
                    out.join(event.person, event.at, by=event.by, channel=event.channel)  # the same join again
                else:
                    out.skip(f"joins of a {self.places} someone is already in")
            elif places:
                places[event.place] = event.at
                out.skip(f"joins of another {self.places} by someone already in (no new recruitment)")
            else:
                places[event.place] = event.at
                out.join(event.person, event.at, by=event.by, channel=event.channel)
