"""Streaming rows of one interchange table from CSV or JSON Lines, with line numbers.

Rows come out as ``SourceRow(file, line, values)`` with every value a string
(or None when absent); a line that cannot be read at all (undecodable bytes,
NUL bytes, bad JSON, a CSV row with too many fields) comes out as a
``Reject`` so it is accounted for and the rest of the file still loads.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from graphmodel.core.errors import InputError
from graphmodel.core.interchange import Table
from graphmodel.loaders.encoding import detect_encoding

csv.field_size_limit(1 << 24)
MAX_FIELD = 1 << 16  # longer values are rejected, not stored
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")


class SourceRow(NamedTuple):  # a tuple: made once per row, much cheaper than a frozen dataclass
    file: str
    line: int
    values: dict[str, str | None]


@dataclass(frozen=True)
class Reject:
    file: str
    line: int
    field: str
    reason: str
    raw: str = ""


def table_file(directory: Path, table: Table) -> Path | None:
    """The table's file in ``directory`` (CSV preferred over JSONL), or None when neither is
    there. A name that is there but cannot be read as a file (a folder, a link to nothing or
    in a loop, a file without read permission) is an ``InputError`` naming it, not a table
    left out."""
    found = None
    for name in (table.csv_name, table.jsonl_name):
        path = directory / name
        if not os.path.lexists(path):
            continue
        unreadable = _unreadable(path)
        if unreadable:
            raise InputError(f"{path}: {unreadable}; the {table.name} table cannot be read")
        found = found or path
    return found


def _unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be read as a table file, or None when it can."""
    try:
        mode = os.stat(path).st_mode  # through links
        if stat.S_ISDIR(mode):
            return "a folder, not a file"
        if not stat.S_ISREG(mode):
            return "not a regular file"
        with open(path, "rb"):
            return None
    except FileNotFoundError:
        return "a link to nothing"
    except OSError as error:  # a loop of links, no permission
        return error.strerror or str(error)


def read_table(path: Path, table: Table) -> Iterator[SourceRow | Reject]:
    encoding = detect_encoding(path)
    if path.suffix == ".jsonl":
        return _read_jsonl(path, table, encoding)
    header = _csv_header(path, table, encoding)
    return _read_csv(path, table, encoding, header)


def check_header(path: Path, table: Table) -> None:
    """Raise InputError if a CSV file lacks a required column or repeats one."""
    if path.suffix != ".jsonl":
        _csv_header(path, table, detect_encoding(path))


def _csv_header(path: Path, table: Table, encoding: str) -> list[str]:
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        first = handle.readline().replace("\x00", "")
    header = next(csv.reader([first]), [])
    header = [h.strip() for h in header]
    if not header or header == [""]:
        raise InputError(f"{path}: the file is empty or has no header row")
    duplicates = sorted({h for h in header if header.count(h) > 1 and h})
    if duplicates:
        raise InputError(f"{path}: column(s) {', '.join(duplicates)} appear more than once in the header")
    missing = [c for c in table.required if c not in header]
    if missing:
        raise InputError(f"{path}: required column(s) missing: {', '.join(missing)} "
                         f"(the header has: {', '.join(header)})")
    return header


def _decoded_lines(path: Path, encoding: str) -> Iterator[tuple[int, str | None]]:
    """(line number, text) per physical line; text None when the bytes do not decode."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and encoding == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8" if encoding == "utf-8-sig" else encoding)
            except UnicodeDecodeError:
                yield number, None
                continue
            if "\r" in text.rstrip("\r\n"):  # old Mac line ends inside a Unix/Windows file
                for part in _LONE_CR.split(text):
                    yield number, part
            else:
                yield number, text


def _read_csv(path: Path, table: Table, encoding: str, header: list[str]) -> Iterator[SourceRow | Reject]:
    name = path.name
    wanted = [(i, c) for i, c in enumerate(header) if c in table.columns]
    width = len(header)
    lines = _decoded_lines(path, encoding)
    next(lines, None)  # header
    pending: list[str] = []
    start = 0
    for number, text in lines:
        if text is None:
            yield Reject(name, number, "", f"the line is not valid {encoding} text")
            pending = []
            continue
        if "\x00" in text:
            yield Reject(name, number, "", "the line contains a NUL byte", text[:200].replace("\x00", "\\0"))
            pending = []
            continue
        if not pending and '"' not in text:  # the usual line: a whole record, no quoting
            start, record_text = number, text
            if not text.strip():
                continue
            cells = text.rstrip("\r\n").split(",")  # as the csv module would, only faster
        else:
            if not pending:
                start = number
            pending.append(text)
            record_text = "".join(pending)
            if _open_quote(record_text):
                if len(pending) < 1000:
                    continue
                yield Reject(name, start, "", "unterminated quoted field", pending[0][:200])
                pending = []
                continue
            pending = []
            try:
                cells = next(csv.reader([record_text]))
            except csv.Error as error:
                yield Reject(name, start, "", f"unreadable CSV row: {error}", record_text[:200])
                continue
        if len(cells) > width:
            yield Reject(name, start, "", f"{len(cells)} fields where the header has {width}",
                         record_text[:200])
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        values = {c: cells[i].strip() or None for i, c in wanted}
        if len(record_text) > MAX_FIELD:  # (only a long record can hold a too long field)
            too_long = next((c for c, v in values.items() if v and len(v) > MAX_FIELD), None)
            if too_long:
                yield Reject(name, start, too_long, f"value longer than {MAX_FIELD} characters")
                continue
        yield SourceRow(name, start, values)
    if pending:
        yield Reject(name, start, "", "unterminated quoted field at the end of the file", pending[0][:200])


def _open_quote(text: str) -> bool:
    """Whether a CSV record continues on the next line (an odd number of quotes)."""
    return text.count('"') % 2 == 1


def _read_jsonl(path: Path, table: Table, encoding: str) -> Iterator[SourceRow | Reject]:
    name = path.name
    for number, text in _decoded_lines(path, encoding):
        if text is None:
            yield Reject(name, number, "", f"the line is not valid {encoding} text")
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except ValueError as error:
            yield Reject(name, number, "", f"not a JSON object: {error}", text[:200])
            continue
        except RecursionError:
            yield Reject(name, number, "", "JSON nested too deeply to read", text[:200])
            continue
        if not isinstance(record, dict):
            yield Reject(name, number, "", "not a JSON object", text[:200])
            continue
        values: dict[str, str | None] = {}
        for column in table.columns:
            value = record.get(column)
            if value is None or value == "":
                values[column] = None
            elif isinstance(value, bool):
                values[column] = "true" if value else "false"
            elif isinstance(value, list):
                values[column] = "|".join(str(v) for v in value)
            elif isinstance(value, dict):
                values[column] = json.dumps(value)
            else:  # blank after stripping is missing, as in CSV
                values[column] = str(value).strip() or None
        if "\x00" in "".join(v for v in values.values() if v):
            yield Reject(name, number, "", "a value contains a NUL byte", text[:200])
            continue
        too_long = next((c for c, v in values.items() if v and len(v) > MAX_FIELD), None)
        if too_long:
            yield Reject(name, number, too_long, f"value longer than {MAX_FIELD} characters")
            continue
        yield SourceRow(name, number, values)
