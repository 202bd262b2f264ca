"""Reports from a generated community: JSON against its schema, Markdown, HTML in real headless Chromium."""

import json
import re
import uuid

import jsonschema
import pytest
from click.testing import CliRunner

from bench.chromium import Chromium, find_chromium
from graphmodel.analysis import analyze
from graphmodel.cli import cli
from graphmodel.fission import fission_summary
from graphmodel.generate import PROBLEMS, GeneratorOptions, generate_community
from graphmodel.loaders import load_directory
from graphmodel.report import build_document, gather, render, schema


@pytest.fixture(scope="module")
def reported(connection, tmp_path_factory):
    """A generated community, loaded, analysed twice (so changes show) and through fission."""
    community = f"test-report-{uuid.uuid4().hex[:8]}"
    directory = tmp_path_factory.mktemp("community")
    generate_community(directory, GeneratorOptions(members=600, seed=5, problems=PROBLEMS))
    load_directory(connection, directory, community, name="测试社群 report", reject_path=directory / "r.csv")
    analyze(connection, community, as_of="2024-09-30")
    analyze(connection, community)
    fission_summary(connection, community)
    yield community
    connection.run_auto("community_delete", community=community)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_json_follows_its_schema(connection, reported, lang):
    document = json.loads(render(build_document(gather(connection, reported), lang), "json"))
    jsonschema.validate(document, schema())
    assert document["schema_version"] == 1 and document["community"] == reported
    assert document["leaders"] and all(m["evidence"] for m in document["leaders"])
    assert document["fission"]["cascades"][0]["size"] >= document["fission"]["cascades"][-1]["size"]
    assert document["changes"]["previous_run"] and len(document["changes"]["runs"]) == 2
    assert set(document["roles"]) >= {m for c in document["circles"] for m in c["members"]}
    assert len(document["summary"]["top_gaps"]) == 3
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in document["summary"]["top_gaps"][0]["lever"])


def test_markdown_names_the_queries(connection, reported):
    text = render(build_document(gather(connection, reported), "en"), "md")
    for section in ("## Summary", "## Leaders (KOLs)", "## Connectors", "## Circles", "## Role imbalance",
                    "## Fission", "## Changes since the previous run", "## Recommendations"):
        assert section in text
    assert f"graphmodel query leaders -p community={reported}" in text


def test_cli_writes_each_format(connection, reported, cli_env, tmp_path):
    runner = CliRunner()
    for fmt in ("html", "md", "json"):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(cli, ["-q", "report", "--community", reported, "--format", fmt, "--lang", "zh",
                                     "--output", str(out)], env=cli_env)
        assert result.exit_code == 0, result.output
        assert result.output.strip() == str(out) and out.stat().st_size > 1000
    result = runner.invoke(cli, ["-q", "report", "--community", reported, "--format", "json", "--output", "-"],
                           env=cli_env)
    assert json.loads(result.output)["community"] == reported


@pytest.mark.skipif(find_chromium() is None, reason="Debian's chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_in_headless_chromium(connection, reported, lang, tmp_path):
    html = render(build_document(gather(connection, reported), lang), "html")
    # works offline: nothing is fetched (namespace URIs are names, not fetches)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|url\(|@import""", html)
    page_file = tmp_path / f"report-{lang}.html"
    page_file.write_text(html, encoding="utf-8")
    with Chromium() as browser:
        page = browser.new_page(1200, 3000)
        page.navigate(page_file.as_uri())
        svgs = page.evaluate("document.querySelectorAll('svg').length")
        discs = page.evaluate("document.querySelectorAll('#circle-map circle').length")
        detail = page.evaluate("[...document.querySelectorAll('.map-detail')].filter(p => !p.hidden)"
                               ".map(p => p.querySelector('h3').textContent)")
        screenshot = page.screenshot(tmp_path / f"report-{lang}.png")
        assert not page.errors and not page.dialogs, (page.errors, page.dialogs)
    assert svgs >= 5  # role mix, activity, growth, cascade depth, the map (and the member views)
    assert discs >= 3 and len(detail) == 1 and detail[0]  # the map, and the details of its largest circle
    assert screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")
