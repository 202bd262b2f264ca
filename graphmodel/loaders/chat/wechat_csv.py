"""Reading the two WeChat CSV layouts operators have into one shape of row.

* WeChatMsg / MemoTrace (LC044/WeChatMsg ``app/util/exporter/exporter_csv.py``): UTF-8 with
  BOM, ``localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,
  NickName,Sender``; ``CreateTime`` Unix seconds; in a group ``Sender`` is the sender's wxid.
  A quote (Type 49, SubType 57) names the quoted person only in the XML of ``CompressContent``,
  which the CSV leaves out (when ``StrContent`` holds the XML, its ``chatusr`` is read).
* chatlog (sjzar/chatlog, ``Message.CSV``): ``Time,SenderName,Sender,TalkerName,Talker,Content``
  (some builds put ``MessageID`` first); ``Time`` is the chatlog machine's local time;
  system messages have ``Sender`` 系统消息; a quote's ``Content`` starts with the quoted
  message's header line ``> 名字(wxid) 01-02 15:04:05``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import LocalClock, from_unix
from graphmodel.loaders.chat.common import ChatConversion
from graphmodel.loaders.encoding import detect_encoding

MEMOTRACE = ("localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent",
             "StrTime", "Remark", "NickName", "Sender")
CHATLOG = ("Time", "SenderName", "Sender", "TalkerName", "Talker", "Content")
SYSTEM_TYPES = ("10000", "10002")
_CHATLOG_SYSTEM = "系统消息"
_REFER = re.compile(r"<chatusr>(?:<!\[CDATA\[)?([^<\]]+)|<fromusr>(?:<!\[CDATA\[)?([^<\]]+)")
_QUOTED = re.compile(r"^> (?:(?P<name>.*)\((?P<id>[^()\s]+)\)|(?P<bare>\S+)) \d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


@dataclass(frozen=True)
class WeChatRow:
    file: str
    line: int
    talker: str
    talker_name: str | None
    sender: str | None       # wxid; None for system messages
    names: tuple[str, ...]   # names the row shows for the sender (group nickname first when given)
    at: datetime | None
    system: bool
    content: str
    quote: bool              # a quote (引用) of an earlier message
    quoted: str | None       # the quoted message's sender, when the export names them
    is_self: bool            # sent by the exporter
    local_time: bool         # ``at`` was read from a clock time without an offset


def read_rows(path: Path, out: ChatConversion, clock: LocalClock) -> Iterator[WeChatRow]:
    """The rows of one CSV file, either layout; unreadable records go to ``out.rejects``."""
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        columns = [c.strip().lstrip("\ufeff") for c in header or []]
        if columns[:len(MEMOTRACE)] == list(MEMOTRACE):
            layout, width = "memotrace", len(MEMOTRACE)
        elif columns[-len(CHATLOG):] == list(CHATLOG) and len(columns) in (6, 7):
            layout, width = "chatlog", len(columns)
        elif columns[:9] == list(MEMOTRACE[:9]):
            raise InputError(f"{path}: this is WeChatMsg's all-messages CSV, which has no Sender column; "
                             f"export the group's own CSV (聊天记录 → the group → CSV)")
        else:
            raise InputError(f"{path}: line 1: not a WeChat CSV export (expected the header "
                             f"{','.join(MEMOTRACE)} or {','.join(CHATLOG)})")
        line = reader.line_num
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            out.records += 1
            if len(record) != width:
                out.reject(path, start, columns[min(len(record), width - 1)],
                           f"the record has {len(record)} fields; the header has {width}", ",".join(record))
                continue
            values = dict(zip(columns, record, strict=True))
            row = (_memotrace if layout == "memotrace" else _chatlog)(path, start, values, out, clock)
            if row is not None:
                yield row


def _memotrace(path: Path, line: int, v: dict[str, str], out: ChatConversion,
               clock: LocalClock) -> WeChatRow | None:
    at = from_unix(v["CreateTime"]) if v["CreateTime"].strip().isdigit() else None
    if at is None:
        out.reject(path, line, "CreateTime", f"{v['CreateTime']!r} is not a Unix time in seconds",
                   ",".join(v.values()))
        return None
    system = v["Type"].strip() in SYSTEM_TYPES
    quote = v["Type"].strip() == "49" and v["SubType"].strip() == "57"
    refer = _REFER.search(v["StrContent"]) if quote else None
    return WeChatRow(str(path), line, v["TalkerId"].strip(), Path(path).stem.removesuffix("_utf8"),
                     None if system else (v["Sender"].strip() or None),
                     tuple(n for n in (v["NickName"].strip(), v["Remark"].strip()) if n), at, system,
                     v["StrContent"], quote, (refer.group(1) or refer.group(2)).strip() if refer else None,
                     v["IsSender"].strip() == "1", False)


def _chatlog(path: Path, line: int, v: dict[str, str], out: ChatConversion,
             clock: LocalClock) -> WeChatRow | None:
    try:
        local = datetime.fromisoformat(v["Time"].strip())  # "2006-01-02 15:04:05"; much faster than strptime
        if local.tzinfo is not None:
            raise ValueError("an offset chatlog does not write")
        at = clock.at(local)
    except ValueError:
        out.reject(path, line, "Time", f"{v['Time']!r} is not a time like 2024-05-01 20:15:00",
                   ",".join(v.values()))
        return None
    system = v["Sender"].strip() == _CHATLOG_SYSTEM
    content = v["Content"]
    first = content.split("\n", 1)[0]
    quote = first.startswith("> ")
    quoted = _QUOTED.match(first) if quote else None
    return WeChatRow(str(path), line, v["Talker"].strip(), v["TalkerName"].strip() or None,
                     None if system else (v["Sender"].strip() or None),
                     (v["SenderName"].strip(),) if v["SenderName"].strip() else (), at, system,
                     content, quote, (quoted.group("id") or quoted.group("bare")) if quoted else None, False,
                     True)
