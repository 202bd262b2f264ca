"""Benchmarks: `python -m bench [--quick]` prints ratios against baselines run on the same machine, server and data."""
