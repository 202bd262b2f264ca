"""A Slack export folder (Slack's own, or slackdump's): users.json, the conversation lists and
one folder of daily JSON files per conversation.

Conversations come from ``channels.json`` (public), ``groups.json`` (private channels),
``mpims.json`` (group DMs) and ``dms.json`` (DMs; their folders are named by id); a folder
none of them lists is read as a channel too, and the summary says so. The workspace is the
community: a person enters it with their first channel join (the inviter's share is their
recruitment; joining more channels is none) and leaves it when they have left every
channel they were in. In a DM every message is a ``message`` tie to the other person.
Users flagged ``is_bot`` are no members, whatever they do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import from_unix
from graphmodel.loaders.chat.common import BOT_TIES, ChatConversion, read_json
from graphmodel.loaders.chat.options import ExportOptions
from graphmodel.loaders.chat.presence import Presence

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_BROADCAST = re.compile(r"<!(channel|here|everyone|subteam\^[^>|]+)(?:\|[^>]*)?>")
_LISTS = (("channels.json", "channel"), ("groups.json", "private channel"), ("mpims.json", "group DM"),
          ("dms.json", "DM"))
_JOINS = ("channel_join", "group_join")
_LEAVES = ("channel_leave", "group_leave")
_CONTENT = (None, "thread_broadcast", "reply_broadcast", "file_share", "me_message", "file_comment")
_GENERATED = ("file_share", "file_comment")  # their text is Slack's ("<@U…> uploaded a file")
_PLACES = ("channel", "private channel", "unlisted folder")  # being in one is being in the workspace


@dataclass(frozen=True)
class _Conversation:
    folder: Path
    kind: str                 # channel, private channel, group DM, DM, unlisted folder
    members: tuple[str, ...]  # as listed (a DM's two people)


def convert(source: Path, options: ExportOptions) -> ChatConversion:
    if not source.is_dir() or not (source / "users.json").is_file():
        raise InputError(f"{source}: not a Slack export folder (expected users.json, channels.json "
                         f"and one folder per channel; unzip the export first)")
    out = ChatConversion(str(source))
    users = read_json(source / "users.json")
    for user in users if isinstance(users, list) else []:
        if isinstance(user, dict) and user.get("id"):
            profile = user.get("profile") or {}
            name = (profile.get("display_name") or profile.get("real_name") or user.get("real_name")
                    or user.get("name"))
            out.member(user["id"], name, bot=bool(user.get("is_bot")) or user.get("id") == "USLACKBOT")
            if user.get("deleted") and not user.get("is_bot"):
                out.skip("deactivated accounts (users.json gives no time they left)")
    presence = Presence("channel")
    for conversation in _conversations(source, out):
        _Channel(conversation, out, presence).convert()
    presence.apply(out)
    if (source / "integration_logs.json").is_file():
        logs = read_json(source / "integration_logs.json")
        out.skip("integration log entries", len(logs) if isinstance(logs, list) else 0)
    return out


def _conversations(source: Path, out: ChatConversion) -> list[_Conversation]:
    found: list[_Conversation] = []
    listed: set[str] = set()
    for file, kind in _LISTS:
        entries = read_json(source / file) if (source / file).is_file() else []
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            names = [n for n in (entry.get("name"), entry.get("id")) if n]
            folder = next((source / n for n in names if (source / n).is_dir()), None)
            listed.update(names)
            if folder is None:
                continue
            found.append(_Conversation(folder, kind, tuple(str(u) for u in entry.get("members") or [])))
    unlisted = sorted(p for p in source.iterdir() if p.is_dir() and p.name not in listed and any(p.glob("*.json")))
    found.extend(_Conversation(p, "unlisted folder", ()) for p in unlisted)
    counts = {kind: sum(c.kind == kind for c in found) for _, kind in _LISTS}
    out.note("read " + ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in counts.items()))
    if unlisted:
        out.note(f"{len(unlisted)} folder(s) no conversation list names, read as channels: "
                 + ", ".join(p.name for p in unlisted))
    return found


class _Channel:
    def __init__(self, conversation: _Conversation, out: ChatConversion, presence: Presence):
        self.conversation, self.out, self.presence = conversation, out, presence
        self.messages: list[dict[str, Any]] = []
        for day in sorted(conversation.folder.glob("*.json")):
            data = read_json(day)
            self.messages.extend(m for m in (data if isinstance(data, list) else []) if isinstance(m, dict))
        self.thread_author = {m["ts"]: m["user"] for m in self.messages if m.get("ts") and m.get("user")}
        self.pair = set(conversation.members) if conversation.kind == "DM" and len(conversation.members) == 2 \
            else set()

    def convert(self) -> None:
        out, channel = self.out, self.conversation.folder.name
        for m in self.messages:
            out.records += 1
            at, user, subtype = from_unix(m.get("ts")), m.get("user"), m.get("subtype")
            if subtype in _JOINS and user:
                inviter = out.member(m.get("inviter"))
                self.presence.join(out.member(user), channel, at, by=inviter, channel="invite" if inviter else None)
            elif subtype in _LEAVES and user:
                self.presence.leave(out.member(user), channel, at, "left")
            elif subtype == "bot_message" or (user and out.is_bot(user)):
                out.skip("messages by bots")
                out.skip(BOT_TIES, sum(_count(r.get("count")) for r in m.get("reactions") or []
                                       if isinstance(r, dict)))
            elif subtype == "tombstone":
                out.skip("deleted messages (a thread's removed first message)")
            elif subtype not in _CONTENT:
                out.skip(f"system messages: {subtype}")
            else:
                self._content(m, at, channel)

    def _content(self, m: dict, at: datetime | None, channel: str) -> None:
        out = self.out
        comment: dict = m["comment"] if isinstance(m.get("comment"), dict) else {}
        sender = out.member(m.get("user") or comment.get("user"))
        if sender is None:
            out.skip("messages without a sender")
            return
        out.messages += 1
        if self.conversation.kind in _PLACES:
            self.presence.seen(sender, channel, at)
        for other in self.pair - {sender}:
            out.interaction(sender, other, "message", at)
        parent = m.get("thread_ts")
        if m.get("subtype") == "file_comment":
            owner = (m.get("file") or {}).get("user") if isinstance(m.get("file"), dict) else None
            if not out.interaction(sender, out.member(owner), "reply", at) and not owner:
                out.skip("file comments on a file whose owner the export does not give")
        elif parent and parent != m.get("ts"):
            target = m.get("parent_user_id") or self.thread_author.get(parent)
            if target:
                out.interaction(sender, out.member(target), "reply", at)
            else:
                out.skip("thread replies whose thread is not in the export")
        if m.get("subtype") not in _GENERATED:
            text = m.get("text") or ""
            for mentioned in _MENTION.findall(text):
                out.interaction(sender, out.member(mentioned), "mention", at)
            out.skip("mentions of @channel, @here or a user group", len(_BROADCAST.findall(text)))
        for reaction in m.get("reactions") or []:
            if not isinstance(reaction, dict):
                continue
            reactors = [u for u in reaction.get("users") or [] if isinstance(u, str)]
            for reactor in reactors:
                out.interaction(out.member(reactor), sender, "reaction", at)
            out.skip("reactions without a reactor (the export lists only some)",
                     max(_count(reaction.get("count")) - len(reactors), 0))


def _count(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
