"""``--as-of``: analyse only the data up to a date or an instant.

``--as-of 2024-03-31`` keeps everything up to the end of that day (UTC);
``--as-of 2024-03-31T12:00:00+08:00`` everything up to that instant. Queries
take the exclusive ``cutoff`` instant: data at or after it is left out, and
so is data without a time (it cannot be shown to come before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from graphmodel.core.errors import ConfigurationError


@dataclass(frozen=True)
class AsOf:
    """The point in time an analysis looks from: ``text`` as given, ``cutoff`` exclusive."""

    text: str
    cutoff: datetime

    @property
    def cutoff_millis(self) -> int:
        return int(self.cutoff.timestamp() * 1000)


def parse_as_of(value: str | date | datetime | AsOf | None) -> AsOf | None:
    """An ``AsOf`` from an ISO date or datetime (naive times are UTC); None stays None."""
    if value is None or isinstance(value, AsOf):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(
                text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ConfigurationError(
                f"--as-of {text!r} is not an ISO date (2024-03-31) or datetime "
                f"(2024-03-31T18:00:00+08:00): {exc}") from exc
    if isinstance(value, datetime):
        instant = value if value.tzinfo else value.replace(tzinfo=UTC)
        return AsOf(value.isoformat(), instant + timedelta(microseconds=1))
    start = datetime(value.year, value.month, value.day, tzinfo=UTC)
    return AsOf(value.isoformat(), start + timedelta(days=1))
