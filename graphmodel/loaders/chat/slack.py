"""A Slack export folder: users.json, channels.json and one folder of daily JSON files per channel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.common import ChatConversion, from_unix, read_json

_MENTION = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")


def convert(source: Path) -> ChatConversion:
    if not source.is_dir() or not (source / "users.json").is_file():
        raise InputError(f"{source}: not a Slack export folder (expected users.json, channels.json "
                         f"and one folder per channel; unzip the export first)")
    out = ChatConversion(str(source))
    users = read_json(source / "users.json")
    for user in users if isinstance(users, list) else []:
        if isinstance(user, dict) and user.get("id"):
            profile = user.get("profile") or {}
            name = profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name")
            out.member(user["id"], name, is_member=not user.get("is_bot"))
    channels = read_json(source / "channels.json") if (source / "channels.json").is_file() else []
    names = [c["name"] for c in channels if isinstance(c, dict) and c.get("name")] or \
        sorted(p.name for p in source.iterdir() if p.is_dir())
    for channel in names:
        folder = source / channel
        if folder.is_dir():
            _convert_channel(folder, out)
    return out


def _convert_channel(folder: Path, out: ChatConversion) -> None:
    messages: list[dict[str, Any]] = []
    for day in sorted(folder.glob("*.json")):
        data = read_json(day)
        messages.extend(m for m in (data if isinstance(data, list) else []) if isinstance(m, dict))
    thread_author = {m["ts"]: m["user"] for m in messages if m.get("ts") and m.get("user")}
    for m in messages:
        at = from_unix(m.get("ts"))
        user = m.get("user")
        subtype = m.get("subtype")
        if subtype in ("channel_join", "group_join"):
            out.member(user, joined_at=at)
            if m.get("inviter"):
                out.share(out.member(m["inviter"]), user, at, "invite", True)
            continue
        if not user or subtype in ("bot_message", "channel_leave", "group_leave"):
            out.skip("bot and leave messages")
            continue
        sender = out.member(user)
        out.messages += 1
        parent = m.get("thread_ts")
        if parent and parent != m.get("ts"):
            target = m.get("parent_user_id") or thread_author.get(parent)
            if target:
                out.interaction(sender, out.member(target), "reply", at)
            else:
                out.skip("thread replies whose thread is not in the export")
        for mentioned in _MENTION.findall(m.get("text") or ""):
            out.interaction(sender, out.member(mentioned), "mention", at)
        for reaction in m.get("reactions") or []:
            for reactor in reaction.get("users") or []:
                out.interaction(out.member(reactor), sender, "reaction", at)
