"""A WhatsApp group from "Export chat" (without media): the TXT in the Android or iOS layout.

Android writes ``12/9/20, 23:55 - Name: text`` and iOS ``[09/12/2020, 23:55:12] Name: text``,
each in the phone's locale: day/month/year in either order (or year first), a 12- or 24-hour
clock, ``/``, ``.`` or ``-`` between the parts; a message's further lines follow unprefixed.
The date order is read from the dates themselves (a part above 12 is the day; else the order
under which the dates run forward; else month first, as WhatsApp's US English writes them) and
the summary states it; ``--date-order`` forces it. Times are the phone's local time: read with
``--utc-offset``, else as UTC, stated. The export names people by the exporter's contact name
or phone number: a phone number is kept as the id (``wa:+…``), a name only within this chat.
System lines (English): "X created group", "X added Y", "X joined using this group's invite
link", "X left", "X removed Y"; lines about the exporter ("you") are counted, as the export
never names them. Replies and reactions are not in the TXT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import LocalClock
from graphmodel.loaders.chat.common import ChatConversion, NameIndex, the_text_file
from graphmodel.loaders.chat.options import ExportOptions

_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE = re.compile(r"^\[?(\d{1,4})[./-](\d{1,2})[./-](\d{1,4}),?\s+(上午|下午)?\s*(\d{1,2})[:.](\d{2})"
                   r"(?:[:.](\d{2}))?(?:\s*([AaPp])\.?\s?[Mm]\.?)?\]?(?:\s+-\s+|\s+)(.*)$")
_NAME = r"([^:]+?)"
_SYSTEM_JOIN = (
    (re.compile(rf"^{_NAME} created group [\"“](.*)[\"”]$"), "created"),
    (re.compile(rf"^{_NAME} added (.+)$"), "added"),
    (re.compile(rf"^{_NAME} joined using this group's invite link$"), "link"),
    (re.compile(rf"^{_NAME} joined from the community$"), "joined"),
)
_SYSTEM_LEAVE = (
    (re.compile(rf"^{_NAME} left$"), "left"),
    (re.compile(rf"^{_NAME} removed (.+)$"), "removed"),
)
_SYSTEM_OTHER = re.compile(rf"^(?:Messages and calls are end-to-end encrypted|{_NAME} changed (?:the subject|"
                           r"this group's icon|the group description|their phone number|to )|"
                           rf"{_NAME}'s security code changed|{_NAME} deleted this group's icon|"
                           r"You're now an admin|Your security code with)")
_YOU = ("you", "You")
_PHONE = re.compile(r"^\+[\d\s().-]{6,}$")
_MENTION = re.compile(r"@(\+[\d\s-]{6,}\d|[^\s@]{1,40})")
_PUNCTUATION = ",.!?;:，。！？；："


@dataclass(frozen=True)
class _Line:
    number: int
    parts: tuple[int, int, int]
    clock: tuple[int, int, int, str | None]  # hour, minute, second, AM/PM/上午/下午
    rest: str               # after the time, without direction marks
    ios_system: bool        # "Group: \u200etext": iOS writes system lines so, sent by the group's name
    continuation: list[str]


def convert(source: Path, options: ExportOptions) -> ChatConversion:
    path = the_text_file(source, "WhatsApp")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not readable as UTF-8 text, as WhatsApp writes it ({error})") from error
    lines = _lines(text)
    if not lines:
        raise InputError(f"{path}: line 1: not a WhatsApp chat export (expected lines like "
                         f"\"12/9/20, 23:55 - Name: text\" or \"[09/12/2020, 23:55:12] Name: text\")")
    out = ChatConversion(str(path))
    out.scope = f"whatsapp:{_chat_name(path, lines)}"
    order = _date_order(lines, options.date_order, out)
    clock = LocalClock.of(options.utc_offset)
    out.note(clock.statement("WhatsApp times (the phone's local time)"))
    _Chat(path, lines, order, clock, out).convert()
    return out


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        match = _LINE.match(_MARKS.sub("", raw).strip()) if raw.strip() else None
        if match is None:
            if lines:
                lines[-1].continuation.append(raw)
            continue
        g = match.groups()
        half = g[3] or (g[7].upper() + "M" if g[7] else None)
        rest = _MARKS.sub("", g[8]).strip()
        _sender, mark, text = raw.partition(": \u200e")
        ios_system = bool(mark) and _system(_MARKS.sub("", text).strip())
        lines.append(_Line(number, (int(g[0]), int(g[1]), int(g[2])), (int(g[4]), int(g[5]), int(g[6] or 0), half),
                           _MARKS.sub("", text).strip() if ios_system else rest, ios_system, []))
    return lines


def _chat_name(path: Path, lines: list[_Line]) -> str:
    for pattern in (r"^WhatsApp Chat with (.+)$", r"^WhatsApp Chat - (.+)$"):
        for name in (path.stem, path.parent.name):
            if match := re.match(pattern, name):
                return match.group(1)
    for line in lines:
        if match := _SYSTEM_JOIN[0][0].match(line.rest):
            return match.group(2)
    return path.stem


def _date_order(lines: list[_Line], forced: str | None, out: ChatConversion) -> str:
    if forced:
        out.note(f"dates read as {forced} (--date-order)")
        return forced
    dates = [line.parts for line in lines]
    if all(p[0] > 31 for p in dates):
        out.note("dates read as YMD (year first, as the export writes them)")
        return "YMD"
    fits = [order for order in ("DMY", "MDY") if all(_date(p, order) for p in dates)]
    if len(fits) == 1:
        out.note(f"dates read as {fits[0]} (only that order fits every date); --date-order to force")
        return fits[0]
    if not fits:
        raise InputError("the dates fit neither day/month/year nor month/day/year; pass --date-order")
    backwards = {order: _backwards([_date(p, order) for p in dates]) for order in fits}
    if backwards["DMY"] != backwards["MDY"]:
        order = min(backwards, key=lambda o: backwards[o])
        out.note(f"dates read as {order} (every date fits both orders; the dates run forward in this one); "
                 f"--date-order to force")
        return order
    out.note("dates read as MDY, as WhatsApp's US English writes them (every date fits day/month too, and "
             "nothing in the export tells the two apart); pass --date-order DMY if that is wrong")
    return "MDY"


def _date(parts: tuple[int, int, int], order: str) -> datetime | None:
    a, b, c = parts
    year, month, day = {"DMY": (c, b, a), "MDY": (c, a, b), "YMD": (a, b, c)}[order]
    try:
        return datetime(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def _backwards(dates: list[datetime | None]) -> int:
    return sum(1 for x, y in zip(dates, dates[1:], strict=False) if x and y and y < x)


class _Chat:
    def __init__(self, path: Path, lines: list[_Line], order: str, clock: LocalClock, out: ChatConversion):
        self.path, self.lines, self.order, self.clock, self.out = path, lines, order, clock, out
        self.names = NameIndex()
        for line in lines:
            sender, _text = self._split(line)
            if sender:
                self.names.add(sender, self._id(sender, note=False))

    def _id(self, name: str, note: bool = True) -> str:
        if _PHONE.match(name):
            ident = "wa:+" + re.sub(r"\D", "", name)
            if note:
                self.out.member(ident, name)
            return ident
        return self.out.by_name(name) if note else f"name:{self.out.scope}:{name.strip()}"

    @staticmethod
    def _split(line: _Line) -> tuple[str | None, str]:
        if line.ios_system or _system(line.rest):
            return None, line.rest
        sender, colon, text = line.rest.partition(": ")
        return (sender.strip(), text) if colon and sender.strip() else (None, line.rest)

    def _at(self, line: _Line) -> datetime | None:
        day = _date(line.parts, self.order)
        hour, minute, second, half = line.clock
        if day is None or minute > 59 or second > 59:
            return None
        if half in ("PM", "下午") and hour < 12:
            hour += 12
        elif half in ("AM", "上午") and hour == 12:
            hour = 0
        if hour > 23:
            return None
        return self.clock.at(day.replace(hour=hour, minute=minute, second=second))

    def convert(self) -> None:
        out = self.out
        for line in self.lines:
            out.records += 1
            at = self._at(line)
            if at is None:
                out.reject(self.path, line.number, "date", f"not a date and time read as {self.order}", line.rest)
                continue
            sender, text = self._split(line)
            if sender is None:
                self._system(text, at)
                continue
            if sender in _YOU:
                out.skip("messages by the exporter shown as \"You\"")
                continue
            person = self._id(sender)
            out.messages += 1
            for name in _MENTION.findall("\n".join([text, *line.continuation])):
                name = _MARKS.sub("", name).strip()
                target = self.names.resolve(name) or self.names.resolve(name.rstrip(_PUNCTUATION))
                if target:
                    out.interaction(person, target, "mention", at)
                else:
                    out.skip("mentions of a name the chat does not show for one person")

    def _named(self, text: str) -> list[str | None]:
        """People a system line lists ("Bob", "Bob, Carol and Dave", "you")."""
        names = re.split(r", | and ", text)
        return [None if n.strip() in _YOU else self._id(n.strip()) for n in names if n.strip()]

    def _system(self, text: str, at: datetime) -> None:
        out = self.out
        for pattern, what in _SYSTEM_JOIN:
            if match := pattern.match(text):
                actor = None if match.group(1) in _YOU else self._id(match.group(1))
                if what == "added":
                    for person in self._named(match.group(2)):
                        self._about_you(person, actor)
                        out.join(person, at, by=actor, channel="invite" if actor else None)
                else:
                    self._about_you(actor, actor)
                    out.join(actor, at)
                return
        for pattern, reason in _SYSTEM_LEAVE:
            if match := pattern.match(text):
                gone = self._named(match.group(len(match.groups())))
                for person in gone:
                    self._about_you(person, person)
                    out.leave(person, at, reason)
                return
        out.skip("system lines other than joins and departures")

    def _about_you(self, person: str | None, actor: str | None) -> None:
        if person is None or actor is None:
            self.out.skip("system lines about the exporter (\"you\"), whom the export does not name")


def _system(rest: str) -> bool:
    return any(p.match(rest) for p, _ in _SYSTEM_JOIN + _SYSTEM_LEAVE) or bool(_SYSTEM_OTHER.match(rest))

