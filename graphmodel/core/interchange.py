"""The interchange format: a directory of CSV (or JSON Lines) files, one per table.

This is a public contract (docs/interchange.md). Every producer (the
synthetic generator, the chat-export converters, the data-set converters)
writes it with ``InterchangeWriter``; ``graphmodel.loaders`` reads it. Files
may be UTF-8 (with or without BOM) or GB18030; any subset of the tables may
be present; ``<table>.jsonl`` holds the same fields as ``<table>.csv``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...]

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def jsonl_name(self) -> str:
        return f"{self.name}.jsonl"


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("members", ("member_id", "name", "joined_at", "is_member", "declared_role", "threshold", "left_at",
                      "left_reason"), ("member_id",)),
    Table("interactions", ("source", "target", "type", "weight", "at"), ("source", "target")),
    Table("shares", ("source", "target", "at", "channel", "joined"), ("source", "target")),
    Table("roles", ("member_id", "role", "since", "until"), ("member_id", "role")),
    Table("events", ("event_id", "name", "kind", "at"), ("event_id",)),
    Table("attendance", ("member_id", "event_id"), ("member_id", "event_id")),
)}

# The order a loader applies tables in: nodes before the edges that reference them.
LOAD_ORDER = ("members", "events", "roles", "interactions", "shares", "attendance")

ROLE_SEPARATOR = "|"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ROLE_SEPARATOR.join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class InterchangeWriter:
    """Write interchange tables as UTF-8 CSV files into ``directory``.

    Use as a context manager; ``write(table, rows)`` may be called many times
    per table (rows are mappings keyed by column name; missing keys are empty).
    Only tables that received rows, or were ``open``ed, get a file.
    """

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, Any] = {}
        self._writers: dict[str, Any] = {}  # csv writers
        self.counts: dict[str, int] = {}

    def open(self, table: str) -> None:
        if table in self._writers:
            return
        spec = TABLES[table]
        handle = open(self.directory / spec.csv_name, "w", encoding="utf-8", newline="")
        writer = csv.writer(handle, lineterminator="\r\n")  # RFC 4180 (and CR in values is quoted)
        writer.writerow(spec.columns)
        self._files[table] = handle
        self._writers[table] = writer
        self.counts[table] = 0

    def write(self, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
        self.open(table)
        columns = TABLES[table].columns
        writer = self._writers[table]
        n = 0
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            n += 1
        self.counts[table] += n
        return n

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()
        self._writers.clear()

    def __enter__(self) -> InterchangeWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def write_jsonl(path: str | Path, rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows as JSON Lines (the alternative to CSV, same fields)."""
    n = 0
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({k: _cell(v) if hasattr(v, "isoformat") else v
                                     for k, v in row.items()}, ensure_ascii=False))
            handle.write("\n")
            n += 1
    return n
