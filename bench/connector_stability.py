"""How steady the top of the connector list is where betweenness is estimated.

    python3 -m bench.connector_stability --community NAME   # a loaded community, the analysis's estimator
    python3 -m bench.connector_stability --higgs            # the real Higgs Twitter graph (../shared/data)

Three estimates with other seeds, and a reference estimate at half the error (four times
the sampled paths): the share of their top k members two estimates have in common, and the
share of the reference's top k an estimate finds. Connectors are ranked by betweenness, so
this is how much of the list a user sees belongs to the community rather than to the
estimate. ``python3 -m bench`` runs it on every community it analyses above the exact size.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from itertools import combinations

import numpy as np

from graphmodel.analysis.arrays import distinct
from graphmodel.analysis.betweenness import estimated_betweenness
from graphmodel.analysis.options import AnalysisOptions

SEEDS = (1, 2, 3)
TOPS = (20, 50)


def top_share(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """The share of the k highest scores' members that two score vectors have in common
    (ties broken by position, as the analysis ranks them)."""
    top_a = np.argsort(-a, kind="stable")[:k]
    top_b = np.argsort(-b, kind="stable")[:k]
    return len(np.intersect1d(top_a, top_b)) / k


def undirected(source: np.ndarray, target: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Node count and each undirected tie once (as node indexes), from ties given by any ids."""
    ids, codes = np.unique(np.concatenate([source, target]), return_inverse=True)
    a, b = codes[:len(source)], codes[len(source):]
    keep = a != b
    low, high = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    n = len(ids)
    unique = distinct(low.astype(np.int64) * n + high)
    return n, unique // n, unique % n


def stability(name: str, nodes: int, tie_a: np.ndarray, tie_b: np.ndarray, options: AnalysisOptions,
              echo=print) -> dict:
    """The figures above for one graph, with the analysis's error and confidence."""
    def estimate(error: float, seed: int) -> tuple[np.ndarray, int, float]:
        started = time.perf_counter()
        shares, precision = estimated_betweenness(nodes, tie_a, tie_b, error, options.betweenness_confidence,
                                                  seed)
        return shares, precision.samples or 0, time.perf_counter() - started

    runs = [estimate(options.betweenness_error, seed) for seed in SEEDS]
    reference, reference_samples, reference_seconds = estimate(options.betweenness_error / 2, 7_000)
    row: dict = {"community": name, "nodes": nodes, "ties": int(len(tie_a)), "error": options.betweenness_error,
                 "confidence": options.betweenness_confidence, "samples": runs[0][1],
                 "seconds": float(np.mean([r[2] for r in runs])), "reference_samples": reference_samples,
                 "reference_seconds": reference_seconds}
    for k in TOPS:
        row[f"top{k}_shared"] = float(np.mean([top_share(a[0], b[0], k) for a, b in combinations(runs, 2)]))
        row[f"top{k}_found"] = float(np.mean([top_share(r[0], reference, k) for r in runs]))
    echo(f"  connector stability of {name}: top 20 shared {row['top20_shared']:.0%}, found "
         f"{row['top20_found']:.0%}; top 50 shared {row['top50_shared']:.0%}, found {row['top50_found']:.0%} "
         f"({row['samples']:,} paths, {row['seconds']:.1f} s an estimate)")
    return row


def community_stability(community: str, echo=print, label: str | None = None) -> dict:
    """``stability`` for a loaded community, on the ties its analysis would see (``label``
    names it in the results)."""
    from graphmodel.analysis.projection import projected
    from graphmodel.core.config import load_settings
    from graphmodel.graph.connection import Connection

    settings = load_settings()
    options = AnalysisOptions.from_config(settings.tables, settings.config_file)
    with Connection.from_settings(settings) as connection, projected(connection, community, options) as graph:
        ties = connection.run_auto("analysis_ties", graph=graph)[0]
    nodes, a, b = undirected(np.asarray(ties["a"], np.int64), np.asarray(ties["b"], np.int64))
    return stability(label or community, nodes, a, b, options, echo)


def higgs_stability(echo=print) -> dict:
    """``stability`` on the Higgs Twitter activity graph (retweets, mentions, replies)."""
    from bench.shared_data import DATA

    source, target = [], []
    with gzip.open(DATA / "higgs-twitter" / "higgs-activity_time.txt.gz", "rt") as lines:
        for line in lines:
            a, b = line.split()[:2]
            source.append(int(a))
            target.append(int(b))
    nodes, a, b = undirected(np.asarray(source, np.int64), np.asarray(target, np.int64))
    return stability("higgs-twitter (real)", nodes, a, b, AnalysisOptions(), echo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.connector_stability", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--community", help="a loaded community")
    which.add_argument("--higgs", action="store_true", help="the Higgs Twitter graph")
    args = parser.parse_args(argv)
    if args.higgs:
        higgs_stability()
    else:
        community_stability(args.community)
    return 0


if __name__ == "__main__":
    sys.exit(main())
