"""Rendering the report document as JSON, Markdown or one self-contained HTML file.

Everything a document holds came from an export and is escaped in every format: the HTML
template escapes every value (autoescape on, whatever the template's name) and its
drawings are built escaped (``report.svg``); the Markdown template escapes every value
(``report.markdown``). The HTML page carries a Content-Security-Policy that lets only its
own script run (by hash) and fetch nothing, so even a value that escaped escaping could
neither run nor call out. JSON is written by ``json.dumps``, whose strings need nothing more.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from graphmodel.report.html_views import html_views
from graphmodel.report.markdown import code_span, escape_markdown, member, query_line
from graphmodel.report.messages import Words
from graphmodel.report.presenter import Presenter

FORMATS = ("html", "md", "json")


def render(document: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=1, default=str) + "\n"
    words = Words(document["lang"])
    context = {"doc": document, "lang": words.lang, "w": words, "p": Presenter.of(document, words)}
    if fmt == "md":
        return _environment("md").get_template("report.md.j2").render(**context)
    script = page_script()
    context.update(views=html_views(document, words), script=Markup(script),
                   script_hash=base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"))
    return _environment("html").get_template("report.html.j2").render(**context)


@cache
def page_script() -> str:
    """The page's one script (templates/report.js): shows a circle's or connector's details."""
    text = resources.files("graphmodel").joinpath("templates/report.js").read_text("utf-8")
    if "</" in text:
        raise ValueError("templates/report.js must not contain '</' (it is inlined in a <script> element)")
    return text


@cache
def _environment(fmt: str) -> Environment:
    common: dict[str, Any] = {"loader": PackageLoader("graphmodel", "templates"), "trim_blocks": True,
                              "lstrip_blocks": True, "undefined": StrictUndefined}
    if fmt == "html":
        return Environment(autoescape=True, **common)
    env = Environment(autoescape=False, finalize=escape_markdown, **common)
    env.filters["code"] = code_span
    env.globals.update(member=member, query_line=query_line)
    return env
