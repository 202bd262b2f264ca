"""Every label in the report's language, no raw keys, numbers per locale, and the sections
of the newer analyses rendered exactly when their keys are there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphmodel.report.formatting import Formatter
from graphmodel.report.messages import LABELS, TEXT, humanise, label
from graphmodel.report.recommend import FISSION_LEVERS
from graphmodel.report.render import render
from tests.html_page import Page
from tests.report_documents import synthetic_document

PACKAGE = Path(__file__).resolve().parents[2] / "graphmodel"
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
CJK = re.compile(r"[\u4e00-\u9fff]")


def visible_text(html: str) -> str:
    """The page's text outside code, script and style (tooltips included)."""
    html = re.sub(r"<(code|script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join("".join(parts) for parts in Page(html).text.values())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_raw_keys_anywhere_on_the_page(lang):
    text = visible_text(render(synthetic_document(lang), "html"))
    assert not SNAKE.findall(text)
    for raw in ("max_depth", "mean_virality", "critical_headcount", "leaders_per_member", "paper_leader",
                "did_not_attend", "seed_user"):
        assert raw not in text


def test_english_headings_are_capitalised():
    headings = re.findall(r"<(h[123]|th)[^>]*>([^<]*)<", render(synthetic_document("en"), "html"))
    words = [text.strip() for _, text in headings if text.strip()]
    assert words and all(w[0].isupper() or not w[0].isalpha() for w in words), words
    assert "Retention" in words and "retention" not in words


def test_chinese_headings_and_columns_are_chinese():
    html = render(synthetic_document("zh"), "html")
    headings = [t.strip() for _, t in re.findall(r"<(h[123]|th)[^>]*>([^<]*)<", html) if t.strip()]
    assert all(CJK.search(t) or t in ("#",) for t in headings), [t for t in headings if not CJK.search(t)]
    assert "留存" in headings


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_has_no_raw_keys(lang):
    text = re.sub(r"`[^`]*`", "", render(synthetic_document(lang), "md"))
    assert not SNAKE.findall(text.replace("\\_", "_"))


def test_every_rule_kind_and_figure_the_analyses_emit_has_words_in_both_languages():
    imbalance = (PACKAGE / "analysis" / "imbalance.py").read_text("utf-8")
    rules = set(re.findall(r'_finding\(\s*"([a-z_]+)"', imbalance)) | set(FISSION_LEVERS)
    kinds = set(re.findall(r'kinds\.append\(\("([a-z_]+)"', (PACKAGE / "analysis" / "roles.py").read_text("utf-8")))
    figures = set(synthetic_document()["fission"]["summary"])  # as build_document lists them
    assert len(rules) >= 10 and len(kinds) == 4 and {"max_depth", "critical_headcount"} <= figures
    for family, keys in (("rule", rules), ("mismatch", kinds), ("figure", figures)):
        for key in keys:
            assert key in LABELS[family], (family, key)
            english, chinese = LABELS[family][key]
            assert english[0].isupper() or family == "severity", (family, key, english)
            assert CJK.search(chinese), (family, key, chinese)
    for english, chinese in TEXT.values():
        assert english and chinese


def test_shares_are_percentages_and_counts_are_counts():
    from graphmodel.report.messages import Words

    words = Words("en")
    assert words.figure("active_share", 0.145) == "14.5%" and words.figure("retention", 0.2) == "20.0%"
    assert words.figure("shares", 1) == "1" and words.figure("invited", 30) == "30"
    assert words.figure("became_leader", True) == "yes" and words.figure("members", ["a", "b"]) == "2"


def test_a_key_newer_than_the_words_is_shown_as_words():
    assert label("figure", "activated_first_layer", "zh") == "Activated first layer"
    assert humanise("max_depth") == "Max depth"


@pytest.mark.parametrize("lang, count, share, compact, month, moment", [
    ("en", "1,234,567", "14.5%", "1.2M", "March 2024", "2 December 2024 20:31 UTC"),
    ("zh", "1,234,567", "14.5%", "123万", "2024年3月", "2024年12月2日 20:31 UTC"),
])
def test_numbers_per_locale(lang, count, share, compact, month, moment):
    f = Formatter(lang)
    assert f.count(1234567) == count and f.share(0.145) == share and f.compact(1234567) == compact
    assert f.month("2024-03") == month and f.moment("2024-12-02T20:31:00+00:00") == moment
    assert f.count(None) == f.share(None) == f.number(None) == "–"
    assert f.number(0.19234) == "0.192" and f.number(3.0) == "3" and f.compact(950) == "950"


SECTIONS = ("at-risk", "circle-events", "trends", "fission-inviters", "fission-channels", "fission-echo")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sections_of_newer_analyses_only_when_present(lang):
    without = render(synthetic_document(lang, new_sections=False), "html")
    assert not [s for s in SECTIONS if f'id="{s}"' in without]
    document = synthetic_document(lang)
    html = render(document, "html")
    assert all(f'id="{s}"' in html for s in SECTIONS)
    section = html[html.index('id="at-risk"'):html.index('id="charts"')]
    assert section.count("<tr>") == 1 + len(document["at_risk"])  # a row per member at risk
    events = html[html.index('id="circle-events"'):html.index('id="trends"')]
    assert events.count('class="flow"') >= 6 and events.count("<tr>") == 1 + 6  # every event but "continue"
    assert html.count('class="chart trend"') == len(document["trends"])
    flagged = html[html.index('id="fission-inviters"'):html.index('id="fission-channels"')]
    assert flagged.count('class="flagged"') == 3
    assert ("12 位受邀者" if lang == "zh" else "12 invitees whose only tie") in flagged
    markdown = render(document, "md")
    for key in ("at_risk", "circle_events", "trends", "inviters", "channels", "echo"):
        heading = {"inviters": "inviters", "channels": "channels"}.get(key, key)
        assert f"## {TEXT[heading][1 if lang == 'zh' else 0]}" in markdown, key


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_community_without_fission_or_earlier_runs_renders_in_every_format(lang):
    document = synthetic_document(lang, fission=False, new_sections=False)
    document["changes"] = {"runs": ["run-2"], "transitions": [], "leaders_gained": [], "leaders_lost": []}
    html, markdown = render(document, "html"), render(document, "md")
    assert TEXT["no_fission"][1 if lang == "zh" else 0] in html and 'id="cascade-trees"' not in html
    assert TEXT["no_previous"][1 if lang == "zh" else 0] in markdown
