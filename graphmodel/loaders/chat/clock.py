"""Times in chat exports: Unix seconds, ISO 8601, and local clock times written without an offset.

Many exporters write the exporting machine's local time without saying which (Telegram's
``date``, chatlog's ``Time``, QQ's and WhatsApp's message headers). ``LocalClock`` reads such a
time with the offset the operator gives (``--utc-offset``) or, failing that, with the
converter's assumption, which the conversion summary then states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from graphmodel.core.errors import InputError

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])?(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def parse_utc_offset(text: str) -> timedelta:
    """``+08:00``, ``+8``, ``-0330``, ``UTC+8`` -> a timedelta between -14 and +14 hours."""
    match = _OFFSET.match(str(text).strip())
    if not match:
        raise InputError(f"{text!r} is not a UTC offset (write it like +08:00, -05:00 or 0)")
    sign = -1 if match.group(1) == "-" else 1
    offset = sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    if abs(offset) > timedelta(hours=14) or int(match.group(3) or 0) >= 60:
        raise InputError(f"{text!r} is not a UTC offset (between -14:00 and +14:00)")
    return offset


def format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@dataclass(frozen=True)
class LocalClock:
    """How to read a clock time written without an offset."""

    offset: timedelta
    given: bool  # True: the operator's --utc-offset; False: the converter's assumption

    @classmethod
    def of(cls, given: timedelta | None, assumed: timedelta = timedelta(0)) -> LocalClock:
        return cls(given, True) if given is not None else cls(assumed, False)

    def at(self, moment: datetime) -> datetime:
        """``moment`` (naive, local) as an aware time."""
        return moment.replace(tzinfo=timezone(self.offset)).astimezone(UTC)

    def statement(self, what: str) -> str:
        """The summary's sentence on how ``what`` was read."""
        how = "as given by --utc-offset" if self.given else "assumed; pass --utc-offset to change it"
        return f"{what} read as {format_offset(self.offset)} ({how})"


def from_unix(seconds: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(seconds), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def from_iso(text: Any, clock: LocalClock | None = None) -> datetime | None:
    """An ISO 8601 time; one without an offset is read with ``clock`` (UTC when none)."""
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo:
        return moment
    return clock.at(moment) if clock else moment.replace(tzinfo=UTC)
