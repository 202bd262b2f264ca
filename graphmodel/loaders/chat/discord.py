"""DiscordChatExporter's JSON export: one channel per file (a folder of them is read whole).

Read as DCE's ``JsonMessageWriter`` writes it. Only ``Default`` and ``Reply`` messages are
messages; the others are system notices (``GuildMemberJoin`` and ``RecipientAdd`` are joins,
``RecipientRemove`` a departure, the rest is counted). DCE writes ``reference`` for every
referencing message: a reply is a ``Reply``, or a ``Default`` whose reference is not a
``Forward``; a forward is a share from the forwarded message's author when that message is in
the export; pin notices and thread starters are no replies. Discord shows every deleted
account as one "Deleted User": those messages and ties are counted, never one member.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import from_iso
from graphmodel.loaders.chat.common import ChatConversion, read_json
from graphmodel.loaders.chat.options import ExportOptions

_CONTENT = ("Default", "Reply")
DELETED = "messages and ties of deleted users (Discord shows them all as one \"Deleted User\")"


def convert(source: Path, options: ExportOptions) -> ChatConversion:
    files = sorted(source.rglob("*.json")) if source.is_dir() else [source]
    channels = []
    for path in files:
        data = read_json(path)
        if isinstance(data, dict) and isinstance(data.get("messages"), list):
            channels.append([m for m in data["messages"] if isinstance(m, dict)])
    if not channels:
        raise InputError(f"{source}: no DiscordChatExporter JSON (a file with \"messages\"; export "
                         f"with --format Json)")
    out = ChatConversion(str(source))
    author = {m.get("id"): (m.get("author") or {}) for messages in channels for m in messages}
    seen: set[Any] = set()
    for messages in channels:
        for m in messages:
            out.records += 1
            if m.get("id") in seen:
                out.skip("messages given twice (the same id)")
                continue
            seen.add(m.get("id"))
            _message(m, out, author)
    return out


def _deleted(user: Any) -> bool:
    return isinstance(user, dict) and str(user.get("name") or "").startswith("Deleted User")


def _person(out: ChatConversion, user: Any) -> str | None:
    if not isinstance(user, dict) or _deleted(user):
        return None
    return out.member(user.get("id"), user.get("nickname") or user.get("name"), bot=bool(user.get("isBot")))


def _message(m: dict, out: ChatConversion, author: dict[Any, dict]) -> None:
    at = from_iso(m.get("timestamp"))
    kind = m.get("type")
    if _deleted(m.get("author")):
        out.skip(DELETED)
        return
    sender = _person(out, m.get("author"))
    if sender is None:
        out.skip("messages without an author")
        return
    mentioned = [u for u in m.get("mentions") or [] if isinstance(u, dict)]
    if kind == "GuildMemberJoin":
        out.join(sender, at)
    elif kind in ("RecipientAdd", "RecipientRemove"):
        if not mentioned or _deleted(mentioned[0]):
            out.skip(f"system messages: {kind} without the person added or removed")
        elif kind == "RecipientAdd":
            out.join(_person(out, mentioned[0]), at, by=sender, channel="invite")
        else:
            gone = _person(out, mentioned[0])
            out.leave(gone, at, "left" if gone == sender else "removed")
    elif kind not in _CONTENT:
        out.skip(f"system messages: {kind}")
    elif out.is_bot(sender):
        out.skip("messages by bots")
    else:
        out.messages += 1
        _reference(m, sender, at, out, author)
        for user in mentioned:
            if _deleted(user):
                out.skip(DELETED)
            else:
                out.interaction(sender, _person(out, user), "mention", at)
        _reactions(m, sender, at, out)


def _reference(m: dict, sender: str, at: datetime | None, out: ChatConversion, author: dict[Any, dict]) -> None:
    reference: dict = m["reference"] if isinstance(m.get("reference"), dict) else {}
    target = author.get(reference.get("messageId"))
    if reference.get("type") == "Forward":
        if target is None:
            out.skip("forwards of a message not in the export")
        elif _deleted(target):
            out.skip(DELETED)
        else:
            out.share(_person(out, target), sender, at, "forward")
    elif m.get("type") == "Reply" or reference.get("messageId"):
        if target is None:
            out.skip("replies to a message not in the export")
        elif _deleted(target):
            out.skip(DELETED)
        else:
            out.interaction(sender, _person(out, target), "reply", at)


def _reactions(m: dict, sender: str, at: datetime | None, out: ChatConversion) -> None:
    for reaction in m.get("reactions") or []:
        if not isinstance(reaction, dict):
            continue
        users = [u for u in reaction.get("users") or [] if isinstance(u, dict)]
        for user in users:
            if _deleted(user):
                out.skip(DELETED)
            else:
                out.interaction(_person(out, user), sender, "reaction", at)
        try:
            unlisted = int(reaction.get("count") or 0) - len(users)
        except (TypeError, ValueError):
            unlisted = 0
        out.skip("reactions without a reactor (older DiscordChatExporter versions list none)", max(unlisted, 0))
