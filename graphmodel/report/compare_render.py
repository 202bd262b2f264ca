"""A comparison (``report.compare``) as table rows, JSON, Markdown or one self-contained HTML page."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from graphmodel.report.compare import Comparison, Figure

FORMATS = ("table", "json", "md", "html")
HEADINGS = {"figure": ("figure", "指标"), "norm": ("norm", "规范"),
            "title": ("Comparison against the norms", "对照规范的比较"),
            "end": ("as of", "截至")}


def comparison_table(comparison: Comparison, lang: str = "en") -> tuple[list[str], list[dict[str, Any]]]:
    """The columns (figure, norm, one per community or cohort) and a row per figure, values formatted."""
    zh = lang == "zh"
    columns = [_word("figure", zh), _word("norm", zh), *(c.label for c in comparison.columns)]
    rows = []
    for figure in comparison.figures:
        row = {columns[0]: figure.label_zh if zh else figure.label, columns[1]: figure.norm_zh if zh else figure.norm}
        for column in comparison.columns:
            row[column.label] = _value(figure, column.figures.get(figure.key))
        rows.append(row)
    return columns, rows


def render_comparison(comparison: Comparison, fmt: str, lang: str = "en") -> str:
    """``fmt``: json (the figures unformatted), md or html (table: see ``comparison_table``)."""
    if fmt == "json":
        return json.dumps({"lang": lang, **comparison.as_dict()}, ensure_ascii=False, indent=1) + "\n"
    zh = lang == "zh"
    columns, rows = comparison_table(comparison, lang)
    ends = "; ".join(f"{c.label}: {c.run} ({_word('end', zh)} {c.end})" for c in comparison.columns)
    if fmt == "md":
        lines = [f"# {_word('title', zh)}", "", _md(ends), "",
                 "| " + " | ".join(_md(c) for c in columns) + " |", "|" + "---|" * len(columns)]
        lines += ["| " + " | ".join(_md(str(row[c])) for c in columns) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    if fmt == "html":
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(row[c]))}</td>" for c in columns) + "</tr>"
                       for row in rows)
        return (f'<!DOCTYPE html>\n<html lang="{"zh" if zh else "en"}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{html.escape(_word('title', zh))}</title><style>{STYLE}</style></head><body>"
                f"<h1>{html.escape(_word('title', zh))}</h1><p>{html.escape(ends)}</p>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n")
    raise ValueError(f"unknown comparison format {fmt!r}; one of {', '.join(FORMATS)}")


STYLE = ("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}"
         "th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}th:first-child,td:first-child,"
         "th:nth-child(2),td:nth-child(2){text-align:left}thead{background:#f3f3f3}")


def _word(key: str, zh: bool) -> str:
    return HEADINGS[key][1 if zh else 0]


def _value(figure: Figure, value: Any) -> str:
    if value is None:
        return "-"
    if figure.kind == "share":
        return f"{value:.1%}"
    if figure.kind == "count":
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _md(text: str) -> str:
    """Text for a Markdown table cell: pipes, markup and HTML made literal."""
    return re.sub(r"([\\|*_`\[\]<>#])", r"\\\1", text).replace("\n", " ")
