"""Telegram Desktop's JSON export (result.json): one chat, or every chat of a full export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.common import ChatConversion, from_iso, from_unix, read_json


def convert(source: Path) -> ChatConversion:
    path = source / "result.json" if source.is_dir() else source
    data = read_json(path)
    chats = list(_chats(data))
    if not chats:
        raise InputError(f"{path}: no Telegram chat with messages (expected result.json from "
                         f"Telegram Desktop: Export chat history, JSON)")
    out = ChatConversion(str(path))
    for chat in chats:
        _convert_chat(chat, out)
    return out


def _chats(data: Any) -> Iterator[dict]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        yield data
    elif isinstance(data, dict) and isinstance(data.get("chats"), dict):
        for chat in data["chats"].get("list", []):
            if isinstance(chat, dict) and isinstance(chat.get("messages"), list):
                yield chat


def _when(message: dict):
    return from_unix(message.get("date_unixtime")) or from_iso(message.get("date"))


def _convert_chat(chat: dict, out: ChatConversion) -> None:
    messages = [m for m in chat["messages"] if isinstance(m, dict)]
    author: dict[Any, str] = {}
    by_name: dict[str, set[str]] = {}
    for m in messages:
        for name_key, id_key in (("from", "from_id"), ("actor", "actor_id")):
            if m.get(id_key):
                by_name.setdefault(str(m.get(name_key) or ""), set()).add(str(m[id_key]))
        if m.get("type") == "message" and m.get("from_id"):
            author[m.get("id")] = str(m["from_id"])

    def resolve(name: Any) -> str | None:
        ids = by_name.get(str(name or ""), set())
        return next(iter(ids)) if len(ids) == 1 else None

    for m in messages:
        at = _when(m)
        if m.get("type") == "service":
            _service(m, at, out, resolve)
            continue
        sender = out.member(m.get("from_id"), m.get("from"))
        if sender is None:
            out.skip("messages without a sender")
            continue
        out.messages += 1
        if m.get("reply_to_message_id") is not None:
            target = author.get(m["reply_to_message_id"])
            if target:
                out.interaction(sender, target, "reply", at)
            else:
                out.skip("replies to a message not in the export")
        for entity in m.get("text_entities") or (m["text"] if isinstance(m.get("text"), list) else []):
            if not isinstance(entity, dict):
                continue
            if entity.get("type") == "mention_name" and entity.get("user_id") is not None:
                out.interaction(sender, out.member(f"user{entity['user_id']}", entity.get("text")), "mention", at)
            elif entity.get("type") == "mention":
                out.skip("mentions by @username (the export has no usernames)")
        for reaction in m.get("reactions") or []:
            for who in reaction.get("recent") or []:
                out.interaction(out.member(who.get("from_id"), who.get("from")), sender, "reaction",
                                from_iso(who.get("date")) or at)
        if m.get("forwarded_from"):
            origin = resolve(m["forwarded_from"])
            if origin:
                out.share(origin, sender, at, "forward", False)
            else:
                out.skip("forwards from outside the chat")


def _service(m: dict, at, out: ChatConversion, resolve) -> None:
    action = m.get("action")
    actor = out.member(m.get("actor_id"), m.get("actor"))
    if action == "invite_members":
        for name in m.get("members") or []:
            invited = resolve(name) or f"name:{name}"
            out.member(invited, name, joined_at=at)
            out.share(actor, invited, at, "invite", True)
    elif action in ("join_group_by_link", "join_group_by_request"):
        out.member(actor, m.get("actor"), joined_at=at)
        inviter = resolve(m.get("inviter"))
        if inviter:
            out.share(inviter, actor, at, "link", True)
        else:
            out.skip("joins by link without a known inviter")
    elif action in ("create_group", "migrate_from_group"):
        out.member(actor, m.get("actor"), joined_at=at)
