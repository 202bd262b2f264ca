"""Run the benchmarks: `python -m bench` (full) or `python -m bench --quick`.

Prints a table of ratios against baselines measured in the same run, on the
same server and data, and writes bench/results/latest.json; with --publish
also bench/results/published.json and docs/performance.md (bench.report).
Nothing here asserts a time: the numbers are for people to read and compare.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.analysis import bench_analysis, warm_up_analysis
from bench.connector_stability import higgs_stability
from bench.loading import bench_loading
from bench.pipeline import bench_pipeline

RESULTS = Path(__file__).parent / "results"
PARTS = ("load", "analysis", "pipeline")  # in the order they run (run_part)

SIZES = {
    # quick: a few minutes on 2 cores; full: the sizes the targets are stated at
    "quick": {"load_members": 2_000, "per_row_sample": 2_000, "analysis": [2_000], "networkx_max": 2_000,
              "warm_up_members": 2_000, "pipeline_members": 2_000},
    "full": {"load_members": 100_000, "per_row_sample": 20_000,
             "analysis": [10_000, 100_000, 1_000_000], "networkx_max": 100_000, "warm_up_members": 25_000,
             "pipeline_members": 1_000_000},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, a few minutes")
    parser.add_argument("--only", choices=PARTS, help="run one part")
    parser.add_argument("--analysis-sizes", type=lambda s: [int(x) for x in s.split(",")],
                        help="comma-separated member counts for the analysis part")
    parser.add_argument("--pipeline-members", type=int, help="members of the whole-path community")
    parser.add_argument("--work", type=Path, help="keep generated data here (reused across runs)")
    parser.add_argument("--publish", action="store_true",
                        help="keep the results as bench/results/published.json and write docs/performance.md")
    args = parser.parse_args(argv)
    sizes = dict(SIZES["quick" if args.quick else "full"])
    if args.analysis_sizes:
        sizes["analysis"] = args.analysis_sizes
    if args.pipeline_members:
        sizes["pipeline_members"] = args.pipeline_members

    def echo(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    results: dict = {"mode": "quick" if args.quick else "full",
                     "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
                     "machine": machine(), "ratios": {}, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="graphmodel-bench-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for part in PARTS:
            if args.only not in (None, part):
                continue
            try:
                run_part(part, results, work, sizes, args.quick, echo)
            except Exception as error:  # the other parts' results are kept, and the run says what failed
                echo(f"== {part} failed: {error}")
                results.setdefault("failed", {})[part] = str(error)
    results["seconds"] = time.perf_counter() - started
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    if results.get("failed"):
        echo(f"failed: {', '.join(results['failed'])}; bench/results/latest.json has what the other parts "
             "measured, and nothing is published")
        return 1
    if args.publish:
        from bench.report import publish

        publish(RESULTS / "latest.json")
    return 0


def run_part(part: str, results: dict, work: Path, sizes: dict, quick: bool, echo) -> None:
    """One part of the benchmarks (load, analysis or pipeline), its figures into ``results``."""
    if part == "load":
        echo(f"== loading: {sizes['load_members']:,} members")
        loading = bench_loading(work, sizes["load_members"], sizes["per_row_sample"], echo)
        results["loading"] = loading
        results["ratios"]["load_vs_per_row"] = loading["load_vs_per_row"]
        results["ratios"]["load_vs_load_csv"] = loading["load_vs_load_csv"]
        results["sizes"]["load_rows"] = loading["rows"]
    elif part == "analysis":
        results["analysis"] = []
        results["analysis_warm_up_seconds"] = warm_up_analysis(work, sizes["warm_up_members"], echo)
        for members in sizes["analysis"]:
            echo(f"== analysis: {members:,} members")
            results["analysis"].append(bench_analysis(work, members, sizes["networkx_max"], echo))
        add_analysis_ratios(results)
        results["connector_stability"] = [r["connector_stability"] for r in results["analysis"]
                                          if "connector_stability" in r]
        if not quick:
            echo("== connector stability on the real Higgs Twitter graph")
            results["connector_stability"].append(higgs_stability(echo))
    else:
        echo(f"== the operator's whole path: {sizes['pipeline_members']:,} members")
        results["pipeline"] = bench_pipeline(work, sizes["pipeline_members"], echo)


def add_analysis_ratios(results: dict) -> None:
    runs = results["analysis"]
    with_networkx = [r for r in runs if "analyze_vs_networkx" in r]
    if with_networkx:
        largest = max(with_networkx, key=lambda r: r["members"])
        results["ratios"]["analyze_vs_networkx"] = largest["analyze_vs_networkx"]
        results["sizes"]["analyze_vs_networkx_members"] = largest["members"]
    largest = max(runs, key=lambda r: r["members"])
    results["ratios"]["analyze_vs_igraph"] = largest["analyze_vs_igraph"]
    results["sizes"]["analyze_vs_igraph_members"] = largest["members"]


def machine() -> dict:
    import os

    memory = None
    try:
        memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {"cpus": os.cpu_count(), "memory_gib": memory, "python": platform.python_version(),
            "platform": platform.platform()}


def print_table(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"graphmodel benchmarks ({results['mode']}; "
                        f"{results['machine']['cpus']} CPUs, {results['machine']['memory_gib']} GiB)")
    for column in ("measure", "value", "measured at"):
        table.add_column(column)
    loading = results.get("loading")
    if loading:
        table.add_row("graphmodel load rows/s", f"{loading['rows_per_second']:,.0f}", f"{loading['rows']:,} rows")
        table.add_row("load vs per-row loop", f"{loading['load_vs_per_row']:.1f}x",
                      f"per-row on {loading['per_row_rows']:,} rows")
        table.add_row("load vs LOAD CSV", f"{loading['load_vs_load_csv']:.2f}x", f"{loading['rows']:,} rows")
    for run in results.get("analysis", []):
        at = f"{run['members']:,} members"
        table.add_row("analyze (s)", f"{run['analyze_seconds']:.1f}", at)
        if "analyze_vs_networkx" in run:
            table.add_row("analyze vs NetworkX", f"{run['analyze_vs_networkx']:.1f}x", at)
        table.add_row("analyze vs igraph", f"{run['analyze_vs_igraph']:.2f}x", at)
        table.add_row("report (s) / HTML MiB", f"{run['report_seconds']:.1f} / {run['report_html_mb']:.2f}", at)
    Console().print(table)


if __name__ == "__main__":
    sys.exit(main())
