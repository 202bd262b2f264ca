"""The operator's whole path on one community: load → analyze → fission → report.

Each step runs as the operator runs it (``graphmodel ...`` in a child process) on a
generated community; for each: wall time, its share of the whole, the client's peak
memory (the child's own) and the server's peak memory during the step (the server
process's peak resident set, reset before each step).
"""

from __future__ import annotations

from pathlib import Path

from bench import scenarios
from bench.measure import process_memory_mb, reset_peak_memory, run_cli


def bench_pipeline(work: Path, members: int, echo) -> dict:
    directory = work / f"community-{members}"
    scenarios.generate(directory, members)
    community = scenarios.community_id(f"pipeline{members}")
    report = work / f"pipeline-report-{members}.html"
    steps = [
        ("load", ("-q", "load", "csv", str(directory), "--community", community), (0, 1)),
        ("analyze", ("-q", "analyze", "--community", community), (0,)),
        ("fission", ("-q", "fission", "--community", community), (0,)),
        ("report", ("-q", "report", "--community", community, "--format", "html", "--output", str(report)), (0,)),
    ]
    server = scenarios.server_pid()
    measured = []
    try:
        for name, args, ok in steps:
            reset_peak_memory(server)
            try:
                step = run_cli(*args, ok_codes=ok)
            except RuntimeError as error:  # what was measured before goes with the error
                done = ", ".join(f"{s['step']} {s['seconds']:.1f} s" for s in measured) or "no step"
                raise RuntimeError(f"{name} failed after {done}: {error}") from error
            memory = process_memory_mb(server)
            measured.append({"step": name, "seconds": step.seconds, "client_peak_rss_mb": step.peak_rss_mb,
                             "server_peak_rss_mb": memory["peak_rss_mb"]})
            echo(f"  {name}: {step.seconds:.1f} s (client peak {step.peak_rss_mb:.0f} MiB, "
                 f"server peak {(memory['peak_rss_mb'] or 0) / 1024:.1f} GiB)")
        total = sum(s["seconds"] for s in measured)
        echo(f"  the whole path: {total / 60:.1f} minutes")
        return {"members": members, "steps": measured, "seconds": total,
                "report_mb": report.stat().st_size / 2**20}
    finally:
        scenarios.delete(community)
