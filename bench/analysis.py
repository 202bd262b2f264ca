"""`graphmodel analyze` end to end against NetworkX and igraph on the same graph.

Before the measured runs one smaller community is analysed unmeasured, so that the
server's JIT compiler has compiled the analysis's paths (projection, sampled
betweenness, write-back); the baselines are compiled code and need no warm-up.
"""

from __future__ import annotations

from pathlib import Path

from bench import baselines, scenarios
from bench.chromium import find_chromium
from bench.connector_stability import community_stability
from bench.measure import process_memory_mb, ratio, run_cli
from bench.report_views import open_report


def warm_up_analysis(work: Path, members: int, echo) -> float:
    """Analyse a generated community of ``members`` once, unmeasured; returns its seconds."""
    directory = work / f"community-{members}"
    scenarios.generate(directory, members)
    community = scenarios.community_id(f"warmup{members}")
    try:
        run_cli("-q", "load", "csv", str(directory), "--community", community, ok_codes=(0, 1))
        analyzed = run_cli("analyze", "--community", community)
        echo(f"  warm-up: graphmodel analyze of {members:,} members {analyzed.seconds:.1f} s")
        return analyzed.seconds
    finally:
        scenarios.delete(community)


def bench_analysis(work: Path, members: int, networkx_max: int, echo) -> dict:
    directory = work / f"community-{members}"
    scenarios.generate(directory, members)
    community = scenarios.community_id(f"analyze{members}")
    try:
        loaded = run_cli("-q", "load", "csv", str(directory), "--community", community,
                         ok_codes=(0, 1))
        echo(f"  loaded {members:,} members in {loaded.seconds:.1f} s")
        analyzed = run_cli("analyze", "--community", community)
        server = process_memory_mb(scenarios.server_pid())
        run = scenarios.read("analysis_run_figures", community=community)[0]
        estimated = run["betweenness_method"] == "estimated"
        sample = baselines.baseline_sources(run["members"], run["relationships"]) if estimated else None
        echo(f"  graphmodel analyze: {analyzed.seconds:.1f} s (client peak {analyzed.peak_rss_mb:.0f} MiB; "
             + (f"betweenness estimated from {run['betweenness_samples']:,} shortest paths, "
                f"baselines from {sample} sources)" if estimated else "betweenness exact)"))
        result = {
            "members": members, "relationships": run["relationships"],
            "analyze_seconds": analyzed.seconds, "client_peak_rss_mb": analyzed.peak_rss_mb,
            "server_rss_mb": server["rss_mb"], "server_peak_rss_mb": server["peak_rss_mb"],
            "betweenness_method": run["betweenness_method"], "betweenness_samples": run["betweenness_samples"],
            "betweenness_error": run["betweenness_error"], "baseline_sources": sample,
        }
        igraph = baselines.igraph_analysis(directory, sample)
        result["igraph"] = igraph
        result["analyze_vs_igraph"] = ratio(analyzed.seconds, igraph["total"])
        echo(f"  igraph: {igraph['total']:.1f} s -> ratio {result['analyze_vs_igraph']:.2f}")
        if members <= networkx_max:
            networkx = baselines.networkx_analysis(directory, sample)
            result["networkx"] = networkx
            result["analyze_vs_networkx"] = ratio(analyzed.seconds, networkx["total"])
            echo(f"  networkx: {networkx['total']:.1f} s -> ratio {result['analyze_vs_networkx']:.1f}")
        if estimated:
            result["connector_stability"] = community_stability(community, echo, f"generated, {members:,} members")
        report = work / f"report-{members}.html"
        reported = run_cli("report", "--community", community, "--format", "html", "--lang", "en",
                           "--output", str(report))
        result["report_seconds"] = reported.seconds
        result["report_html_mb"] = report.stat().st_size / 2**20
        echo(f"  graphmodel report: {reported.seconds:.1f} s, HTML {result['report_html_mb']:.2f} MiB")
        if find_chromium():
            opened = open_report(report)
            result["report_open_seconds"] = opened["wall_s"]
            paint = opened.get("paint_ms")
            painted = f"first paint {paint:.0f} ms" if paint is not None else "no first-paint entry"
            echo(f"  report opened in headless Chromium: {opened['wall_s']:.2f} s to the load event ({painted})")
        return result
    finally:
        scenarios.delete(community)
