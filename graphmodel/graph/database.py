"""What the domain may do with the graph: the ``Database`` protocol.

The loaders, the analysis, fission, reports and history take a ``Database`` and
nothing else of Neo4j: every query is named (a file in ``graphmodel/graph/cypher``)
and takes values only as parameters. ``graphmodel.graph.connection.Connection``
implements it over the official driver; the driver itself never crosses this seam.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class ServerInfo:
    neo4j_version: str
    edition: str
    gds_version: str


@dataclass(frozen=True)
class WriteCounters:
    """What a write changed, as the server counted it."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def __add__(self, other: WriteCounters) -> WriteCounters:
        return WriteCounters(*(a + b for a, b in zip(self._values(), other._values())))

    def _values(self) -> tuple[int, ...]:
        return (self.nodes_created, self.nodes_deleted, self.relationships_created,
                self.relationships_deleted, self.properties_set)


class Database(Protocol):
    """The graph as the domain sees it."""

    @property
    def info(self) -> ServerInfo:
        """The server's Neo4j and GDS versions."""

    def read(self, name: str, **params: Any) -> Rows:
        """The named query in a read transaction; rows as dicts."""

    def write(self, name: str, **params: Any) -> Rows:
        """The named query in a write transaction; rows as dicts."""

    def write_counters(self, name: str, **params: Any) -> WriteCounters:
        """The named query in a write transaction; what it changed."""

    def write_with_counters(self, name: str, **params: Any) -> tuple[Rows, WriteCounters]:
        """The named query in a write transaction; its rows and what it changed."""

    def write_batches(self, name: str, rows: Iterable[dict[str, Any]], batch_size: int = ...,
                      on_batch: Callable[[int], None] | None = None, **params: Any) -> WriteCounters:
        """``$rows`` through the named query in batches, one transaction each."""

    def write_columns(self, name: str, columns: Mapping[str, Sequence[Any]], batch_size: int = ...,
                      **params: Any) -> WriteCounters:
        """Equal-length column lists through the named query in slices, one transaction each."""

    def run_statements(self, name: str, statements: Sequence[str]) -> None:
        """Each statement in its own auto-commit transaction (schema commands)."""

    def run_auto(self, name: str, **params: Any) -> Rows:
        """The named query in an auto-commit transaction: long GDS procedures, batched deletes."""

    def read_text(self, text: str, params: dict[str, Any] | None = None, *, name: str = ...,
                  timeout: float | None = None,
                  limit: int | None = None) -> tuple[list[str], Rows, bool]:
        """Ad-hoc Cypher in a read transaction: (columns, rows, truncated)."""
