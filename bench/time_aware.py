"""What time-aware analysis costs: windows and decay in the analysis, and circle evolution matching.

    python3 -m bench.time_aware --community C --pairs 3                 # defaults against no window, no decay
    python3 -m bench.time_aware --community C --baseline-code DIR       # defaults against another checkout
    python3 -m bench.time_aware --match-members 1000000                 # evolution matching alone

Analyses of one loaded community alternate between the two variants (``graphmodel analyze``
end to end, written back), so that a machine shared with other work slows both alike;
``--baseline-code`` runs the other variant from a checkout of the code before (from that
folder, on ``PYTHONPATH``), the closest to "today's time". The matching figure times
``evolution.match_circles`` on two synthetic runs of circles (Dunbar-like sizes, a tenth of
the members moved) and, with ``--community``, reading a run's circles back from the graph.
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.measure import run_cli


def analysis_pairs(community: str, pairs: int, baseline_code: Path | None, echo) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-time-") as temporary:
        plain = Path(temporary) / "plain.toml"
        plain.write_text("[analysis]\nactive_window_days = 0\ntie_half_life_days = 0\n", encoding="utf-8")
        empty = Path(temporary) / "defaults.toml"
        empty.write_text("", encoding="utf-8")
        other = ("before" if baseline_code else "no window, no decay")
        times: dict[str, list[float]] = {"defaults": [], other: []}
        for pair in range(pairs):
            for name in (("defaults", other) if pair % 2 == 0 else (other, "defaults")):
                if name == "defaults":
                    measured = run_cli("--config", str(empty), "-q", "analyze", "--community", community)
                elif baseline_code:
                    measured = run_cli("--config", str(empty), "-q", "analyze", "--community", community,
                                       code=baseline_code.resolve())
                else:
                    measured = run_cli("--config", str(plain), "-q", "analyze", "--community", community)
                times[name].append(measured.seconds)
                echo(f"  {name}: {measured.seconds:.1f} s")
    means = {name: statistics.fmean(values) for name, values in times.items()}
    return {"community": community, "pairs": pairs, "seconds": times, "means": means,
            "ratio": means["defaults"] / means[other]}


def circles_of(members: int, rng: np.random.Generator) -> np.ndarray:
    """A circle per member: sizes around 60 (5 to 150), in random order."""
    sizes = np.clip(rng.lognormal(np.log(60), 0.55, members // 20 + 2).astype(int), 5, 150)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), members) + 1]
    circle = np.repeat(np.arange(len(sizes)), sizes)[:members]
    return rng.permutation(circle)


def match_seconds(members: int, seed: int = 7) -> dict:
    from graphmodel.analysis.evolution import CircleSnapshot, match_circles

    rng = np.random.default_rng(seed)
    ids = np.char.add("m", np.arange(members).astype(str))
    before = circles_of(members, rng)
    after = before.copy()
    moved = rng.random(members) < 0.1
    after[moved] = rng.integers(0, before.max() + 1, moved.sum())
    started = time.perf_counter()
    events, links = match_circles(CircleSnapshot("a", before, ids), CircleSnapshot("b", after, ids), 0.3)
    seconds = time.perf_counter() - started
    return {"members": members, "circles": int(before.max()) + 1, "events": len(events), "links": len(links),
            "seconds": seconds}


def read_seconds(community: str) -> dict:
    """Reading the latest run's circles and members back, as matching the next run does."""
    from bench.scenarios import connection
    from graphmodel.analysis.evolution import read_snapshot

    conn = connection()
    [run] = conn.read("analysis_run_get", community=community, run=None)
    started = time.perf_counter()
    found = read_snapshot(conn, run["run"]["id"])
    seconds = time.perf_counter() - started
    return {"run": run["run"]["id"], "memberships": 0 if found is None else len(found[0].member),
            "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.time_aware", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--community", help="a loaded community to analyse")
    parser.add_argument("--pairs", type=int, default=3, help="analyses of each variant")
    parser.add_argument("--baseline-code", type=Path, help="a checkout of the code before, for the other variant")
    parser.add_argument("--match-members", type=int, default=0, help="time matching on this many members")
    args = parser.parse_args(argv)

    def echo(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.match_members:
        found = match_seconds(args.match_members)
        print(f"matching {found['members']:,} members in {found['circles']:,} circles: {found['seconds']:.2f} s "
              f"({found['events']:,} events, {found['links']:,} matches)")
    if args.community:
        found = analysis_pairs(args.community, args.pairs, args.baseline_code, echo)
        print("analysis:", ", ".join(f"{name} mean {mean:.1f} s" for name, mean in found["means"].items()),
              f"-> {found['ratio']:.3f}x")
        read = read_seconds(args.community)
        print(f"reading {read['memberships']:,} memberships of {read['run']}: {read['seconds']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
