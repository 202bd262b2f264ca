"""The one seam between graphmodel and Neo4j.

``Connection`` owns the driver (and, made on demand for notebook users, a
``graphdatascience`` client on it). Every query passes through it, by name (a file in
``graphmodel/graph/cypher``) or, for ad-hoc analyst Cypher, as text in a read
transaction; every transaction carries metadata naming the query, so a DBA sees who ran
what in ``SHOW TRANSACTIONS`` and the query log.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import neo4j
from neo4j import GraphDatabase, unit_of_work
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable, SessionExpired

from graphmodel import __version__
from graphmodel.core.config import Settings
from graphmodel.core.errors import (
    AuthenticationFailed,
    ConnectionFailed,
    IncompatibleServer,
)
from graphmodel.graph import cypher
from graphmodel.graph.database import ServerInfo, WriteCounters
from graphmodel.server.versions import MIN_GDS, MIN_NEO4J, parse_version

APP = "graphmodel"
Echo = Callable[[str], None]


def _counters(summary: neo4j.ResultSummary) -> WriteCounters:
    c = summary.counters
    return WriteCounters(c.nodes_created, c.nodes_deleted, c.relationships_created,
                         c.relationships_deleted, c.properties_set)


def _metadata(name: str, kind: str) -> dict[str, str]:
    return {"app": APP, "type": kind, "query": name, "version": __version__}


# seconds before a transaction that failed transiently (a deadlock between two writers, most
# often) is retried, doubling after each try; the driver's default of 1 s stalled a writer
# thread of the analysis's write-back for a second each time
RETRY_FIRST_DELAY = 0.05


class Connection:
    """A Neo4j database reached through Bolt, with GDS on it."""

    def __init__(self, uri: str, auth: tuple[str, str], database: str,
                 *, password_hint: str = "NEO4J_PASSWORD", retry_seconds: float = 30.0) -> None:
        self.uri = uri
        self.database = database
        self.username = auth[0]
        self._password_hint = password_hint
        self._driver = GraphDatabase.driver(
            uri, auth=auth, user_agent=f"{APP}/{__version__}", notifications_min_severity="OFF",
            max_transaction_retry_time=retry_seconds, initial_retry_delay=RETRY_FIRST_DELAY,
        )
        self._gds: Any = None
        self._info: ServerInfo | None = None
        # set when the server stopped answering: the next query checks it is back before
        # it starts (and fails at once if not) instead of retrying for retry_seconds
        self._lost = False

    @classmethod
    def from_settings(cls, settings: Settings, echo: Echo = lambda _: None,
                      start_local: bool = True) -> Connection:
        """Connect to NEO4J_URI when set, else to the local server (started on demand)."""
        if settings.uri:
            if settings.password is None:
                raise AuthenticationFailed(
                    f"NEO4J_URI is set ({settings.uri}) but NEO4J_PASSWORD is not; set it "
                    "(or --password) to the password of NEO4J_USERNAME."
                )
            connection = cls(settings.uri, (settings.username, settings.password),
                             settings.database, retry_seconds=settings.retry_seconds)
        else:
            from graphmodel.server import LocalServer

            server = LocalServer.from_settings(settings)
            if not server.is_running():
                if not start_local:
                    raise ConnectionFailed(
                        "the local server is not running; start it with `graphmodel server start`"
                    )
                echo("No NEO4J_URI set and the local server is not running: starting it.")
                server.start(echo)
            connection = cls(server.uri, (server.username, server.password()),
                             settings.database,
                             password_hint=f"the password file {server.password_file}",
                             retry_seconds=settings.retry_seconds)
        try:
            connection.check_server()
        except BaseException:
            connection.close()
            raise
        return connection

    # lifecycle -------------------------------------------------------------
    def close(self) -> None:
        if self._gds is not None:
            self._gds.close()
            self._gds = None
        self._driver.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def encrypted(self) -> bool:
        """Whether Bolt traffic is encrypted (TLS)."""
        return bool(self._driver.encrypted)

    def graph_data_science(self) -> Any:
        """A ``graphdatascience.GraphDataScience`` client on this connection (for notebooks:
        ``GraphModel.projection`` hands its graphs out as that client's ``Graph`` objects)."""
        if self._gds is None:
            from graphdatascience import GraphDataScience

            self._gds = GraphDataScience(self._driver, database=self.database, arrow=False,
                                         show_progress=False)
        return self._gds

    # checks ----------------------------------------------------------------
    def check_server(self) -> ServerInfo:
        """Reach the server, check the credentials and the Neo4j and GDS versions."""
        try:
            self._driver.verify_connectivity()
            records = self._run_read(
                "server_components",
                "CALL dbms.components() YIELD name, versions, edition "
                "RETURN versions[0] AS version, edition",
                {},
            )
        except AuthError as exc:
            raise AuthenticationFailed(
                f"Neo4j at {self.uri} rejected the credentials of user {self.username!r}; "
                f"check {self._password_hint}."
            ) from exc
        except (ServiceUnavailable, OSError) as exc:
            raise ConnectionFailed(f"cannot reach Neo4j at {self.uri}: {exc}") from exc
        neo4j_version, edition = records[0]["version"], records[0]["edition"]
        if parse_version(neo4j_version) < MIN_NEO4J:
            raise IncompatibleServer(
                f"Neo4j {neo4j_version} at {self.uri} is too old; graphmodel needs "
                f"{'.'.join(map(str, MIN_NEO4J))} or newer."
            )
        try:
            gds_version = self._run_read("gds_version", "RETURN gds.version() AS v", {})[0]["v"]
        except ClientError as exc:
            raise IncompatibleServer(
                f"the Graph Data Science plugin is not installed on {self.uri} "
                f"(gds.version() failed: {exc.message}). Install GDS "
                f"{'.'.join(map(str, MIN_GDS))}+ or use the local server (unset NEO4J_URI)."
            ) from exc
        if parse_version(gds_version) < MIN_GDS:
            raise IncompatibleServer(
                f"GDS {gds_version} at {self.uri} is too old; graphmodel needs "
                f"{'.'.join(map(str, MIN_GDS))} or newer."
            )
        self._info = ServerInfo(neo4j_version, edition, gds_version)
        return self._info

    @property
    def info(self) -> ServerInfo:
        return self._info or self.check_server()

    # queries ---------------------------------------------------------------
    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named query in a read transaction; rows as dicts."""
        return self._run_read(name, cypher.text(name), params)

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named query in a write transaction; rows as dicts."""
        return self._run_write(name, cypher.text(name), params)[0]

    def write_counters(self, name: str, **params: Any) -> WriteCounters:
        """Run the named query in a write transaction; what it changed."""
        return self._run_write(name, cypher.text(name), params)[1]

    def write_with_counters(self, name: str, **params: Any) -> tuple[list[dict[str, Any]], WriteCounters]:
        """Run the named query in a write transaction; its rows and what it changed."""
        return self._run_write(name, cypher.text(name), params)

    def write_batches(self, name: str, rows: Sequence[dict[str, Any]] | Iterable[dict[str, Any]],
                      batch_size: int = 10_000, on_batch: Callable[[int], None] | None = None,
                      **params: Any) -> WriteCounters:
        """UNWIND ``$rows`` through the named query in batches, one transaction each.

        Each batch is a managed transaction, so transient errors are retried by the
        driver; named queries use MERGE, so a retried or repeated batch is harmless.
        """
        text = cypher.text(name)
        total = WriteCounters()
        for batch in batches(rows, batch_size):
            total = total + self._run_write(name, text, {**params, "rows": batch})[1]
            if on_batch is not None:
                on_batch(len(batch))
        return total

    def write_columns(self, name: str, columns: Mapping[str, Sequence[Any]], batch_size: int = 10_000,
                      **params: Any) -> WriteCounters:
        """Run the named query over ``columns`` (equal-length lists) in slices, one transaction each.

        The query reads row ``i`` as ``$column[i]`` for ``i`` in ``range(0, size($node) - 1)``
        (or its first column): lists of values are much cheaper to send than a map per row.
        """
        text = cypher.text(name)
        length = len(next(iter(columns.values()), []))
        total = WriteCounters()
        for start in range(0, length, batch_size):
            batch = {key: values[start:start + batch_size] for key, values in columns.items()}
            total = total + self._run_write(name, text, {**params, **batch})[1]
        return total

    def read_text(self, text: str, params: dict[str, Any] | None = None, *,
                  name: str = "adhoc", timeout: float | None = None,
                  limit: int | None = None) -> tuple[list[str], list[dict[str, Any]], bool]:
        """Ad-hoc Cypher in a read transaction: (columns, rows, truncated)."""

        @unit_of_work(metadata=_metadata(name, "adhoc"), timeout=timeout)
        def work(tx: neo4j.ManagedTransaction):
            result = tx.run(text, params or {})
            columns = list(result.keys())
            rows: list[dict[str, Any]] = []
            truncated = False
            for record in result:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(record.data())
            return columns, rows, truncated

        with self._session(default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def _run_read(self, name: str, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        sent = _sent(params)

        @unit_of_work(metadata=_metadata(name, "read"))
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return _rows(tx.run(text, sent))

        try:
            with self._session() as session:
                return session.execute_read(work)
        finally:
            _emptied(sent)

    def _run_write(self, name: str, text: str,
                   params: dict[str, Any]) -> tuple[list[dict[str, Any]], WriteCounters]:
        sent = _sent(params)

        @unit_of_work(metadata=_metadata(name, "write"))
        def work(tx: neo4j.ManagedTransaction):
            result = tx.run(text, sent)
            rows = _rows(result)
            return rows, _counters(result.consume())

        try:
            with self._session() as session:
                return session.execute_write(work)
        finally:
            _emptied(sent)

    def run_statements(self, name: str, statements: Sequence[str]) -> None:
        """Run each statement in its own auto-commit transaction (schema commands)."""
        with self._session() as session:
            for text in statements:
                session.run(neo4j.Query(text, metadata=_metadata(name, "auto"))).consume()

    def run_auto(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run the named query in an auto-commit transaction.

        Only for what cannot run in a managed transaction: schema commands mixed
        with ``CALL {} IN TRANSACTIONS`` and long GDS procedures.
        """
        query = neo4j.Query(cypher.text(name), metadata=_metadata(name, "auto"))
        with self._session() as session:
            return _rows(session.run(query, params))

    @contextlib.contextmanager
    def _session(self, **config: Any) -> Iterator[neo4j.Session]:
        """A driver session; once the server was lost, first a quick check that it is back."""
        try:
            if self._lost:
                self._driver.verify_connectivity()
                self._lost = False
            with self._driver.session(database=self.database, **config) as session:
                yield session
        except (ServiceUnavailable, SessionExpired):
            self._lost = True
            raise


def _sent(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters as sent: each list a copy of the caller's (a copy of its references).

    The driver keeps a transaction's parameters in its result and summary, which sit in a
    reference cycle that only the garbage collector frees, and a load or a write-back sends a
    batch of ten thousand rows in them; ``_emptied`` empties the copies once the transaction is
    over (retries included), so a batch is freed when its transaction ends, whenever the
    collector runs, and the caller's lists are left as they were."""
    return {key: list(value) if isinstance(value, list) else value for key, value in params.items()}


def _emptied(sent: dict[str, Any]) -> None:
    for value in sent.values():
        if isinstance(value, list):
            value.clear()


def _rows(result: Iterable[neo4j.Record]) -> list[dict[str, Any]]:
    """Records as dicts, values as the driver gives them. (``Record.data()`` would copy
    every list element by element to turn nodes into dicts; named queries return no
    nodes, and their lists can hold millions of values.)"""
    return [dict(record.items()) for record in result]


def batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Rows in lists of ``size`` (the last one shorter)."""
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
