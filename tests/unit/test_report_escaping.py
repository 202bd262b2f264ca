"""Hostile names (script, HTML, Markdown) in every table, chart label, tooltip and view of
every format: shown as text, never run, never structure."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from graphmodel.report.markdown import code_span, escape_markdown
from graphmodel.report.render import page_script, render
from tests.html_page import Page
from tests.report_documents import HOSTILE_NAMES, SCRIPT, synthetic_document

# every element the report's template and drawings make; anything else came from a name
TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "div", "nav", "a", "code", "span",
        "b", "ol", "ul", "li", "br", "p", "table", "tr", "th", "td", "em", "details", "summary", "label", "input",
        "dl", "dt", "dd", "script", "svg", "g", "circle", "line", "path", "rect", "text", "polyline"}


@pytest.fixture(scope="module", params=["en", "zh"])
def hostile(request):
    return synthetic_document(request.param, hostile=True)


def test_html_runs_only_its_own_script(hostile):
    html = render(hostile, "html")
    page = Page(html)
    assert set(page.tags) <= TAGS, set(page.tags) - TAGS
    assert page.tags.count("script") == 1 and "".join(page.scripts) == page_script()
    digest = base64.b64encode(hashlib.sha256(page_script().encode()).digest()).decode()
    [policy] = [v for tag, k, v in page.attrs if tag == "meta" and k == "content" and v and "script-src" in v]
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert not [(t, k) for t, k, _ in page.attrs if k.startswith("on")]
    assert not [v for _, k, v in page.attrs if k in ("href", "src", "xlink:href") and v and not v.startswith("#")]
    assert "<script>alert" not in html and "<img" not in html and "<svg onload" not in html


def test_html_shows_hostile_names_as_text_in_every_table_tooltip_and_view(hostile):
    page = Page(render(hostile, "html"))
    text = {section: "".join(parts) for section, parts in page.text.items()}
    tooltips = {section: "".join(parts) for section, parts in page.tooltips.items()}
    for section in ("at-risk", "leaders", "connectors", "circles", "member-views", "fission", "changes"):
        assert SCRIPT in text[section], section
        assert HOSTILE_NAMES[1] in text[section] or section in ("changes",), section
    for section in ("circles", "member-views", "fission"):  # the map, the ego networks, the cascade trees
        assert SCRIPT in tooltips[section], section
    assert HOSTILE_NAMES[4] in text["head"]  # the community's name, in the page title and the heading
    labels = "".join(text["fission"])  # channel names are chart labels and table cells
    assert HOSTILE_NAMES[2] in labels


def test_markdown_keeps_its_structure_whatever_the_names(hostile):
    benign = render(synthetic_document(hostile["lang"], hostile=False), "md").splitlines()
    text = render(hostile, "md").splitlines()
    assert len(text) == len(benign)
    for mine, theirs in zip(text, benign):
        # a name never adds a table cell, a heading, a list item or a quote
        assert _pipes(mine) == _pipes(theirs), mine
        assert mine[:1] == theirs[:1] or (mine[:1] not in "#|->" and theirs[:1] not in "#|->"), mine
    prose = "\n".join(_without_code(line) for line in text)  # code spans are literal
    assert not re.search(r"(?<!\\)[<>]", prose) and not re.search(r"(?<!\\)\]\(", prose)  # no HTML, no link
    unescaped = re.sub(r"\\(.)", r"\1", prose)
    assert SCRIPT in unescaped and "**bold** [link](javascript:alert(5)) | cell ` code" in unescaped


def test_json_holds_the_names_as_they_are(hostile):
    document = json.loads(render(hostile, "json"))
    assert document["leaders"][0]["name"].startswith(SCRIPT)
    assert json.loads(json.dumps(hostile, default=str)) == document


@pytest.mark.parametrize("value, expected", [
    ("</script><b>x</b>", r"\</script\>\<b\>x\</b\>"),
    ("**a** _b_ `c` [d](e) | f ~g~ & h!", r"\*\*a\*\* \_b\_ \`c\` \[d\](e) \| f \~g\~ \& h\!"),
    ("# not a heading", r"\# not a heading"), ("- not a list", r"\- not a list"), ("> no quote", r"\> no quote"),
    ("12. not a list", r"12\. not a list"), ("3.1%", "3.1%"), ("---", r"\---"), ("a\nb\r\nc", "a b c"),
])
def test_markdown_escape(value, expected):
    assert escape_markdown(value) == expected


def test_code_span_outlasts_its_backticks():
    assert code_span("a`b") == "``a`b``" and code_span("`x") == "`` `x ``" and code_span("a\nb") == "`a b`"


def _without_code(line: str) -> str:
    return re.sub(r"(?<!\\)(`+).*?(?<!\\)\1", "", line)


def _pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", _without_code(line)))
