"""Telegram Desktop's JSON export (result.json): one chat, or every chat of a full export.

Read as tdesktop's writer (``export/output/export_output_json.cpp``, ``SerializeMessage``)
writes it. People are keyed by ``from_id``/``actor_id`` (``user…``); a sender that is the group
or a channel (``channel…``/``chat…``: anonymous admins, linked channel posts) is no person.
Service messages name people only by display name (``invite_members`` lists names,
``join_group_by_link`` names the inviter): a name resolves to an id when every id-carrying
place in the export (senders, actors, reactors, ``mention_name`` entities) shows it with one
id only; otherwise the person is keyed by name within the chat, or counted when the name is
ambiguous. ``date`` and reactions' ``recent[].date`` are the exporting machine's local time
without an offset: read with ``--utc-offset``, else with the offset the export's own
``date``/``date_unixtime`` pairs show, else as UTC, and the summary says which.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import LocalClock, format_offset, from_iso, from_unix
from graphmodel.loaders.chat.common import ChatConversion, NameIndex, read_json
from graphmodel.loaders.chat.options import ExportOptions

LOCAL_TIMES = "Telegram times written without an offset (reactions; messages without date_unixtime)"
_DIRECT = ("personal_chat", "bot_chat")


def convert(source: Path, options: ExportOptions) -> ChatConversion:
    path = _result_json(source)
    data = read_json(path)
    chats = list(_chats(data))
    if not chats:
        raise InputError(f"{path}: no Telegram chat with messages (expected result.json from "
                         f"Telegram Desktop: Export chat history, format JSON)")
    out = ChatConversion(str(path))
    local = _LocalTimes(chats, options.utc_offset)
    for chat in chats:
        _Chat(chat, out, local).convert()
    if local.used:
        out.note(local.statement())
    return out


def _result_json(source: Path) -> Path:
    html = "this is Telegram Desktop's HTML export: export the chat again with format \"Machine-readable JSON\""
    if source.is_dir():
        if not (source / "result.json").is_file() and any(source.glob("messages*.html")):
            raise InputError(f"{source}: {html}")
        return source / "result.json"
    if source.suffix.lower() in (".html", ".htm"):
        raise InputError(f"{source}: {html}")
    return source


def _chats(data: Any) -> Iterator[dict]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        yield data
    elif isinstance(data, dict) and isinstance(data.get("chats"), dict):
        for chat in data["chats"].get("list", []):
            if isinstance(chat, dict) and isinstance(chat.get("messages"), list):
                yield chat


def _person_id(raw: Any) -> str | None:
    """A user's id; None for the group or a channel posting as itself."""
    return str(raw) if isinstance(raw, str) and raw.startswith("user") else None


class _LocalTimes:
    """Reads ``date``-style local times: the given offset, else the nearest offset the export shows."""

    def __init__(self, chats: list[dict], given: timedelta | None):
        self.given = given
        pairs: list[tuple[datetime, timedelta]] = []
        for chat in chats:
            for m in chat["messages"]:
                if not isinstance(m, dict):
                    continue
                for local_key, unix_key in (("date", "date_unixtime"), ("edited", "edited_unixtime")):
                    local, utc = _naive(m.get(local_key)), from_unix(m.get(unix_key))
                    if local and utc:
                        pairs.append((local, local - utc.replace(tzinfo=None)))
        pairs.sort()
        self._when = [p[0] for p in pairs]
        self._offsets = [p[1] for p in pairs]
        self.used = 0

    def read(self, text: Any) -> datetime | None:
        moment = _naive(text)
        if moment is None:
            return from_iso(text)  # a time with an offset of its own, or nothing
        self.used += 1
        return LocalClock.of(self.given, self._nearest(moment)).at(moment)

    def _nearest(self, moment: datetime) -> timedelta:
        if not self._when:
            return timedelta(0)
        i = bisect.bisect_left(self._when, moment)
        near = [j for j in (i - 1, i) if 0 <= j < len(self._when)]
        return self._offsets[min(near, key=lambda j: abs(self._when[j] - moment))]

    def statement(self) -> str:
        if self.given is not None:
            return LocalClock(self.given, True).statement(LOCAL_TIMES)
        if not self._offsets:
            return LocalClock(timedelta(0), False).statement(LOCAL_TIMES)
        shown = sorted({format_offset(o) for o in self._offsets})
        how = shown[0] if len(shown) == 1 else f"{shown[0]} to {shown[-1]} (the nearest message's)"
        return (f"{LOCAL_TIMES} read as {how}, the offset the export's own date and date_unixtime "
                f"show; pass --utc-offset to change it")


def _naive(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is None else None


class _Chat:
    def __init__(self, chat: dict, out: ChatConversion, local: _LocalTimes):
        self.chat, self.out, self.local = chat, out, local
        self.messages = [m for m in chat["messages"] if isinstance(m, dict)]
        out.scope = f"telegram:{chat.get('id', chat.get('name', ''))}"
        self.names = NameIndex()
        self.author: dict[Any, str] = {}
        self.topics: set[Any] = set()
        self.service: set[Any] = set()
        for m in self.messages:
            self._index(m)
        pair = set(self.author.values())
        self.pair = pair if chat.get("type") in _DIRECT and len(pair) == 2 else set()

    def _index(self, m: dict) -> None:
        for name_key, id_key in (("from", "from_id"), ("actor", "actor_id")):
            self.names.add(m.get(name_key), _person_id(m.get(id_key)))
        for reaction in m.get("reactions") or []:
            for who in (reaction.get("recent") or []) if isinstance(reaction, dict) else []:
                if isinstance(who, dict):
                    self.names.add(who.get("from"), _person_id(who.get("from_id")))
        for entity in self._entities(m):
            if entity.get("type") == "mention_name" and entity.get("user_id") is not None:
                self.names.add(entity.get("text"), f"user{entity['user_id']}")
        if m.get("type") == "service":
            self.service.add(m.get("id"))
            if m.get("action") == "topic_created":
                self.topics.add(m.get("id"))
        elif sender := _person_id(m.get("from_id")):
            self.author[m.get("id")] = sender

    @staticmethod
    def _entities(m: dict) -> list[dict]:
        entities = m.get("text_entities") or (m["text"] if isinstance(m.get("text"), list) else [])
        return [e for e in entities if isinstance(e, dict)]

    def _when(self, m: dict) -> datetime | None:
        return from_unix(m.get("date_unixtime")) or self.local.read(m.get("date"))

    def _named(self, name: Any) -> str | None:
        """The id for a person a service message names; None (counted) when it cannot be told."""
        if not isinstance(name, str) or not name.strip():
            self.out.skip("people named in service messages whose account is deleted (no name)")
            return None
        if self.names.ambiguous(name):
            self.out.skip("people named in service messages by a name several people share")
            return None
        return self.names.resolve(name) or self.out.by_name(name)

    def convert(self) -> None:
        for m in self.messages:
            self.out.records += 1
            at = self._when(m)
            if m.get("type") == "service":
                self._service(m, at)
            elif m.get("type") == "message":
                self._message(m, at)
            else:
                self.out.skip(f"messages of type {m.get('type')!r}")

    def _message(self, m: dict, at: datetime | None) -> None:
        out = self.out
        if not m.get("from_id"):
            out.skip("messages without a sender")
            return
        sender = out.member(_person_id(m.get("from_id")), m.get("from"))
        if sender is None:
            out.skip("messages sent as the group or a channel (no person)")
            return
        out.messages += 1
        for other in self.pair - {sender}:  # a personal chat: every message is to the other person
            out.interaction(sender, other, "message", at)
        self._reply(m, sender, at)
        for entity in self._entities(m):
            if entity.get("type") == "mention_name" and entity.get("user_id") is not None:
                out.interaction(sender, out.member(f"user{entity['user_id']}"), "mention", at)
            elif entity.get("type") == "mention":
                out.skip("mentions by @username (the export has no usernames)")
        self._reactions(m, sender, at)
        if "forwarded_from" in m:
            self._forward(m, sender, at)

    def _reply(self, m: dict, sender: str, at: datetime | None) -> None:
        replied = m.get("reply_to_message_id")
        if replied is None:
            return
        if m.get("reply_to_peer_id"):
            self.out.skip("replies to a message in another chat")
        elif replied in self.topics:
            return  # a message in a forum topic: the topic's first message, no reply to anyone
        elif replied in self.author:
            self.out.interaction(sender, self.author[replied], "reply", at)
        elif replied in self.service:
            self.out.skip("replies to a service message")
        else:
            self.out.skip("replies to a message not in the export")

    def _reactions(self, m: dict, sender: str, at: datetime | None) -> None:
        for reaction in m.get("reactions") or []:
            if not isinstance(reaction, dict):
                continue
            recent = [w for w in reaction.get("recent") or [] if isinstance(w, dict)]
            for who in recent:
                reactor = self.out.member(_person_id(who.get("from_id")), who.get("from"))
                if reactor is None:
                    self.out.skip("reactions sent as a channel (no person)")
                else:
                    self.out.interaction(reactor, sender, "reaction", self.local.read(who.get("date")) or at)
            unlisted = _count(reaction.get("count")) - len(recent)
            self.out.skip("reactions without a reactor (the export lists only recent reactors)",
                          max(unlisted, 0))

    def _forward(self, m: dict, sender: str, at: datetime | None) -> None:
        name = m.get("forwarded_from")
        if not isinstance(name, str) or not name:
            self.out.skip("forwards from a deleted account")
        elif self.names.ambiguous(name):
            self.out.skip("forwards from a name several people share")
        elif origin := self.names.resolve(name):
            self.out.share(origin, sender, at, "forward")
        else:
            self.out.skip("forwards from outside the chat")

    def _service(self, m: dict, at: datetime | None) -> None:
        out, action = self.out, m.get("action")
        actor = out.member(_person_id(m.get("actor_id")), m.get("actor"))
        named: Callable[[Any], str | None] = self._named
        if action in ("invite_members", "create_group"):
            if action == "create_group":
                out.join(actor, at)
            for name in m.get("members") or []:
                invited = named(name)
                out.join(invited, at, **({} if invited == actor else {"by": actor, "channel": "invite"}))
        elif action == "join_group_by_link":
            inviter = self.names.resolve(m.get("inviter"))
            if inviter is None:
                out.skip("joins by link whose inviter the export names by a name it shows with no "
                         "single id")
            out.join(actor, at, by=inviter, channel="link")
        elif action == "join_group_by_request":
            out.join(actor, at)
        elif action == "remove_members":
            for name in m.get("members") or []:
                gone = named(name)
                out.leave(gone, at, "left" if gone is not None and gone == actor else "removed")
        elif actor is None and m.get("actor_id"):
            out.skip("service messages by the group or a channel")
        else:
            out.skip(f"service messages: {action}")


def _count(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

