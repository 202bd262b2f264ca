"""Charts as inline SVG (no JavaScript, no external files): bars with labels, readable offline."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

COLOURS = ("#2f6db5", "#e08a2c", "#8a8a8a", "#3a9a5b", "#b54a4a")


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
        parts.append(f'<text x="{left - 8}" y="{y + per * bar / 2 + 4}" text-anchor="end">{escape(str(label))}</text>')
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
        if n <= 24 or i % max(n // 12, 1) == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                         f'class="value">{escape(str(label))}</text>')
    parts.extend(_legend(series, left, height))
    parts.append("</svg>")
    return "".join(parts)


def _legend(series: Sequence[tuple[str, Sequence[float]]], left: float, height: int) -> list[str]:
    """One swatch and name per series along the bottom edge."""
    return [f'<rect x="{left + s * 160}" y="{height - 14}" width="10" height="10" fill="{COLOURS[s % len(COLOURS)]}"/>'
            f'<text x="{left + s * 160 + 14}" y="{height - 5}">{escape(name)}</text>'
            for s, (name, _values) in enumerate(series)]
