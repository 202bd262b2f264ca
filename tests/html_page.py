"""A report page parsed for the tests: its elements and attributes, its script, and its text
by section (the ``h2`` it follows) and by whether it is a tooltip (an SVG ``<title>``)."""

from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """The parsed page: elements, attributes, and text by section (the h2 it follows) and by
    whether it is a tooltip (an SVG ``<title>``)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.scripts: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.tooltips: dict[str, list[str]] = {}
        self.section = "head"
        self.stack: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag == "h2":
            self.section = dict(attrs).get("id", "?")
        if tag not in ("meta", "br", "input"):  # void elements have no end tag
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
            return
        self.text.setdefault(self.section, []).append(data)
        if self.stack and self.stack[-1] == "title" and "svg" in self.stack:
            self.tooltips.setdefault(self.section, []).append(data)
