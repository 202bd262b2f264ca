"""How steady sampled betweenness's top members are at each sample size.

    python3 -m bench.sample_stability --community NAME   # GDS, the analysis's own sampler
    python3 -m bench.sample_stability --higgs            # igraph, ../shared/data/higgs-twitter

For each sample size, three samples with other seeds, and one large reference sample:
the share of their top k members two samples have in common, and the share of the
reference's top k a sample finds. The connectors are ranked by betweenness, so this is
how much of the list a user sees is the sample's. The figures docs/analysis.md gives for
``max_betweenness_sample`` come from here (about 3 minutes for a 100k community).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations

import numpy as np

SIZES = (256, 512, 1024)
REFERENCE = 4096
SAMPLES = 3
TOPS = (20, 50, 200)


def top_share(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """The share of the k highest scores' members that two score vectors have in common
    (ties broken by position, as the analysis ranks them)."""
    top_a = np.argsort(-a, kind="stable")[:k]
    top_b = np.argsort(-b, kind="stable")[:k]
    return len(np.intersect1d(top_a, top_b)) / k


def stability(score: Callable[[int, int], np.ndarray], sizes=SIZES, reference=REFERENCE,
              samples=SAMPLES, tops=TOPS, echo=print) -> None:
    """``score(sample, seed)`` gives one sampled betweenness (scores in a fixed node order)."""
    truth = score(reference, 7_000)
    for size in sizes:
        runs = [score(size, 1_000 * i) for i in range(samples)]
        for k in tops:
            found = [top_share(run, truth, k) for run in runs]
            between = [top_share(a, b, k) for a, b in combinations(runs, 2)]
            echo(f"sample {size:5d} top {k:3d}: {np.mean(between):.0%} shared between samples, "
                 f"{np.mean(found):.0%} of the {reference}-source reference's "
                 f"({min(found):.0%}-{max(found):.0%})")


def gds_scores(community: str) -> None:
    from graphmodel.analysis.betweenness import run_betweenness
    from graphmodel.analysis.metrics import summed_betweenness
    from graphmodel.analysis.options import AnalysisOptions
    from graphmodel.analysis.projection import projected
    from graphmodel.core.config import load_settings
    from graphmodel.graph.connection import Connection

    connection = Connection.from_settings(load_settings())
    with projected(connection, community, AnalysisOptions()) as graph, ThreadPoolExecutor(1) as pool:
        def score(sample: int, seed: int) -> np.ndarray:
            # scored as the analysis scores: its parts (each on one thread, two at a time) added up, settled
            parts = run_betweenness(connection, graph, sample, seed, nodes=0, pool=pool, ordered=False).result()
            return summed_betweenness(np.sort(parts[0][0]), parts)

        stability(score)


def higgs_scores() -> None:
    import igraph as ig

    from bench.shared_data import DATA

    pairs = []
    with gzip.open(DATA / "higgs-twitter" / "higgs-activity_time.txt.gz", "rt") as lines:
        for line in lines:
            source, target = line.split()[:2]
            if source != target:
                pairs.append((int(source), int(target)))
    codes = {v: i for i, v in enumerate(sorted({v for pair in pairs for v in pair}))}
    graph = ig.Graph(n=len(codes), edges=[(codes[a], codes[b]) for a, b in pairs]).simplify()
    print(f"higgs-twitter: {graph.vcount():,} accounts, {graph.ecount():,} ties", file=sys.stderr)

    def score(sample: int, seed: int) -> np.ndarray:
        sources = np.random.default_rng(seed).choice(graph.vcount(), sample, replace=False).tolist()
        return np.asarray(graph.betweenness(directed=False, sources=sources))

    stability(score)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sample_stability", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--community", help="a loaded community (GDS, the analysis's sampler)")
    which.add_argument("--higgs", action="store_true", help="the Higgs Twitter graph (igraph)")
    args = parser.parse_args(argv)
    if args.higgs:
        higgs_scores()
    else:
        gds_scores(args.community)
    return 0


if __name__ == "__main__":
    sys.exit(main())
