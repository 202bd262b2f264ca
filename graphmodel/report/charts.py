"""Charts as inline SVG (no JavaScript, no external files): bars with labels, readable offline."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from graphmodel.report.palette import SERIES
from graphmodel.report.svg import fit, text_width

COLOURS = SERIES


def bars(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
         percent: bool = False, width: int = 640) -> str:
    """Horizontal grouped bars: one row per label, one bar per series."""
    rows, per = len(labels), len(series)
    bar, gap, left, top = 14, 10, 170, 30
    height = top + rows * (per * bar + gap) + 30
    peak = max((v for _, values in series for v in values), default=0) or 1
    scale = (width - left - 70) / peak
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="100%" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="0" y="16" class="chart-title">{escape(title)}</text>']
    for r, label in enumerate(labels):
        y = top + r * (per * bar + gap)
        shown = fit(str(label), left - 12, 12)
        parts.append(f'<text x="{left - 8}" y="{y + per * bar / 2 + 4}" text-anchor="end">{escape(shown)}'
                     f'<title>{escape(str(label))}</title></text>')
        for s, (_name, values) in enumerate(series):
            value = values[r]
            w = max(value * scale, 0)
            text = f"{value:.1%}" if percent else f"{value:,.0f}" if float(value).is_integer() else f"{value:.2f}"
            parts.append(f'<rect x="{left}" y="{y + s * bar}" width="{w:.1f}" height="{bar - 2}" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(text)}</title></rect>')
            parts.append(f'<text x="{left + w + 4:.1f}" y="{y + s * bar + bar - 4}" class="value">{escape(text)}</text>')
    parts.extend(_legend(series, left, height))
    parts.append("</svg>")
    return "".join(parts)


def columns(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float]]],
            width: int = 640, height: int = 240) -> str:
    """Vertical stacked columns (e.g. joins per month, with the invited part)."""
    n = max(len(labels), 1)
    left, bottom, top = 40, 40, 28
    slot = (width - left - 10) / n
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    peak = max(totals, default=0) or 1
    scale = (height - top - bottom) / peak
    widest = max((text_width(str(label), 11) for label in labels), default=0)
    every = max(1, math.ceil((widest + 6) / slot))  # label every n-th column, as room allows
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="100%" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
             f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" class="value">{peak:,.0f}</text>']
    for i, label in enumerate(labels):
        x = left + i * slot
        y: float = height - bottom
        for s, (name, values) in enumerate(series):
            h = values[i] * scale
            y -= h
            parts.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(slot - 2, 1):.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(str(label))} {escape(name)}: '
                         f'{values[i]:,.0f}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                         f'class="value">{escape(str(label))}</text>')
    parts.extend(_legend(series, left, height))
    parts.append("</svg>")
    return "".join(parts)


def _legend(series: Sequence[tuple[str, Sequence[float]]], left: float, height: int) -> list[str]:
    """One swatch and name per series along the bottom edge."""
    out, x = [], left
    for s, (name, _values) in enumerate(series):
        out.append(f'<rect x="{x:.1f}" y="{height - 14}" width="10" height="10" fill="{COLOURS[s % len(COLOURS)]}"/>'
                   f'<text x="{x + 14:.1f}" y="{height - 5}">{escape(name)}</text>')
        x += 14 + text_width(name, 12) + 18
    return out


def trend(title: str, points: Sequence[tuple[str, str, float | None]], shown: Sequence[str],
          width: int = 300, height: int = 130) -> str:
    """One figure across runs as a small line chart: ``points`` are (run label, tooltip, value)
    in time order, ``shown`` the values as text; the latest value written large."""
    left, right, top, bottom = 8, 70, 26, 22
    values = [v for _, _, v in points if v is not None]
    parts = [f'<svg class="chart trend" xmlns="http://www.w3.org/2000/svg" width="100%" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
             f'<text x="0" y="14" class="chart-title">{escape(title)}</text>']
    if values:
        low, high = min(values), max(values)
        span = (high - low) or (abs(high) or 1.0)
        low -= span * 0.1
        high += span * 0.1
        n = len(points)
        step = (width - left - right) / max(n - 1, 1)

        def xy(i: int, v: float) -> tuple[float, float]:
            return left + i * step, top + (height - top - bottom) * (1 - (v - low) / (high - low))

        line = [xy(i, v) for i, (_, _, v) in enumerate(points) if v is not None]
        if len(line) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in line)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{COLOURS[0]}" stroke-width="2"/>')
        for i, (label, tip, v) in enumerate(points):
            if v is None:
                continue
            x, y = xy(i, v)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{COLOURS[0]}">'
                         f'<title>{escape(label)} · {escape(tip)}: {escape(shown[i])}</title></circle>')
        last = max(i for i, (_, _, v) in enumerate(points) if v is not None)
        lx, ly = xy(last, points[last][2] or 0.0)
        parts.append(f'<text x="{lx + 8:.1f}" y="{ly + 5:.1f}" class="trend-value">{escape(shown[last])}</text>')
        parts.append(f'<text x="{left}" y="{height - 5}" class="value">{escape(points[0][0])}</text>')
        if n > 1:
            parts.append(f'<text x="{left + (n - 1) * step:.1f}" y="{height - 5}" text-anchor="end" class="value">'
                         f'{escape(points[-1][0])}</text>')
    parts.append("</svg>")
    return "".join(parts)
