"""Load a directory in the interchange format into one community.

    from graphmodel.loaders import load_directory
    summary = load_directory(connection, "exports/2024-06", "camp-7", name="训练营 7")

Every table present is checked (encoding, header) before anything is written;
rows are validated and written in batches (``UNWIND``, one transaction per batch,
retried by the driver on transient errors); bad rows go to the reject file. Keys derived
from the content make the load idempotent: rerunning it, or rerunning it after an
interruption, leaves the same graph, and a newer export adds only what is new.

A load holds the community's lock (the one jobs take), so no two loads of one community
run at once. That is what keeps interactions and shares unique by key: the graph has no
uniqueness constraint on them (its index cost a fifth of the server's time while loading).
Members, interactions and shares are created when the community held none of that table
before the load and merged otherwise; a row whose member id or key came earlier in the same
load waits until the rest of its table is written and is then merged, in file order, so the
later row's values win. The newest time a load brings (an interaction, a join or a
departure) is kept on the community as ``latest_at``: analyses without ``--as-of`` look
from it.

Rows of forgotten members (``graphmodel forget``) are skipped: a member row with a tombstoned
id, and every edge row with such an endpoint; the summary counts them per table
(``forgotten``). ``drop_names`` loads no member names and removes those stored before for the
members of the load's members table.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphmodel.core.collector import full_collections_deferred
from graphmodel.core.community_ids import checked_community, file_slug
from graphmodel.core.errors import InputError
from graphmodel.core.interchange import LOAD_ORDER, TABLES
from graphmodel.graph.community import keep_latest, recorded_latest
from graphmodel.graph.connection import batches
from graphmodel.graph.lock import CommunityLock
from graphmodel.graph.tombstones import Tombstones, tombstones
from graphmodel.loaders.reader import Reject, check_header, read_table, table_file
from graphmodel.loaders.rejects import RejectFile
from graphmodel.loaders.seen_keys import SeenKeys
from graphmodel.loaders.validate import Row, TableValidator

DEFAULT_BATCH_SIZE = 10_000
PIPELINE_DEPTH = 1  # batches validated ahead of those being written
_COUNTING = threading.Lock()
EDGE_ENDPOINTS = {"interactions": ("s", "t"), "shares": ("s", "t"), "roles": ("id",), "attendance": ("m",)}
# Edge tables written as columns (a list per field, cheaper to send than a map per row), their
# endpoints "s" and "t" as ids of the nodes (cheaper to find than through the index).
EDGE_COLUMNS = {"interactions": ("type", "w", "at", "k"), "shares": ("at", "channel", "joined", "k")}
# Tables written with CREATE into a community that held none of them before the load; the field
# that identifies a row's node or relationship (a row repeating one is merged after the rest).
CREATED_WHEN_FRESH = {"members": "id", "interactions": "k", "shares": "k"}
# The fields of each table's rows that hold member ids (a forgotten member's rows are skipped).
MEMBER_FIELDS = {"members": ("id",), "events": (), **EDGE_ENDPOINTS}
# The fields of each table whose newest value becomes the community's latest recorded time.
TIME_FIELDS = {"members": ("joined_at", "left_at"), "interactions": ("at",)}

Progress = Callable[[str, int], None]  # (table, rows just handled)


@dataclass
class TableSummary:
    """One table's rows: read, loaded, rejected; ``without_tie``: loaded interactions or shares
    of a member with themselves (activity of that member, no tie between two members)."""

    table: str
    file: str
    read: int = 0
    loaded: int = 0
    rejected: int = 0
    forgotten: int = 0  # rows of forgotten members, skipped
    nodes_created: int = 0
    relationships_created: int = 0
    without_tie: int = 0


@dataclass(frozen=True)
class SourceRead:
    """What a converter read before the interchange tables (a chat export): shown as the
    summary's first table, its unreadable records in the reject file."""

    table: str       # e.g. "wechat export"
    file: str
    read: int
    rejects: tuple[Reject, ...] = ()


@dataclass
class LoadSummary:
    community: str
    directory: str
    dry_run: bool
    tables: list[TableSummary] = field(default_factory=list)
    outsiders_created: int = 0
    reject_path: str | None = None
    seconds: float = 0.0
    source: TableSummary | None = None  # the export a converter read, when there was one

    @property
    def loaded(self) -> int:
        return sum(t.loaded for t in self.tables)

    @property
    def rejected(self) -> int:
        return sum(t.rejected for t in self.tables) + (self.source.rejected if self.source else 0)

    @property
    def forgotten(self) -> int:
        return sum(t.forgotten for t in self.tables)

    @property
    def without_tie(self) -> int:
        return sum(t.without_tie for t in self.tables)

    def rows(self) -> list[dict[str, Any]]:
        return [{"table": t.table, "file": t.file, "read": t.read, "loaded": t.loaded,
                 "rejected": t.rejected, "forgotten": t.forgotten, "nodes_created": t.nodes_created,
                 "relationships_created": t.relationships_created, "without_tie": t.without_tie}
                for t in ([self.source] if self.source else []) + self.tables]


def table_files(directory: Path) -> dict[str, Path]:
    """The interchange tables present in ``directory``; InputError if none or unreadable."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    found = {name: path for name in LOAD_ORDER if (path := table_file(directory, TABLES[name]))}
    if not found:
        expected = ", ".join(TABLES[n].csv_name for n in LOAD_ORDER)
        raise InputError(f"{directory}: no interchange files found (expected any of {expected}, "
                         f"or the same names ending .jsonl)")
    for name, path in found.items():
        check_header(path, TABLES[name])
    return found


@full_collections_deferred()
def load_directory(connection, directory: str | Path, community: str, *, name: str | None = None,
                   dry_run: bool = False, reject_path: str | Path | None = None,
                   batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None,
                   lock: bool = True, echo: Callable[[str], None] = lambda _: None,
                   writers: int = 2, drop_names: bool = False, source: SourceRead | None = None) -> LoadSummary:
    """Validate and (unless ``dry_run``) load every interchange table in ``directory``.

    ``lock=False`` when the caller already holds the community's lock (a job does);
    ``writers``: concurrent write transactions (the driver retries deadlocks between them);
    ``drop_names``: store no member names (and remove the stored names of the members loaded);
    ``source``: what a converter read to make ``directory`` (its rejects go first in the file).
    Python makes no full garbage collection while it runs (``core.collector``).
    """
    community = checked_community(community)
    directory = Path(directory)
    files = table_files(directory)
    if not dry_run:
        from graphmodel.graph.schema import ensure_schema

        ensure_schema(connection)
    if dry_run or not lock:
        return _load(connection, directory, files, community, name, dry_run, reject_path, batch_size, progress,
                     writers, drop_names, source)
    with CommunityLock(connection, community, echo=echo):
        return _load(connection, directory, files, community, name, dry_run, reject_path, batch_size, progress,
                     writers, drop_names, source)


def _load(connection, directory: Path, files: dict[str, Path], community: str, name: str | None, dry_run: bool,
          reject_path: str | Path | None, batch_size: int, progress: Progress | None,
          writers: int, drop_names: bool, source: SourceRead | None) -> LoadSummary:
    started = time.perf_counter()
    rejects_at = Path(reject_path) if reject_path else Path(f"graphmodel-rejects-{file_slug(community)}.csv")
    summary = LoadSummary(community, str(directory), dry_run)
    if not dry_run:
        connection.write("load_community", community=community, display_name=name)
    known: dict[str, int] = {}  # member id -> id of its node (edges are written by node)
    fresh: set[str] = set()  # tables the community held none of before this load: created, not merged
    forgotten = Tombstones(community, frozenset())  # a dry run reads no graph, so skips no one
    if not dry_run:
        forgotten = tombstones(connection, community)
        known.update((r["id"], r["node"]) for r in connection.read("load_member_ids", community=community))
        existing = connection.read("load_existing_edges", community=community)[0]
        fresh = {table for table in EDGE_COLUMNS if not existing[table]} | (set() if known else {"members"})
    had_data = bool(known)
    latest = LatestTime()
    # Validation (this thread) overlaps with writing; batches of one table are written by
    # ``writers`` concurrent transactions, and each table is complete before the next starts
    # (edges need their members and events).
    with RejectFile(rejects_at) as rejects, ThreadPoolExecutor(writers, "graphmodel-load") as writer:
        pending: deque[Future] = deque()
        if source is not None:  # records converted count as loaded: their rows follow in the tables
            summary.source = TableSummary(source.table, source.file, read=source.read,
                                          loaded=source.read - len(source.rejects))
            for reject in source.rejects:
                rejects.add(reject, summary.source)
        try:
            for table, path in files.items():
                stats = TableSummary(table, path.name)
                summary.tables.append(stats)
                validator = TableValidator(table, community, drop_names=drop_names)
                good = _validated(read_table(path, TABLES[table]), validator, stats, rejects,
                                  TIME_FIELDS.get(table, ()), latest)
                if forgotten:
                    good = _without_forgotten(good, MEMBER_FIELDS[table], forgotten, stats)
                identity = None if dry_run else CREATED_WHEN_FRESH.get(table)
                seen = SeenKeys() if identity else None
                create = table in fresh
                repeats: list[Row] = []  # rows whose node or key came earlier in this load: merged last, in order
                for batch in batches(good, batch_size):
                    if dry_run:
                        _count_loaded(stats, batch, progress)
                        continue
                    if seen is not None and identity is not None:
                        repeated = seen.repeated([row[identity] for row in batch])
                        repeats.extend(row for row, again in zip(batch, repeated) if again)
                        batch = [row for row, again in zip(batch, repeated) if not again]
                        if not batch:
                            continue
                    pending.append(writer.submit(_write_batch, connection, table, community, batch, create,
                                                 stats, summary, rejects, known, progress, drop_names))
                    while len(pending) > writers + PIPELINE_DEPTH:
                        pending.popleft().result()
                while pending:
                    pending.popleft().result()
                for batch in batches(repeats, batch_size):
                    _write_batch(connection, table, community, batch, False, stats, summary, rejects, known,
                                 progress, drop_names)
        except BaseException:
            writer.shutdown(cancel_futures=True)  # queued batches would only fail in turn
            raise
        summary.reject_path = str(rejects.path) if rejects.count else None
    if not dry_run and latest.ms is not None:
        if had_data:  # kept before, or walked for now (a community loaded before it was kept)
            recorded_latest(connection, community)
        keep_latest(connection, community, latest.ms)
    summary.seconds = time.perf_counter() - started
    return summary


@dataclass
class LatestTime:
    """The newest time (epoch ms) among the rows loaded so far."""

    ms: int | None = None


def _validated(rows: Iterable[Any], validator: TableValidator, stats: TableSummary,
               rejects: RejectFile, times: tuple[str, ...] = (), latest: LatestTime | None = None) -> Iterator[Row]:
    for item in rows:
        stats.read += 1
        checked = item if isinstance(item, Reject) else validator.check(item)
        if isinstance(checked, Reject):
            rejects.add(checked, stats)
        else:
            checked["ln"] = item.line
            checked["file"] = item.file
            if latest is not None:
                for name in times:
                    at = checked[name]
                    if at is not None and (latest.ms is None or at > latest.ms):
                        latest.ms = at
            yield checked


def _without_forgotten(rows: Iterable[Row], fields: tuple[str, ...], forgotten: Tombstones,
                       stats: TableSummary) -> Iterator[Row]:
    """The rows naming no forgotten member in ``fields``; the others counted, not loaded."""
    for row in rows:
        if any(row[f] in forgotten for f in fields):
            stats.forgotten += 1
        else:
            yield row


def _count_loaded(stats: TableSummary, batch: list[Row], progress: Progress | None) -> None:
    to_themselves = sum(row["s"] == row["t"] for row in batch) if stats.table in EDGE_COLUMNS else 0
    with _COUNTING:
        stats.loaded += len(batch)
        stats.without_tie += to_themselves
    if progress:
        progress(stats.table, len(batch))


def _write_batch(connection, table: str, community: str, batch: list[Row], create: bool, stats: TableSummary,
                 summary: LoadSummary, rejects: RejectFile, known: dict[str, int],
                 progress: Progress | None, drop_names: bool = False) -> None:
    """Write one batch (in the writer thread); attendance of unknown events is rejected.

    ``create``: a batch of a table in CREATED_WHEN_FRESH none of whose nodes or keys is in the
    graph or earlier in the load, CREATEd (about 2.5 times cheaper than MERGE for relationships).
    """
    if table == "attendance":
        known_events = set(connection.read("load_events_known", community=community,
                                    ids=sorted({r["e"] for r in batch}))[0]["known"])
        for row in batch:
            if row["e"] not in known_events:
                rejects.add(Reject(row["file"], row["ln"], "event_id",
                                   f"unknown event {row['e']!r} (not in events and not in the graph)"), stats)
        batch = [r for r in batch if r["e"] in known_events]
    endpoints = EDGE_ENDPOINTS.get(table)
    if endpoints:
        ids = sorted({row[column] for column in endpoints for row in batch}.difference(known))
        if ids:
            nodes, created = connection.write_with_counters("load_endpoints", community=community, ids=ids)
            with _COUNTING:
                summary.outsiders_created += created.nodes_created
            known.update((r["id"], r["node"]) for r in nodes)
    if table in EDGE_COLUMNS:
        columns = {"s": [known[row["s"]] for row in batch], "t": [known[row["t"]] for row in batch]}
        columns.update((c, [row[c] for row in batch]) for c in EDGE_COLUMNS[table])
        query = f"load_new_{table}" if create else f"load_{table}"
        counters = connection.write_counters(query, **columns)
    else:
        payload = [{k: v for k, v in row.items() if k not in ("ln", "file")} for row in batch]
        query = f"load_new_{table}" if create else f"load_{table}"
        names = {"drop_names": drop_names} if query == "load_members" else {}
        nodes, counters = connection.write_with_counters(query, community=community, rows=payload, **names)
        if table == "members":
            known.update((r["id"], r["node"]) for r in nodes)
    with _COUNTING:
        stats.nodes_created += counters.nodes_created
        stats.relationships_created += counters.relationships_created
    _count_loaded(stats, batch, progress)
