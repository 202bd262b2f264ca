"""Communities, or cohorts of one, side by side against the norms (``graphmodel compare``).

Each column is a community's latest finished analysis run (and its latest fission run),
or the members of one community who joined in a period (``--cohort
joined:2024-01..2024-06``). Every column is computed the same way, from the members' figures
the run wrote (their inferred roles, circle, activity in the window, last activity) and the
cascades of the latest fission run (``cascade_generation``, ``cascade_parent``):

- the role mix (primary roles) against 1:9:90 and the active share against ~5 %;
- circle sizes against Dunbar (the share of the column's members in circles below
  ``dunbar_small``, up to ``dunbar_large``, above it);
- layering depth (the deepest invitation generation; invitees deeper than ``layering_depth``);
- retention (members who joined ``RETENTION_DAYS`` or more before the end and were active
  in the last ``RETENTION_DAYS``; those who left are not retained), overall and by entry
  threshold;
- fission: the share who joined through an invitation and how many each brought in.

``compare`` reads the graph; ``column_figures`` is pure.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

from graphmodel.analysis.metrics import departed
from graphmodel.analysis.run import RETENTION_DAYS
from graphmodel.analysis.window import MS_PER_DAY
from graphmodel.core.errors import ConfigurationError, NoAnalysis
from graphmodel.core.norms import Thresholds
from graphmodel.graph.database import Database
from graphmodel.history import primary_role

ROLE_NORMS = {"leader": 0.01, "participant": 0.09, "follower": None, "lurker": 0.90}


@dataclass(frozen=True)
class Cohort:
    """Members who joined in ``[joined_from, joined_until)`` (epoch ms; None: open)."""

    text: str
    joined_from: int | None
    joined_until: int | None

    def contains(self, joined_ms: np.ndarray) -> np.ndarray:
        inside = joined_ms >= 0
        if self.joined_from is not None:
            inside &= joined_ms >= self.joined_from
        if self.joined_until is not None:
            inside &= joined_ms < self.joined_until
        return inside


def parse_cohort(text: str) -> Cohort:
    """``joined:FROM..TO`` with months (2024-01) or days (2024-01-15), both ends included;
    either end may be left out (``joined:..2024-06``)."""
    kind, _, span = text.strip().partition(":")
    first, dots, last = span.partition("..")
    if kind != "joined" or not dots or not (first or last):
        raise ConfigurationError(f"--cohort {text!r}: write joined:FROM..TO with months or days, "
                                 f"e.g. joined:2024-01..2024-06 or joined:2024-03-01..2024-03-31")
    try:
        start = _day(first, end=False) if first else None
        stop = _day(last, end=True) if last else None
    except ValueError as error:
        raise ConfigurationError(f"--cohort {text!r}: {error}") from None
    if start is not None and stop is not None and stop <= start:
        raise ConfigurationError(f"--cohort {text!r}: the period ends before it starts")
    return Cohort(text.strip(), start, stop)


def _day(text: str, end: bool) -> int:
    """The first instant of a month or day (``end``: of the one after it), epoch ms UTC."""
    if len(text) == 7:
        year, month = int(text[:4]), int(text[5:7])
        if end:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        day = date(year, month, 1)
    else:
        day = date.fromisoformat(text) + (timedelta(days=1) if end else timedelta())
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


@dataclass(frozen=True)
class Figure:
    """A row of the comparison: its key, label and norm in both languages, and its kind."""

    key: str
    label: str
    label_zh: str
    norm: str
    norm_zh: str
    kind: str = "share"    # share (0..1), count, number


@dataclass(frozen=True)
class Column:
    label: str              # the community, or the community and the cohort
    community: str
    cohort: str | None
    run: str
    end: str | None         # the end the run looked from (ISO)
    figures: dict[str, float | int | None]


@dataclass(frozen=True)
class Comparison:
    figures: tuple[Figure, ...]
    columns: tuple[Column, ...]

    def as_dict(self) -> dict:
        return {"figures": [f.__dict__ for f in self.figures], "columns": [c.__dict__ for c in self.columns]}


@dataclass(frozen=True)
class MemberFigures:
    """The members of a community as the latest analysis and fission runs left them, as arrays."""

    ids: np.ndarray
    joined_ms: np.ndarray
    left_ms: np.ndarray
    threshold: np.ndarray
    primary: np.ndarray       # primary inferred role ("(none)" when the run gave none)
    circle: np.ndarray        # -1: in no circle
    active: np.ndarray
    last_active_ms: np.ndarray
    generation: np.ndarray    # invitation generation in the latest fission run; -1: not in a cascade
    parent: np.ndarray        # who invited them ("" when nobody)


def figure_rows(t: Thresholds, thresholds: Sequence[str]) -> tuple[Figure, ...]:
    """The rows of a comparison, with the norms of ``t``; one retention row per entry threshold."""
    active = f"{t.active_share_low:.0%}-{t.active_share_high:.0%}"
    rows = [
        Figure("members", "members (current)", "当前成员", "", "", "count"),
        Figure("departed", "members who left", "已离开的成员", "", "", "count"),
        *(Figure(f"{role}_share", f"{role}s (primary role)", f"{_ROLE_ZH[role]}（主要角色）",
                 "" if norm is None else f"{norm:.0%} (1:9:90)", "" if norm is None else f"{norm:.0%}（1:9:90）")
          for role, norm in ROLE_NORMS.items()),
        Figure("active_share", "active in the window", "窗口内活跃", f"{active} (about 5%)", f"{active}（约 5%）"),
        Figure("circles", "circles they are in", "所在圈子数", "", "", "count"),
        Figure("median_circle", "median circle size", "圈子规模中位数", f"{t.dunbar_small}-{t.dunbar_large} (Dunbar)",
               f"{t.dunbar_small}-{t.dunbar_large}（邓巴数）", "number"),
        Figure("in_small_circles", f"in circles under {t.dunbar_small}", f"在 {t.dunbar_small} 人以下的圈子",
               "semi-acquaintance mode", "半熟人模式"),
        Figure("in_mid_circles", f"in circles of {t.dunbar_small}-{t.dunbar_large}",
               f"在 {t.dunbar_small}-{t.dunbar_large} 人的圈子", "rules and activities needed", "需要规则和活动"),
        Figure("in_large_circles", f"in circles over {t.dunbar_large}", f"在 {t.dunbar_large} 人以上的圈子",
               "0: split or layer", "0：拆分或分层"),
        Figure("layering_depth", "deepest invitation generation", "最深邀请层级", f"at most {t.layering_depth}",
               f"不超过 {t.layering_depth}", "count"),
        Figure("beyond_layering", f"invitees deeper than {t.layering_depth} generations",
               f"超过 {t.layering_depth} 层的受邀者", "0 (two-level layering)", "0（两级分层）"),
        Figure("retention", f"retained ({RETENTION_DAYS} days)", f"留存（{RETENTION_DAYS} 天）", "", ""),
        Figure("retention_basis", "members retention is measured on", "计算留存的成员数", "", "", "count"),
        *(Figure(f"retention_{name}", f"retained, threshold {name}", f"留存，门槛 {name}", "", "")
          for name in thresholds),
        Figure("invited_share", "joined through an invitation", "通过邀请加入", "", ""),
        Figure("brought_in", "members brought in, per member", "人均带来成员", "", "", "number"),
    ]
    return tuple(rows)


_ROLE_ZH = {"leader": "意见领袖", "participant": "参与者", "follower": "追随者", "lurker": "围观者"}


def column_figures(m: MemberFigures, chosen: np.ndarray, circle_sizes: dict[int, int], end_ms: int,
                   t: Thresholds, thresholds: Sequence[str]) -> dict[str, float | int | None]:
    """The figures of the members ``chosen`` (a mask over ``m``), as of ``end_ms``."""
    gone = departed(m.joined_ms, m.left_ms, end_ms)
    current = chosen & ~gone
    n = int(current.sum())

    def share(mask: np.ndarray, basis: np.ndarray) -> float | None:
        total = int(basis.sum())
        return round(float((mask & basis).sum() / total), 4) if total else None

    out: dict[str, float | int | None] = {"members": n, "departed": int((chosen & gone).sum())}
    for role in ROLE_NORMS:
        out[f"{role}_share"] = share(m.primary == role, current)
    out["active_share"] = share(m.active, current)
    in_circle = current & (m.circle >= 0)
    size = np.array([circle_sizes.get(int(c), 0) for c in m.circle], np.int64) if len(m.circle) else m.circle
    out["circles"] = len(np.unique(m.circle[in_circle]))
    out["median_circle"] = float(np.median([circle_sizes.get(int(c), 0) for c in np.unique(m.circle[in_circle])])) \
        if in_circle.any() else None
    out["in_small_circles"] = share(size < t.dunbar_small, in_circle)
    out["in_mid_circles"] = share((size >= t.dunbar_small) & (size <= t.dunbar_large), in_circle)
    out["in_large_circles"] = share(size > t.dunbar_large, in_circle)
    invited = chosen & (m.generation >= 1)
    out["layering_depth"] = int(m.generation[chosen].max()) if chosen.any() and (m.generation[chosen] >= 0).any() \
        else None
    out["beyond_layering"] = share(m.generation > t.layering_depth, invited)
    span = RETENTION_DAYS * MS_PER_DAY
    eligible = chosen & (m.joined_ms >= 0) & (m.joined_ms <= end_ms - span)
    retained = (m.last_active_ms >= end_ms - span) & ~gone
    out["retention"] = share(retained, eligible)
    out["retention_basis"] = int(eligible.sum())
    for name in thresholds:
        out[f"retention_{name}"] = share(retained, eligible & (m.threshold == name))
    out["invited_share"] = share(m.generation >= 1, chosen)
    ids = m.ids[chosen]
    brought = int(np.isin(m.parent, ids).sum()) if len(ids) else 0
    out["brought_in"] = round(brought / int(chosen.sum()), 4) if chosen.any() else None
    return out


def compare(connection: Database, communities: Sequence[str], cohorts: Sequence[str] = (),
            thresholds: Thresholds | None = None) -> Comparison:
    """Two or more communities (their latest runs), or with ``cohorts`` the cohorts of one."""
    t = thresholds or Thresholds()
    parsed = [parse_cohort(c) for c in cohorts]
    if parsed and len(communities) != 1:
        raise ConfigurationError("--cohort compares the cohorts of one community: give one --community")
    if not parsed and len(communities) < 2:
        raise ConfigurationError("give two or more --community, or one --community and two or more --cohort")
    if parsed and len(parsed) < 2:
        raise ConfigurationError("give two or more --cohort to compare")
    columns: list[tuple[str, str, str | None, str, int, MemberFigures, dict[int, int], np.ndarray]] = []
    choices: list[Cohort | None] = list(parsed) or [None]
    for community in communities:
        run, end_ms, members, sizes = _read(connection, community)
        for cohort in choices:
            chosen = cohort.contains(members.joined_ms) if cohort else np.ones(len(members.ids), bool)
            label = f"{community} {cohort.text}" if cohort else community
            columns.append((label, community, cohort.text if cohort else None, run, end_ms, members, sizes, chosen))
    names = sorted({str(x) for *_, members, _, chosen in columns for x in members.threshold[chosen] if x})
    return Comparison(figure_rows(t, names), tuple(
        Column(label, community, cohort, run, _iso(end_ms),
               column_figures(members, chosen, sizes, end_ms, t, names))
        for label, community, cohort, run, end_ms, members, sizes, chosen in columns))


def _read(connection: Database, community: str) -> tuple[str, int, MemberFigures, dict[int, int]]:
    rows = connection.read("analysis_run_get", community=community, run=None)
    if not rows:
        raise NoAnalysis(f"{community!r} has no finished analysis run; run: graphmodel analyze --community {community}")
    run = rows[0]["run"]
    window = json.loads(run.get("figures") or "{}").get("window") or {}
    end = window.get("end")
    end_ms = int(datetime.fromisoformat(end).timestamp() * 1000) if end else int(
        datetime.now(UTC).timestamp() * 1000)
    [row] = connection.read("compare_members", community=community, run=run["id"])
    members = MemberFigures(
        ids=np.array(row["id"], dtype=str), joined_ms=np.array(row["joined_ms"], np.int64),
        left_ms=np.array(row["left_ms"], np.int64), threshold=np.array(row["threshold"], dtype=str),
        primary=np.array([primary_role(r) for r in row["roles"]], dtype=str),
        circle=np.array(row["circle"], np.int64), active=np.array(row["active"], bool),
        last_active_ms=np.array(row["last_active_ms"], np.int64),
        generation=np.array(row["generation"], np.int64), parent=np.array(row["parent"], dtype=str))
    sizes = {r["circle_id"]: r["size"] for r in connection.read("analysis_circles_read", run=run["id"], members=False)}
    return run["id"], end_ms, members, sizes


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()
