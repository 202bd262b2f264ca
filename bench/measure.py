"""Timing and peak memory of what a benchmark runs.

Client commands run as child processes (``python -m graphmodel ...``) so each
one's peak resident memory is its own: its high-water mark (``VmHWM`` in /proc),
sampled while it runs. (``wait4``'s ``ru_maxrss`` would not do: on Linux a child
keeps the high-water mark of the parent it was forked from across ``exec``, so every
command would show the benchmark process's own peak.) The server's memory is read
from /proc for the local server's Java process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mb: float | None
    output: str = ""


def run_cli(*args: str, check: bool = True, ok_codes: tuple[int, ...] = (0,),
            code: Path | None = None) -> Measured:
    """Run ``graphmodel ARGS`` in a child process (``code``: from the checkout in that folder
    instead of this one): wall time and its peak RSS."""
    command = [sys.executable, "-m", "graphmodel", *args]
    started = time.perf_counter()
    # ``-m`` puts the working directory first on the path: run from the checkout to use its code
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=code,
                          env={**os.environ, "PYTHONPATH": str(code)} if code else None) as process:
        peak = _PeakWatcher(process.pid)
        peak.start()
        output = process.stdout.read() if process.stdout else ""
        process.wait()
    seconds = time.perf_counter() - started
    peak.join()
    if check and process.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(command[2:])} exited {process.returncode}:\n{output[-3000:]}")
    return Measured(seconds, peak.peak_mb, output)


class _PeakWatcher(threading.Thread):
    """Follows a child's high-water resident memory (``VmHWM``) until it exits; the last value
    read is its peak (the kernel keeps the maximum, so a late sample loses nothing)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb: float | None = None

    def run(self) -> None:
        while True:
            peak = process_memory_mb(self.pid)["peak_rss_mb"]
            if peak is None:  # exited (a zombie has no memory lines): the last value stands
                return
            self.peak_mb = peak
            time.sleep(self.interval)


def timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def process_memory_mb(pid: int | None) -> dict[str, float | None]:
    """Current and peak resident memory of a process (Linux /proc), in MiB."""
    values: dict[str, float | None] = {"rss_mb": None, "peak_rss_mb": None}
    if pid is None:
        return values
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return values
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = int(rest.split()[0]) / 1024
    return values


def reset_peak_memory(pid: int | None) -> None:
    """Start a process's peak resident memory afresh (Linux: ``clear_refs`` 5), so the next
    ``process_memory_mb`` peak is that of what ran since; nothing where that is not allowed."""
    if pid is None:
        return
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        pass


def ratio(ours: float, theirs: float) -> float:
    """How many times faster ours is (a time ratio theirs/ours)."""
    return theirs / ours if ours > 0 else float("inf")
