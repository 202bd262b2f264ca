"""DiscordChatExporter's JSON export: one channel per file (a folder of them is read whole)."""

from __future__ import annotations

from pathlib import Path

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.common import ChatConversion, from_iso, read_json

_JOIN_TYPES = ("GuildMemberJoin", "RecipientAdd")


def convert(source: Path) -> ChatConversion:
    files = sorted(source.glob("*.json")) if source.is_dir() else [source]
    out = ChatConversion(str(source))
    channels = 0
    for path in files:
        data = read_json(path)
        if not (isinstance(data, dict) and isinstance(data.get("messages"), list)):
            continue
        channels += 1
        _convert_channel([m for m in data["messages"] if isinstance(m, dict)], out)
    if not channels:
        raise InputError(f"{source}: no DiscordChatExporter JSON (a file with \"messages\"; export "
                         f"with --format Json)")
    return out


def _person(out: ChatConversion, user: dict | None) -> str | None:
    if not isinstance(user, dict):
        return None
    return out.member(user.get("id"), user.get("nickname") or user.get("name"),
                      is_member=not user.get("isBot", False))


def _convert_channel(messages: list[dict], out: ChatConversion) -> None:
    author = {m.get("id"): (m.get("author") or {}).get("id") for m in messages}
    for m in messages:
        at = from_iso(m.get("timestamp"))
        sender = _person(out, m.get("author"))
        if sender is None:
            out.skip("messages without an author")
            continue
        if m.get("type") in _JOIN_TYPES:
            out.member(sender, joined_at=at)
            continue
        out.messages += 1
        reference = m.get("reference") or {}
        if m.get("type") == "Reply" or reference.get("messageId"):
            target = author.get(reference.get("messageId"))
            if target:
                out.interaction(sender, str(target), "reply", at)
            else:
                out.skip("replies to a message not in the export")
        for mentioned in m.get("mentions") or []:
            out.interaction(sender, _person(out, mentioned), "mention", at)
        for reaction in m.get("reactions") or []:
            for reactor in reaction.get("users") or []:
                out.interaction(_person(out, reactor), sender, "reaction", at)
