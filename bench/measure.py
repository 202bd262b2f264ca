"""Timing and peak memory of what a benchmark runs.

Client commands run as child processes (``python -m graphmodel ...``) so each
one's peak resident memory is its own (``wait4``); the server's memory is
read from /proc for the local server's Java process.
"""

from __future__ import annotations

import os
import subprocess
import sys
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
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               cwd=code, env={**os.environ, "PYTHONPATH": str(code)} if code else None)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if check and process.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(command[2:])} exited {process.returncode}:\n{output[-3000:]}")
    return Measured(seconds, usage.ru_maxrss / 1024, output)


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
