"""What every chat converter shares: the people and ties found, joins and departures, and what
could not be mapped, counted by kind.

A converter notes people (``member``), their joins and departures (``join``, ``leave``), ties
(``interaction``, ``share``) and everything the export holds that has no place in the model
(``skip``, by kind). The joins and departures of each person are put in time order when the
conversion is written: a join while already in (a second channel of the same workspace, the
same invitation shown twice) is no new recruitment and is counted, not shared again; a
departure followed by a later join leaves the person a current member; a departure that is
the last word sets ``left_at`` and ``left_reason``. Bots are no members: they are counted, and
the ties to and from them are counted instead of mapped.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.core.interchange import InterchangeWriter
from graphmodel.loaders.reader import Reject

JOIN, LEAVE = "join", "leave"
_SELF = {"reply": "replies to one's own message", "mention": "mentions of oneself",
         "reaction": "reactions to one's own message", "message": "messages to oneself"}
BOT_TIES = "replies, mentions and reactions involving bots"


@dataclass
class _Move:
    at: datetime | None
    order: int
    what: str              # JOIN or LEAVE
    by: str | None = None  # a join's inviter
    channel: str | None = None
    reason: str | None = None  # a departure's reason: left, removed or unknown (None)


@dataclass
class _Person:
    member_id: str
    name: str | None = None
    bot: bool = False
    roles: list[str] = field(default_factory=list)
    moves: list[_Move] = field(default_factory=list)


@dataclass(frozen=True)
class _Resolved:
    members: dict[str, dict[str, Any]]
    joins: list[dict[str, Any]]  # recruitments: shares with joined=true
    counted: Counter[str]
    entries: int                 # joins that brought someone in
    departures: int


SAME_JOIN = timedelta(minutes=1)  # two sources showing one join (an API snapshot and its callback)


@dataclass
class ChatConversion:
    """People and ties found in one export, with what could not be mapped.

    ``scope`` names the chat (``qq:群名``, ``wechat:123@chatroom``): a person the export
    names only by a display name gets the id ``name:<scope>:<name>``, so names are never
    matched across chats or exports.
    """

    source: str
    scope: str = ""
    interactions: list[dict[str, Any]] = field(default_factory=list)
    messages: int = 0
    records: int = 0  # records read from the export (messages, events, member entries)
    notes: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    _people: dict[str, _Person] = field(default_factory=dict)
    _shares: list[dict[str, Any]] = field(default_factory=list)
    _skipped: Counter[str] = field(default_factory=Counter)
    _moves: int = 0
    _resolved: _Resolved | None = None

    # noting what the export holds -------------------------------------------------
    def member(self, ident: Any, name: str | None = None, *, bot: bool = False) -> str | None:
        """Note a person (the first name seen wins; once a bot, always a bot); returns the id."""
        if ident is None or str(ident).strip() == "":
            return None
        ident = str(ident).strip()
        self._resolved = None
        person = self._people.get(ident)
        if person is None:
            person = self._people[ident] = _Person(ident)
        if name and not person.name:
            person.name = str(name).strip() or None
        person.bot = person.bot or bot
        return ident

    def by_name(self, name: str) -> str:
        """The id of a person this export names only by ``name`` (noted as a member)."""
        ident = f"name:{self.scope}:{name.strip()}" if self.scope else f"name:{name.strip()}"
        self.member(ident, name)
        return ident

    def is_bot(self, ident: str | None) -> bool:
        return ident is not None and ident in self._people and self._people[ident].bot

    def join(self, ident: str | None, at: datetime | None, *, by: str | None = None,
             channel: str | None = None) -> None:
        """``ident`` joined at ``at``; invited by ``by`` through ``channel`` when known."""
        if ident is None:
            return
        self.member(ident)
        self._moves += 1
        self._people[ident].moves.append(_Move(at, self._moves, JOIN, by=by, channel=channel))

    def leave(self, ident: str | None, at: datetime | None, reason: str | None = None) -> None:
        """``ident`` left at ``at`` (``reason``: left, removed, or None when the export does not say)."""
        if ident is None:
            return
        self.member(ident)
        if at is None:
            self.skip("departures without a time")
            return
        self._moves += 1
        self._people[ident].moves.append(_Move(at, self._moves, LEAVE, reason=reason))

    def declare(self, ident: str | None, role: str) -> None:
        """A role the export states (the group's owner or admins)."""
        if ident is not None:
            self.member(ident)
            if role not in self._people[ident].roles:
                self._people[ident].roles.append(role)

    def interaction(self, source: str | None, target: str | None, kind: str, at: datetime | None) -> bool:
        """A reply, mention, reaction or message from ``source`` to ``target``; True when mapped.

        A tie to oneself or to or from a bot is counted instead; a missing end is the caller's
        to count (it knows why)."""
        if not source or not target:
            return False
        if self.is_bot(source) or self.is_bot(target):
            self.skip(BOT_TIES)
            return False
        if source == target:
            self.skip(_SELF.get(kind, f"{kind}s to oneself"))
            return False
        self.interactions.append({"source": source, "target": target, "type": kind, "at": at})
        return True

    def share(self, source: str | None, target: str | None, at: datetime | None, channel: str,
              joined: bool = False) -> bool:
        """``source``'s content or invitation reached ``target`` (joins go through ``join``)."""
        if not source or not target:
            return False
        if self.is_bot(source) or self.is_bot(target):
            self.skip("shares involving bots")
            return False
        if source == target:
            self.skip(f"{channel} shares to oneself")
            return False
        self._resolved = None
        self._shares.append({"source": source, "target": target, "at": at, "channel": channel,
                             "joined": joined})
        return True

    def skip(self, what: str, n: int = 1) -> None:
        """Count ``n`` things of kind ``what`` the export holds but the model does not get."""
        if n:
            self._skipped[what] += n

    def note(self, text: str) -> None:
        """Something the summary must say (an assumed time offset, a detected date order)."""
        if text not in self.notes:
            self.notes.append(text)

    def reject(self, file: str | Path, line: int, field_name: str, reason: str, raw: str = "") -> None:
        """A record of the export that could not be read: it goes to the reject file."""
        self.rejects.append(Reject(str(file), line, field_name, reason, raw[:200]))

    # the result --------------------------------------------------------------------
    @property
    def members(self) -> dict[str, dict[str, Any]]:
        """The members table's rows by id (bots left out)."""
        return self._resolve().members

    @property
    def shares(self) -> list[dict[str, Any]]:
        """Shares: the recruitments found in the joins, then the other shares."""
        return self._resolve().joins + self._shares

    @property
    def skipped(self) -> dict[str, int]:
        """What the export holds that was not mapped, by kind."""
        return dict(self._skipped + self._resolve().counted)

    @property
    def joins(self) -> int:
        """Joins that brought someone in (a rejoin after a departure counts again)."""
        return self._resolve().entries

    @property
    def departures(self) -> int:
        """Members whose last move was a departure."""
        return self._resolve().departures

    def summary(self) -> dict[str, Any]:
        return {"messages": self.messages, "people": len(self.members), "interactions": len(self.interactions),
                "shares": len(self.shares), "joins": self.joins, "departures": self.departures,
                "not_mapped": dict(sorted(self.skipped.items())), "notes": list(self.notes),
                "records_rejected": len(self.rejects)}

    def write(self, directory: Path) -> dict[str, int]:
        with InterchangeWriter(directory) as writer:
            writer.write("members", sorted(self.members.values(), key=lambda m: m["member_id"]))
            writer.write("interactions", self.interactions)
            writer.write("shares", self.shares)
            return dict(writer.counts)

    def _resolve(self) -> _Resolved:
        if self._resolved is None:
            self._resolved = _resolve(self._people.values())
        return self._resolved


def _resolve(people: Any) -> _Resolved:
    members: dict[str, dict[str, Any]] = {}
    joins: list[dict[str, Any]] = []
    counted: Counter[str] = Counter()
    entries = departures = 0
    bots = {p.member_id for p in people if p.bot}
    for person in people:
        if person.bot:
            counted["bots (no members)"] += 1
            continue
        entry: _Move | None = None  # the join that brought the person in, while they are in
        inside: bool | None = None  # unknown before the export's first move
        joined_at = last_leave = None
        recruited: list[_Move] = []
        for move in sorted(person.moves, key=lambda m: (m.at is not None, m.at or datetime.min, m.order)):
            if move.what == LEAVE:
                inside, entry, last_leave = False, None, move
            elif inside and entry is not None and _same_join(entry, move):
                if move.by and not entry.by:  # the same join shown twice, once with its inviter
                    entry.by, entry.channel = move.by, move.channel
            elif inside:
                counted["joins of someone already in (no new recruitment)"] += 1
            else:
                inside, entry = True, move
                entries += 1
                joined_at = joined_at or move.at
                recruited.append(move)
        for move in recruited:
            if not (move.by and move.channel):
                continue
            if move.by == person.member_id:
                counted["joins by one's own invitation or link"] += 1
            elif move.by in bots:
                counted["shares involving bots"] += 1
            else:
                joins.append({"source": move.by, "target": person.member_id, "at": move.at,
                              "channel": move.channel, "joined": True})
        gone = inside is False and last_leave is not None
        departures += gone
        members[person.member_id] = {
            "member_id": person.member_id, "name": person.name, "joined_at": joined_at, "is_member": True,
            "declared_role": person.roles or None,
            "left_at": last_leave.at if gone and last_leave else None,
            "left_reason": last_leave.reason if gone and last_leave else None}
    return _Resolved(members, joins, counted, entries, departures)


def _same_join(entry: _Move, move: _Move) -> bool:
    return entry.at is not None and move.at is not None and abs(move.at - entry.at) <= SAME_JOIN


class NameIndex:
    """The ids a display name was seen with in one export: a name resolves only when unambiguous."""

    def __init__(self) -> None:
        self._ids: dict[str, set[str]] = {}

    def add(self, name: Any, ident: str | None) -> None:
        if ident and isinstance(name, str) and name.strip():
            self._ids.setdefault(name.strip(), set()).add(ident)

    def resolve(self, name: Any) -> str | None:
        ids = self._ids.get(name.strip(), set()) if isinstance(name, str) else set()
        return next(iter(ids)) if len(ids) == 1 else None

    def ambiguous(self, name: Any) -> bool:
        return isinstance(name, str) and len(self._ids.get(name.strip(), ())) > 1

    def names(self) -> list[str]:
        return list(self._ids)


def the_text_file(source: Path, what: str) -> Path:
    """``source`` when it is a file, else the one .txt file in the folder ``source``."""
    if source.is_file():
        return source
    texts = sorted(source.glob("*.txt"))
    if len(texts) != 1:
        raise InputError(f"{source}: expected one {what} .txt export in the folder, found {len(texts)}; "
                         f"give the file")
    return texts[0]


def read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{path}: not a readable JSON export ({error})") from error
    except RecursionError:  # json gives up on nesting deeper than the interpreter's stack
        raise InputError(f"{path}: not a readable JSON export (its values are nested too deeply to "
                         f"read; a chat export nests a few levels)") from None
