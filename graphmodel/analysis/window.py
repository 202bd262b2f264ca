"""The moment an analysis looks from, and the periods it counts before it.

The end is ``--as-of``'s cutoff, or else the community's latest recorded time (its newest
interaction, join or departure, never later than now; shares are left out, since a share
to someone outside is no activity inside): an export is analysed as of
the moment it ends, so a community loaded today from last month's export is not found
silent. The loader keeps that time on the community (``latest_at``); for a community
loaded before it did, the first analysis walks the data for it and keeps it.

Activity is counted in the window of ``active_window_days`` before the end, a member's
earlier activity in the ``baseline_days`` before the window, and tie weights halve with
every ``tie_half_life_days`` of age (weights are ``2 ** ((at - end) / half-life)``; a tie
without a time is not aged). A community whose data has no times is one moment: no window
and no decay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from graphmodel.analysis.options import AnalysisOptions
from graphmodel.core.asof import AsOf
from graphmodel.graph.community import recorded_latest
from graphmodel.graph.database import Database

MS_PER_DAY = 86_400_000


@dataclass(frozen=True)
class AnalysisWindow:
    """The end of an analysis (exclusive, epoch ms) and the periods before it."""

    end_ms: int
    window_days: int         # 0: the whole history is the window
    baseline_days: int
    half_life_days: float    # 0: ties do not decay

    @property
    def window_start_ms(self) -> int | None:
        """The first instant of the window; None when the window is the whole history."""
        return self.end_ms - self.window_days * MS_PER_DAY if self.window_days else None

    @property
    def baseline_start_ms(self) -> int | None:
        """The first instant of the baseline (it ends where the window starts); None without one."""
        start = self.window_start_ms
        return start - self.baseline_days * MS_PER_DAY if start is not None and self.baseline_days else None

    def cypher_params(self) -> dict[str, object]:
        """The window, baseline and decay as the analysis queries take them."""
        window, baseline = self.window_start_ms, self.baseline_start_ms
        return {"window": _instant(window), "baseline": _instant(baseline),
                "end": float(self.end_ms),
                "half_life": self.half_life_days * MS_PER_DAY if self.half_life_days else None}

    def describe(self) -> dict[str, object]:
        """What the run records of its window (ISO instants, days)."""
        return {"end": _iso(self.end_ms), "window_start": _iso(self.window_start_ms),
                "baseline_start": _iso(self.baseline_start_ms), "active_window_days": self.window_days,
                "baseline_days": self.baseline_days, "tie_half_life_days": self.half_life_days}


def window_at(end_ms: int | None, options: AnalysisOptions) -> AnalysisWindow:
    """The window of an analysis ending at ``end_ms``; without an end (data without times),
    the whole history without decay, ending now."""
    if end_ms is None:
        return AnalysisWindow(_now_ms(), 0, 0, 0.0)
    return AnalysisWindow(int(end_ms), options.active_window_days, options.baseline_days,
                          float(options.tie_half_life_days))


def analysis_window(connection: Database, community: str, moment: AsOf | None,
                    options: AnalysisOptions, keep: bool = True) -> AnalysisWindow:
    """The window of an analysis of ``community`` as of ``moment`` (None: its latest recorded
    time, ``graph.community.recorded_latest``, kept when walked for and ``keep``)."""
    if moment is not None:
        return window_at(_ceil_ms(moment.cutoff), options)
    latest = recorded_latest(connection, community, keep)
    return window_at(None if latest is None else min(latest + 1, _now_ms()), options)


def _ceil_ms(instant: datetime) -> int:
    """An exclusive cutoff in whole ms, rounded up (a cutoff just after an instant keeps it in)."""
    return -((datetime(1970, 1, 1, tzinfo=UTC) - instant) // timedelta(milliseconds=1))


def _now_ms() -> int:
    return int(datetime.now(UTC).timestamp() * 1000)


def _instant(ms: int | None) -> datetime | None:
    return None if ms is None else datetime.fromtimestamp(ms / 1000, UTC)


def _iso(ms: int | None) -> str | None:
    instant = _instant(ms)
    return None if instant is None else instant.isoformat()
