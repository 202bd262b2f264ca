"""docs/performance.md is what bench.report makes of the published benchmark run."""

import json

from bench import report


def test_the_performance_page_is_generated_from_the_published_run():
    results = json.loads(report.PUBLISHED.read_text(encoding="utf-8"))
    assert report.PAGE.read_text(encoding="utf-8") == report.render(results), (
        "docs/performance.md is out of date: run `python3 -m bench.report`")


def test_the_page_shows_the_runs_figures():
    results = json.loads(report.PUBLISHED.read_text(encoding="utf-8"))
    page = report.render(results)
    assert results["started_at"] in page and report.COMMAND[results["mode"]] in page
    if "loading" in results:
        assert f"**{results['loading']['load_vs_per_row']:.1f}x**" in page
    for run in results.get("analysis", []):
        assert f"| {run['members']:,} | {run['relationships']:,} |" in page
