"""How big the HTML report is and how fast it opens in headless Chromium.

    python3 -m bench.report_views --community demo --community big-1m
    python3 -m bench.report_views --synthetic        # the views at their caps, no server

For each report: the seconds to gather and render it (in this process), its size, and in
Chromium (``bench.chromium``; a fresh page each time, the median of ``--repeats``): the
wall time from navigation to the load event, the page's own navigation timing
(DOMContentLoaded, load, first contentful paint) and the time the map takes to show a
circle's details. ``--synthetic`` renders a document with every view at its cap (150
circles, an ego network for 40 members, three full cascade trees, five runs of circle
events, fifty runs of trends), which bounds the report at any community size. Nothing
here asserts a time: the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.chromium import Chromium

TIMING = """(() => {
  const n = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const discs = [...document.querySelectorAll("#circle-map .disc")].slice(0, 20);
  const started = performance.now();
  discs.forEach(d => d.dispatchEvent(new MouseEvent("mouseenter")));
  const select = discs.length ? (performance.now() - started) / discs.length : null;
  return {dom_ms: n.domContentLoadedEventEnd, load_ms: n.loadEventEnd, paint_ms: paint ? paint.startTime : null,
          select_ms: select, elements: document.getElementsByTagName("*").length};
})()"""


def open_report(path: Path, repeats: int = 3) -> dict[str, Any]:
    """Open ``path`` ``repeats`` times in a fresh page; the medians."""
    runs = []
    with Chromium() as browser:
        for _ in range(repeats):
            page = browser.new_page(1400, 1000)
            wall = page.navigate(path.resolve().as_uri())
            runs.append({"wall_s": wall, **page.evaluate(TIMING)})
            if page.errors or page.dialogs:
                raise RuntimeError(f"{path}: {page.errors or page.dialogs}")
    return {key: _median([r[key] for r in runs]) for key in runs[0]}


def measure_community(community: str, work: Path, repeats: int) -> dict[str, Any]:
    from bench.scenarios import connection
    from graphmodel.report import build_document, gather, render

    conn = connection()
    started = time.perf_counter()
    data = gather(conn, community, members=False)
    gathered = time.perf_counter() - started
    document = build_document(data, "zh")
    started = time.perf_counter()
    html = render(document, "html")
    rendered = time.perf_counter() - started
    path = work / f"report-{community.replace('/', '_')}.html"
    path.write_text(html, encoding="utf-8")
    return {"community": community, "members": data.analysis.run.members, "gather_s": gathered,
            "render_s": rendered, "html_mib": path.stat().st_size / 2**20, **open_report(path, repeats)}


def measure_synthetic(work: Path, repeats: int) -> dict[str, Any]:
    from graphmodel.report.render import render
    from tests.report_documents import synthetic_document

    document = at_caps(synthetic_document("zh", circles=400, members=20_000, hostile=True))
    started = time.perf_counter()
    html = render(document, "html")
    rendered = time.perf_counter() - started
    path = work / "report-synthetic-at-caps.html"
    path.write_text(html, encoding="utf-8")
    return {"community": "synthetic, every view at its cap", "members": None, "gather_s": None,
            "render_s": rendered, "html_mib": path.stat().st_size / 2**20, **open_report(path, repeats)}


def at_caps(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with as much in every view as the report ever draws."""
    from graphmodel.report.member_views import SECOND_STEP

    views = document["member_views"]
    egos = views["ego_networks"]
    views["ego_networks"] = [egos[i % len(egos)] for i in range(40)]
    for network in views["ego_networks"]:
        assert len(network["second"]) <= SECOND_STEP
    runs = [f"run-{i}" for i in range(50)]
    document["trends"] = {figure: [{"run": r, "seen": f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}",
                                    "value": 0.05 + 0.001 * i if "share" in figure else 100 + i}
                                   for i, r in enumerate(runs)]
                          for figure in ("members", "active_share", "leaders", "circles", "retention", "joins")}
    document["circle_events"] = [
        {"event": ("continue", "split", "merge", "grow", "shrink")[c % 5], "before": [c], "after": [c, c + 1],
         "overlap": 0.5, "moved": 10 + c % 7, "run_before": runs[i], "run_after": runs[i + 1]}
        for i in range(45, 49) for c in range(150)]
    document["at_risk"] = (document.get("at_risk") or [])[:1] * 20
    return document


def _median(values: list) -> Any:
    numbers = [v for v in values if isinstance(v, (int, float))]
    return statistics.median(numbers) if numbers else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report_views", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--community", action="append", default=[], help="an analysed community (repeatable)")
    parser.add_argument("--synthetic", action="store_true", help="a document with every view at its cap")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work", type=Path, help="keep the reports here")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="graphmodel-report-bench-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        if args.synthetic:
            results.append(measure_synthetic(work, args.repeats))
        for community in args.community:
            results.append(measure_community(community, work, args.repeats))
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
