"""The reject file: every row that did not load, with file, line, field and reason (mode 0600)."""

from __future__ import annotations

import csv
import threading
from pathlib import Path
from typing import IO, Any

from graphmodel.core.output import csv_cell
from graphmodel.core.private_files import open_private
from graphmodel.loaders.reader import Reject

COLUMNS = ("file", "line", "field", "reason", "raw")


class RejectFile:
    """Rejects appended to a UTF-8 CSV file, created on the first reject only."""

    def __init__(self, path: Path):
        self.path = path
        self.path.unlink(missing_ok=True)  # a reject file always describes the latest load
        self.count = 0
        self._handle: IO[str] | None = None
        self._writer: Any = None  # a csv writer, made on the first reject
        self._lock = threading.Lock()

    def add(self, reject: Reject, stats=None) -> None:
        """Record a reject (thread-safe); ``stats.rejected`` is counted with it when given."""
        with self._lock:
            self._add(reject)
            if stats is not None:
                stats.rejected += 1

    def _add(self, reject: Reject) -> None:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = open_private(self.path, newline="")  # raw member rows: the owner's only
            self._writer = csv.writer(self._handle)
            self._writer.writerow(COLUMNS)
        self._writer.writerow([csv_cell(reject.file), reject.line, reject.field,
                               csv_cell(reject.reason), csv_cell(reject.raw)])
        self.count += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> RejectFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
