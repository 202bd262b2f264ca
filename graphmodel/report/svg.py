"""Building inline SVG safely: every attribute value and text is escaped here, so what an
export put into a name can only ever be shown, never run or close an element."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from markupsafe import Markup, escape


def element(name: str, attrs: dict[str, object] | None = None, *children: str | Markup) -> Markup:
    """``<name attrs>children</name>``; attribute values and plain-``str`` children are escaped,
    ``Markup`` children (made here) are kept."""
    parts = [f"<{name}"]
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        if not key.replace("-", "").replace(":", "").isalnum():
            raise ValueError(f"not an attribute name: {key!r}")
        parts.append(f' {key}="{escape(_attr(value))}"')
    if not children:
        return Markup("".join(parts) + "/>")
    inner = "".join(str(escape(child)) for child in children)
    return Markup("".join(parts) + ">" + inner + f"</{name}>")


def join(items: Iterable[Markup | str]) -> Markup:
    return Markup("").join(escape(item) for item in items)


def title(text: str) -> Markup:
    """A tooltip (the SVG ``<title>`` of its parent)."""
    return element("title", None, text)


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is at font ``size``: wide (CJK) characters a full em, others about half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.56 for ch in text)


def fit(text: str, width: float, size: float) -> str:
    """``text`` cut to fit ``width`` at font ``size``, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    if text_width(text, size) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch + "…", size) > width:
            break
        out += ch
    return out + "…" if out else ""


def _attr(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".removesuffix(".0")
    return str(value)
