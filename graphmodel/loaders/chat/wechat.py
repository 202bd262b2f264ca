"""A WeChat group from the CSV exports operators can make (WeChatMsg/MemoTrace, chatlog).

One group (talker) per community: an export holding several asks for ``--talker``. People
are keyed by wxid. A message is activity; a quote is a ``reply`` to the quoted person when
the export names them; an ``@名字`` is a ``mention`` when exactly one member of the group shows
that name (group nickname, nickname or remark), else it is counted. WeChat tells joins and
departures only in system messages (Type 10000), by display name:

* ``"A"邀请"B"加入了群聊`` - B joined, invited by A (``invite``);
* ``"B"通过扫描"A"分享的二维码加入群聊`` - B joined by A's QR code (``qrcode``);
* ``"B"通过"A"分享的链接加入群聊`` - B joined by A's link (``link``);
* ``"B"退出了群聊`` - B left; ``"A"将"B"移出了群聊``, ``你将"B"移出了群聊`` - B was removed.

A name resolves to a wxid when the group shows it for one person only; a person known only by
name is kept by that name within the group; "你" is the exporter (known in WeChatMsg's CSV by
``IsSender``). Times: WeChatMsg's ``CreateTime`` is Unix time; chatlog's ``Time`` is local,
read as UTC+08:00 unless ``--utc-offset`` says otherwise (the summary says which).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import LocalClock
from graphmodel.loaders.chat.common import ChatConversion, NameIndex
from graphmodel.loaders.chat.options import ExportOptions
from graphmodel.loaders.chat.wechat_csv import WeChatRow, read_rows

CHINA = timedelta(hours=8)
_Q = r"[\"“”]([^\"“”]+)[\"“”]"  # a quoted name: WeChat writes "名字"
_JOINS = (  # (pattern, channel); groups: joined, inviter ("你" is the exporter)
    (re.compile(rf"^{_Q}邀请{_Q}加入了群聊"), "invite", 2, 1),
    (re.compile(rf"^你邀请{_Q}加入了群聊"), "invite", 1, None),
    (re.compile(rf"^{_Q}邀请你加入了群聊"), "invite", None, 1),
    (re.compile(rf"^{_Q}通过扫描{_Q}分享的二维码加入群聊"), "qrcode", 1, 2),
    (re.compile(rf"^你通过扫描{_Q}分享的二维码加入群聊"), "qrcode", None, 1),
    (re.compile(rf"^{_Q}通过{_Q}分享的链接加入群聊"), "link", 1, 2),
)
_LEAVES = (  # (pattern, reason); groups: who left, who removed them
    (re.compile(rf"^{_Q}退出了群聊"), "left"),
    (re.compile(rf"^你将{_Q}移出了群聊"), "removed"),
    (re.compile(rf"^{_Q}将{_Q}移出了群聊"), "removed"),
)
_MENTION = re.compile("@([^@\u2005\n]{1,40}?)\u2005")  # WeChat ends an @mention with U+2005
_MENTION_PLAIN = re.compile(r"@(\S{1,40})")
EVERYONE = ("所有人", "All", "all")
_SELF = "你"


def convert(source: Path, options: ExportOptions) -> ChatConversion:
    files = sorted(source.glob("*.csv")) if source.is_dir() else [source]
    if not files:
        raise InputError(f"{source}: no .csv file (export the group as CSV with WeChatMsg/MemoTrace or chatlog)")
    out = ChatConversion(str(source))
    clock = LocalClock.of(options.utc_offset, CHINA)
    rows = [row for path in files for row in read_rows(path, out, clock)]
    if any(row.local_time for row in rows):
        out.note(clock.statement("chatlog's Time (the chatlog machine's local time)"))
    rows = _one_talker(rows, options.talker, source)
    if rows:
        out.scope = f"wechat:{rows[0].talker}"
    _Group(rows, out).convert()
    return out


def _one_talker(rows: list[WeChatRow], talker: str | None, source: Path) -> list[WeChatRow]:
    talkers = Counter(r.talker for r in rows)
    names = {r.talker: r.talker_name for r in rows}
    if talker is not None:
        chosen = [t for t in talkers if talker in (t, names.get(t))]
        if not chosen:
            raise InputError(f"{source}: no chat {talker!r} in the export; it holds: {_listing(talkers, names)}")
        return [r for r in rows if r.talker == chosen[0]]
    if len(talkers) > 1:
        raise InputError(f"{source}: the export holds {len(talkers)} chats; pick one with --talker "
                         f"(one group per community): {_listing(talkers, names)}")
    return rows


def _listing(talkers: Counter[str], names: dict[str, str | None]) -> str:
    return "; ".join(f"{t} ({names.get(t) or 'no name'}, {n} messages)" for t, n in talkers.most_common())


class _Group:
    def __init__(self, rows: list[WeChatRow], out: ChatConversion):
        self.rows, self.out = rows, out
        self.names = NameIndex()
        for row in rows:
            for name in row.names:
                self.names.add(name, row.sender)
        selves = {r.sender for r in rows if r.is_self and r.sender}
        self.exporter = next(iter(selves)) if len(selves) == 1 else None

    def convert(self) -> None:
        out, seen = self.out, set()
        for row in sorted(self.rows, key=lambda r: (r.at is None, r.at, r.file, r.line)):
            key = (row.sender, row.at, row.content)
            if key in seen:
                out.skip("messages given twice (overlapping files)")
                continue
            seen.add(key)
            if row.system:
                self._system(row)
            elif row.sender is None:
                out.skip("messages without a sender")
            else:
                self._message(row)

    def _message(self, row: WeChatRow) -> None:
        out = self.out
        sender = out.member(row.sender, row.names[0] if row.names else None)
        out.messages += 1
        if row.quote:
            if row.quoted:
                out.interaction(sender, out.member(row.quoted), "reply", row.at)
            else:
                out.skip("quotes whose quoted message the export does not name")
        text = "\n".join(line for line in row.content.split("\n") if not line.startswith("> "))
        mentions = _MENTION.findall(text) if "\u2005" in text else _MENTION_PLAIN.findall(text)
        for name in mentions:
            if name.strip() in EVERYONE:
                out.skip("mentions of everyone (@所有人)")
            elif self.names.ambiguous(name):
                out.skip("mentions of a name several members share")
            elif (target := self.names.resolve(name)) is not None:
                out.interaction(sender, target, "mention", row.at)
            else:
                out.skip("mentions of a name no member of the group shows")

    def _who(self, name: str | None) -> str | None:
        """The id for a name a system message gives (None: the exporter, unknown; counted)."""
        if name is None:
            if self.exporter is None:
                self.out.skip("system messages about the exporter (\"你\"), whom the export does not name")
            return self.exporter
        if self.names.ambiguous(name):
            self.out.skip("people named in system messages by a name several members share")
            return None
        return self.names.resolve(name) or self.out.by_name(name)

    def _system(self, row: WeChatRow) -> None:
        text = row.content.strip()
        for pattern, channel, joined, inviter in _JOINS:
            if match := pattern.match(text):
                by = self._who(match.group(inviter)) if inviter else self._who(None)
                for name in self._invitees(match.group(joined)) if joined else [None]:
                    self.out.join(self._who(name), row.at, by=by, channel=channel if by else None)
                return
        for pattern, reason in _LEAVES:
            if match := pattern.match(text):  # the last name is the one who is gone
                self.out.leave(self._who(match.group(pattern.groups)), row.at, reason)
                return
        self.out.skip("system messages other than joins and departures")

    def _invitees(self, text: str) -> list[str]:
        """WeChat joins several invitees' names with 、 inside one pair of quotes."""
        if "、" not in text or self.names.resolve(text):
            return [text]
        return [name for name in text.split("、") if name.strip()]
