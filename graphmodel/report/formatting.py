"""Numbers, shares, months and times as an operator reads them in the report's language.

English and Chinese group digits the same way (CLDR: ``1,234,567.5``); they differ in
compact counts (``1.2M`` against ``120万``), months (``March 2024`` against ``2024年3月``) and
dates (``2 March 2024``, ``2024年3月2日``). A missing value is a dash in both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

MISSING = "–"
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
# compact steps, largest first: (threshold, divisor, suffix)
COMPACT = {"en": ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e3, 1e3, "K")),
           "zh": ((1e8, 1e8, "亿"), (1e4, 1e4, "万"))}


@dataclass(frozen=True)
class Formatter:
    """Formats figures for one language (``en`` or ``zh``)."""

    lang: str = "en"

    def count(self, value) -> str:
        """A whole number with grouped digits: ``12,345``."""
        if not _is_number(value):
            return MISSING if value is None else str(value)
        return f"{round(value):,}"

    def number(self, value, digits: int = 3) -> str:
        """A count as a count, a fraction with ``digits`` significant decimals: ``0.192``."""
        if not _is_number(value):
            return MISSING if value is None else str(value)
        if float(value).is_integer():
            return self.count(value)
        return f"{value:,.{digits}f}"

    def share(self, value, digits: int = 1) -> str:
        """A fraction as a percentage: ``14.5%``."""
        if not _is_number(value):
            return MISSING if value is None else str(value)
        return f"{value * 100:,.{digits}f}%"

    def compact(self, value) -> str:
        """A count short enough for an axis or a disc: ``1.2K``/``12万``; below the first step as is."""
        if not _is_number(value):
            return MISSING if value is None else str(value)
        for threshold, divisor, suffix in COMPACT[self._lang]:
            if abs(value) >= threshold:
                scaled = value / divisor
                text = f"{scaled:.1f}" if abs(scaled) < 100 else f"{scaled:.0f}"
                return text.removesuffix(".0") + suffix
        return self.number(value, 2)

    def month(self, text: str | None) -> str:
        """``2024-03`` as ``March 2024`` or ``2024年3月`` (other text unchanged)."""
        if not text:
            return MISSING
        year, _, month = str(text).partition("-")
        if not (year.isdigit() and month[:2].isdigit() and 1 <= int(month[:2]) <= 12):
            return str(text)
        if self._lang == "zh":
            return f"{year}年{int(month[:2])}月"
        return f"{MONTHS_EN[int(month[:2]) - 1]} {year}"

    def moment(self, value) -> str:
        """An ISO 8601 date or date-time as a date (and time when it has one), in the language."""
        if value is None or value == "":
            return MISSING
        text = str(value)
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text
        has_time = "T" in text or " " in text.strip()
        zone = " UTC" if parsed.utcoffset() is not None and not parsed.utcoffset() else ""
        clock = f" {parsed:%H:%M}{zone}" if has_time else ""
        if self._lang == "zh":
            return f"{parsed.year}年{parsed.month}月{parsed.day}日{clock}"
        return f"{parsed.day} {MONTHS_EN[parsed.month - 1]} {parsed.year}{clock}"

    @property
    def _lang(self) -> str:
        return "zh" if self.lang == "zh" else "en"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
