"""Parsing single values of the interchange format: times, booleans, numbers, roles."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time

from graphmodel.core.model import role_name

TRUE = {"true", "1", "yes", "y", "t", "是", "真"}
FALSE = {"false", "0", "no", "n", "f", "否", "假"}
# Unix seconds beyond this are taken as milliseconds (year 5138 in seconds).
_MILLIS_FROM = 1e11


class BadValue(ValueError):
    """A value that does not parse; the message says what was expected."""


def parse_time(text: str) -> int:
    """ISO 8601 (date or datetime; naive means UTC) or Unix seconds -> epoch milliseconds."""
    value = text.strip()
    if value[4:5] != "-":  # "YYYY-..." is tried as ISO first: a failed float() raises, which is slow
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is not None:
            return _epoch_millis(number, text)
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T", 1) if len(value) > 10 else value)
    except ValueError:
        try:
            return _epoch_millis(float(value), text)
        except ValueError:
            raise BadValue(f"{text!r} is not an ISO 8601 time or Unix seconds") from None
    if isinstance(moment, datetime) and len(value) == 10:  # a bare date
        moment = datetime.combine(moment.date(), time(), UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not moment.microsecond:  # whole seconds: the float is exact, and int() is cheaper than round()
        return int(moment.timestamp()) * 1000
    return round(moment.timestamp() * 1000)


def _epoch_millis(number: float, text: str) -> int:
    """Unix seconds (or milliseconds, when too large for seconds) -> epoch milliseconds."""
    if not math.isfinite(number):
        raise BadValue(f"{text!r} is not a time")
    seconds = number / 1000 if abs(number) >= _MILLIS_FROM else number
    return round(seconds * 1000)


def parse_bool(text: str) -> bool:
    value = text.strip().casefold()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise BadValue(f"{text!r} is not true or false")


def parse_weight(text: str) -> float:
    try:
        weight = float(text)
    except ValueError:
        raise BadValue(f"{text!r} is not a number") from None
    if not math.isfinite(weight) or weight <= 0:
        raise BadValue(f"{text!r} is not a positive number")
    return weight


def parse_roles(text: str) -> list[str]:
    """English or Chinese role names or aliases separated by '|' -> canonical names."""
    names = []
    for part in text.split("|"):
        if not part.strip():
            continue
        name = role_name(part)
        if name is None:
            raise BadValue(f"unknown role {part.strip()!r}")
        if name not in names:
            names.append(name)
    return names


def millis_to_date(millis: int) -> date:
    return datetime.fromtimestamp(millis / 1000, UTC).date()
