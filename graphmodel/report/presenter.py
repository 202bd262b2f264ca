"""Putting the document's values into words for tables, the same in HTML and Markdown: an
imbalance's observed value, circle lists, members moved, quality figures, levers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphmodel.report.circle_events_svg import circle_ids, moved_count
from graphmodel.report.circle_map_svg import member_names
from graphmodel.report.messages import Words

QUALITY = ("invited", "joined", "activated", "retained", "downstream_joins", "left_share", "became_leader")


@dataclass(frozen=True)
class Presenter:
    words: Words
    names: dict[str, str]      # member id -> name, for every member the document names

    @classmethod
    def of(cls, doc: dict[str, Any], words: Words) -> Presenter:
        return cls(words, member_names(doc))

    def observed(self, rule: str, value: Any) -> str:
        """An imbalance's observed value: shares as percentages, counts as counts."""
        if _is_number(value):
            return self.words.fmt.share(value) if rule.endswith("_share") else self.words.fmt.number(value)
        return str(value)

    def circle_list(self, value: Any) -> str:
        ids = circle_ids(value)
        return ", ".join(ids) if ids else "–"

    def moved(self, value: Any) -> str:
        count = moved_count(value)
        return "–" if count is None else self.words.fmt.count(count)

    def overlap(self, value: Any) -> str:
        if not _is_number(value):
            return "–"
        return self.words.fmt.share(value) if value <= 1 else self.words.fmt.count(value)

    def quality_columns(self, rows: list[dict[str, Any]]) -> list[str]:
        """The quality figures (invited ... became a leader) the rows hold, in funnel order."""
        return [k for k in QUALITY if any(isinstance(r, dict) and k in r for r in rows)]

    def levers(self, reasons: list[dict[str, Any]] | None) -> list[str]:
        """Each distinct lever of ``reasons`` once, in the report's language."""
        return list(dict.fromkeys(text for r in reasons or [] if isinstance(r, dict)
                                  if (text := self.words.pick(r.get("lever"), r.get("lever_zh")))))

    def roles(self, names: list[str] | None) -> str:
        return ", ".join(self.words.role(n) for n in names or [])

    def trends(self, doc: dict[str, Any]) -> list[tuple[str, str, str]]:
        """Per trend figure: its label, its first and its latest value."""
        out = []
        for figure, rows in trend_series(doc):
            values = [p.get("value") for p in rows if _is_number(p.get("value"))]
            if values:
                out.append((self.words.label("figure", figure), self.words.figure(figure, values[0]),
                            self.words.figure(figure, values[-1])))
        return out


def trend_series(doc: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The document's trends, each figure's points in time order (by when seen, then run)."""
    trends = doc.get("trends")
    if not isinstance(trends, dict):
        return []
    out = []
    for figure, points in trends.items():
        rows = [p for p in points if isinstance(p, dict)] if isinstance(points, list) else []
        if rows:
            out.append((str(figure), sorted(rows, key=lambda p: (str(p.get("seen") or ""), str(p.get("run"))))))
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
