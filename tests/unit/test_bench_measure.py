"""The benchmark's client memory is the child command's own peak, not its parent's."""

import os

from bench.measure import process_memory_mb, run_cli


def test_a_child_commands_peak_is_its_own_not_the_forking_parents():
    ballast = bytearray(768 * 2**20)  # raise this process's high-water mark well above the child's
    ballast[:: 4096] = b"x" * len(ballast[:: 4096])  # touch every page so it is resident
    parent_peak = process_memory_mb(os.getpid())["peak_rss_mb"]
    measured = run_cli("--help")
    assert parent_peak is not None and parent_peak > 768
    assert measured.peak_rss_mb is not None
    assert 10 < measured.peak_rss_mb < parent_peak - 500
    assert "Usage" in measured.output
    del ballast
