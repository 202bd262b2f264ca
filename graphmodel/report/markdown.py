"""Markdown that shows what an export put into a name as text: every value the Markdown
report prints is escaped here (the template environment's ``finalize``), so a name cannot
start a link, emphasis, an HTML tag, a new table cell or a new line of structure."""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be backslash-escaped; these can start inline
# structure anywhere in a line (links, emphasis, code, HTML, GFM tables and strikethrough)
INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
# these only at the start of a value: a heading, a list item, a quote, an ordered list item
LEADING = re.compile(r"^(\s*)([#+-](?=\s|$)|>)")
LEADING_NUMBER = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
RULE = re.compile(r"\s*([-=])[-=\s]*")  # a value that would underline a heading or draw a rule


class MarkdownText(str):
    """Text that is already Markdown (made by this module), printed as it is."""


def escape_markdown(value) -> str:
    if isinstance(value, MarkdownText):
        return value
    if value is None:
        return ""
    text = " ".join(str(value).split())  # no line breaks: a value never ends a row or a list item
    text = INLINE.sub(r"\\\1", text)
    if RULE.fullmatch(text):
        return "\\" + text.lstrip()
    text = LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return LEADING_NUMBER.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def code_span(value) -> MarkdownText:
    """``value`` as inline code, fenced with more backticks than it holds."""
    text = " ".join(str(value).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return MarkdownText(f"{fence}{pad}{text}{pad}{fence}")


def member(member_id, name) -> MarkdownText:
    """A member as their name and, when it differs, their id in brackets."""
    if not name or name == member_id:
        return MarkdownText(escape_markdown(member_id))
    return MarkdownText(f"{escape_markdown(name)} ({escape_markdown(member_id)})")


def query_line(label: str, name: str, community: str, extra: str = "") -> MarkdownText:
    """``_reproduce with_: `graphmodel query NAME -p community=C` ``."""
    return MarkdownText(f"_{escape_markdown(label)}_: {code_span(f'graphmodel query {name} -p community={community}{extra}')}")
