"""A QQ group from the PC message manager's TXT export (消息管理器 → 导出消息记录 → .txt).

The file (UTF-8, GB18030, or UTF-16 with its byte order mark) starts each chat with
``消息分组:…`` and ``消息对象:…`` lines; each message is a header line
``YYYY-MM-DD H:MM:SS [AM|PM] [【头衔】]昵称(QQ号)`` or ``… 昵称<email>`` and its content on the
lines below. One chat per community: a file holding several asks for ``--talker`` (the
消息对象 name). People are keyed by QQ number (or email); ``系统消息(10000)`` and
``(1000000)`` are the system: ``X加入本群`` is a join, ``A邀请X加入了本群`` a join invited by A,
``X退出本群`` a departure, ``X被…移出本群`` a removal, all by nickname (resolved to a QQ number
when the chat shows that nickname for one person only, else kept by name within the chat).
``@昵称`` is a mention when one person has that nickname. 【群主】 and 【管理员】 titles are the
declared role manager. Times are local, read as UTC+08:00 unless ``--utc-offset`` says otherwise.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import LocalClock
from graphmodel.loaders.chat.common import ChatConversion, NameIndex, the_text_file
from graphmodel.loaders.chat.options import ExportOptions
from graphmodel.loaders.encoding import detect_encoding

CHINA = timedelta(hours=8)
_HEADER = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\s+(\d{1,2}:\d{2}:\d{2})(?:\s*([AaPp][Mm]))?\s+"
                     r"(?:【([^】]+)】)?(.*?)(?:\((\d{4,})\)|<([^<>\s]+@[^<>\s]+)>)\s*$")
SYSTEM_IDS = ("10000", "1000000")
MANAGER_TITLES = ("群主", "管理员")
_INVITED = re.compile(r"^(.+?)邀请(.+?)加入了?本群")
_JOINED = re.compile(r"^(.+?)加入了?本群")
_LEFT = re.compile(r"^(.+?)退出了?本群")
_REMOVED = re.compile(r"^(.+?)(?:已)?被(?:.*?)移出了?本群")
_MENTION = re.compile(r"@(\S{1,40})")


@dataclass
class _Message:
    line: int
    at: datetime
    title: str | None
    name: str
    sender: str
    content: list[str] = field(default_factory=list)


@dataclass
class _Chat:
    name: str | None
    messages: list[_Message] = field(default_factory=list)


def convert(source: Path, options: ExportOptions) -> ChatConversion:
    path = the_text_file(source, "QQ")
    out = ChatConversion(str(path))
    clock = LocalClock.of(options.utc_offset, CHINA)
    chats = _read(path, out, clock)
    if not any(chat.messages for chat in chats):
        raise InputError(f"{path}: no QQ message (expected the message manager's TXT export: lines like "
                         f"\"2024-05-01 20:15:00 昵称(12345678)\" followed by the message)")
    chat = _one_chat([c for c in chats if c.messages], options.talker, path)
    out.scope = f"qq:{chat.name or path.stem}"
    out.note(clock.statement("QQ message times (local, without an offset)"))
    _convert(chat, out)
    return out


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    return raw.decode(detect_encoding(path), errors="replace")


def _read(path: Path, out: ChatConversion, clock: LocalClock) -> list[_Chat]:
    chats = [_Chat(None)]
    message: _Message | None = None
    for number, line in enumerate(_decode(path).splitlines(), 1):
        if line.startswith("消息对象:") or line.startswith("消息对象："):
            name = line.split(":", 1)[-1].split("：", 1)[-1].strip()
            chats.append(_Chat(name))
            message = None
            continue
        header = _HEADER.match(line)
        if header is None:
            if message is not None:
                message.content.append(line)
            continue
        out.records += 1
        message = None
        try:
            at = _time(header.group(1), header.group(2), header.group(3))
        except ValueError:
            out.reject(path, number, "time", f"{header.group(1)} {header.group(2)} is not a date and time", line)
            continue
        message = _Message(number, clock.at(at), header.group(4), header.group(5).strip(),
                           header.group(6) or header.group(7))
        chats[-1].messages.append(message)
    return chats


def _time(day: str, clock_time: str, half: str | None) -> datetime:
    year, month, date = (int(part) for part in day.split("-"))
    hour, minute, second = (int(part) for part in clock_time.split(":"))
    moment = datetime(year, month, date, hour, minute, second)
    if half:
        if not 1 <= moment.hour <= 12:
            raise ValueError("an AM/PM hour is 1 to 12")
        moment = moment.replace(hour=moment.hour % 12 + (12 if half.upper() == "PM" else 0))
    return moment


def _one_chat(chats: list[_Chat], talker: str | None, path: Path) -> _Chat:
    if talker is not None:
        for chat in chats:
            if chat.name == talker:
                return chat
        raise InputError(f"{path}: no chat {talker!r} in the export; it holds: {_listing(chats)}")
    if len(chats) > 1:
        raise InputError(f"{path}: the export holds {len(chats)} chats; pick one with --talker "
                         f"(one group per community): {_listing(chats)}")
    return chats[0]


def _listing(chats: list[_Chat]) -> str:
    return "; ".join(f"{c.name or '(no 消息对象)'} ({len(c.messages)} messages)" for c in chats)


def _convert(chat: _Chat, out: ChatConversion) -> None:
    names = NameIndex()
    for m in chat.messages:
        if m.sender not in SYSTEM_IDS:
            names.add(m.name, m.sender)

    def who(name: str) -> str | None:
        name = name.strip().rstrip("。.")
        if names.ambiguous(name):
            out.skip("people named in system messages by a nickname several people share")
            return None
        return names.resolve(name) or out.by_name(name)

    for m in chat.messages:
        text = "\n".join(m.content).strip()
        if m.sender in SYSTEM_IDS:
            _system(text, m.at, out, who)
            continue
        sender = out.member(m.sender, m.name or None)
        out.messages += 1
        if m.title in MANAGER_TITLES:
            out.declare(sender, "manager")
        for name in _MENTION.findall(text):
            if names.ambiguous(name):
                out.skip("mentions of a nickname several people share")
            elif (target := names.resolve(name)) is not None:
                out.interaction(sender, target, "mention", m.at)
            else:
                out.skip("mentions of a nickname no one in the chat shows")


def _system(text: str, at: datetime, out: ChatConversion, who) -> None:
    if match := _INVITED.match(text):
        out.join(who(match.group(2)), at, by=who(match.group(1)), channel="invite")
    elif match := _JOINED.match(text):
        out.join(who(match.group(1)), at)
    elif match := _LEFT.match(text):
        out.leave(who(match.group(1)), at, "left")
    elif match := _REMOVED.match(text):
        out.leave(who(match.group(1)), at, "removed")
    else:
        out.skip("system messages other than joins and departures")
