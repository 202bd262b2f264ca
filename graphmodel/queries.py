"""Analyst queries: the named catalogue and safe ad-hoc Cypher.

Both run in read transactions (the server rejects any write), behind an allow-list of
procedures, functions and commands checked before the text is sent
(``graphmodel.core.cypher_guard``: no GDS catalogue or algorithms, no dbms.*, no
administration), with a row limit (at most ``MAX_LIMIT``: the rows are held in memory) and a
transaction timeout graphmodel always sets (at most ``MAX_TIMEOUT``, never none, whatever the
server's own ``db.transaction.timeout``); values reach the server only as parameters.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from neo4j.exceptions import ClientError

from graphmodel.core.cypher_guard import check_analyst_cypher
from graphmodel.core.errors import QueryFailed, QueryNotFound, QueryParameterError
from graphmodel.core.tables import Rows
from graphmodel.graph import cypher
from graphmodel.graph.database import Database

if TYPE_CHECKING:
    import pandas

PREFIX = "query_"
DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 60.0
MAX_LIMIT = 100_000  # rows: what a query returns is held in memory, by graphmodel and by the caller
MAX_TIMEOUT = 3600.0  # seconds


@dataclass(frozen=True)
class QueryResult:
    name: str
    columns: list[str]
    rows: Rows[dict[str, Any]]
    truncated: bool

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a DataFrame with the query's columns."""
        return Rows(self.rows, self.columns).to_pandas()


def catalogue() -> list[cypher.NamedQuery]:
    """The analysts' named queries (files ``query_<name>.cypher``)."""
    return [cypher.load(n) for n in cypher.names() if n.startswith(PREFIX)]


def public_name(query: cypher.NamedQuery) -> str:
    return query.name.removeprefix(PREFIX)


def named(name: str) -> cypher.NamedQuery:
    try:
        return cypher.load(PREFIX + name)
    except QueryNotFound:
        raise QueryNotFound(
            f"no named query {name!r}; `graphmodel query --list` shows the catalogue"
        ) from None


def convert(value: Any, kind: str, name: str) -> Any:
    """A parameter value as the declared type: strings (from the command line) are parsed,
    other Python values are checked."""
    if not isinstance(value, str):
        return _checked(value, kind, name)
    try:
        if kind == "string":
            return value
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            lowered = value.strip().lower()
            if lowered not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError("expected true or false")
            return lowered in ("true", "1", "yes")
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "datetime":
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed
        if kind == "list":
            return [item.strip() for item in value.split(",") if item.strip()]
        if kind in ("json", "map"):
            return json.loads(value)
    except (ValueError, json.JSONDecodeError) as exc:
        raise QueryParameterError(f"parameter {name!r}: {value!r} is not a {kind} ({exc})") from exc
    raise QueryParameterError(f"parameter {name!r}: unknown type {kind!r}")


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "int": (int,), "float": (int, float), "bool": (bool,), "date": (date,), "datetime": (datetime,),
    "list": (list, tuple), "json": (dict, list, int, float, bool, str), "map": (dict,)}


def _checked(value: Any, kind: str, name: str) -> Any:
    allowed = _PYTHON_TYPES.get(kind)
    if allowed is None:
        raise QueryParameterError(f"parameter {name!r}: {value!r} is not a {kind}")
    if not isinstance(value, allowed) or (kind in ("int", "float") and isinstance(value, bool)):
        raise QueryParameterError(f"parameter {name!r}: {value!r} is not a {kind}")
    return list(value) if isinstance(value, (list, tuple)) and kind == "list" else value


def parse_assignments(assignments: Sequence[str]) -> dict[str, tuple[str | None, str]]:
    """``["k=v", "n:int=5"]`` -> ``{"k": (None, "v"), "n": ("int", "5")}``."""
    parsed: dict[str, tuple[str | None, str]] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise QueryParameterError(f"--param {item!r}: write key=value (or key:type=value)")
        key, _, kind = key.partition(":")
        if not key.isidentifier():
            raise QueryParameterError(f"--param {item!r}: {key!r} is not a parameter name")
        parsed[key] = (kind or None, value)
    return parsed


def bind(query: cypher.NamedQuery, given: Mapping[str, Any]) -> dict[str, Any]:
    """Typed parameter values for a named query, defaults filled in (``given``: strings from
    the command line, or Python values)."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryParameterError(
            f"query {public_name(query)!r} has no parameter {', '.join(unknown)}; "
            f"it takes: {', '.join(declared) or 'none'}"
        )
    values: dict[str, Any] = {}
    for param in query.params:
        if param.name in given:
            values[param.name] = convert(given[param.name], param.type, param.name)
        elif param.default is not None:
            values[param.name] = convert(param.default, param.type, param.name)
        else:
            raise QueryParameterError(
                f"query {public_name(query)!r} needs the parameter {param.name} ({param.description})"
            )
    return values


def typed_assignments(assignments: Sequence[str]) -> dict[str, Any]:
    """Ad-hoc ``key[:type]=value`` assignments as typed values (untyped ones are strings)."""
    return {key: convert(value, kind or "string", key)
            for key, (kind, value) in parse_assignments(assignments).items()}


def run_named(connection: Database, name: str, params: Mapping[str, Any],
              limit: int = DEFAULT_LIMIT, timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run a catalogue query in a read transaction."""
    query = named(name)
    return _read(connection, query.text, bind(query, params), public_name(query), limit, timeout)


def run_adhoc(connection: Database, text: str, params: Mapping[str, Any],
              limit: int = DEFAULT_LIMIT, timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run analyst Cypher in a read transaction: the server rejects writes."""
    return _read(connection, text, dict(params), "adhoc", limit, timeout)


def _read(connection: Database, text: str, params: dict[str, Any], name: str,
          limit: int, timeout: float) -> QueryResult:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise QueryParameterError(f"{name}: the row limit must be a whole number from 1 to {MAX_LIMIT:,}; "
                                  f"got {limit!r}")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= MAX_TIMEOUT:
        raise QueryParameterError(f"{name}: the timeout must be more than 0 and at most {MAX_TIMEOUT:g} "
                                  f"seconds (a query always has one); got {timeout!r}")
    check_analyst_cypher(text)
    try:
        columns, rows, truncated = connection.read_text(
            text, params, name=name, timeout=timeout, limit=limit
        )
    except ClientError as exc:
        code = exc.code or ""
        if "AccessMode" in code or "ForbiddenDueToTransactionType" in code:
            reason = "queries run in a read transaction and may not write"
        elif "TimedOut" in code or "Timeout" in code:
            reason = f"the query ran past its {timeout:g} s timeout (--timeout)"
        else:
            reason = exc.message or code
        raise QueryFailed(f"{name}: the server refused the query: {reason} [{code}]") from exc
    return QueryResult(name, columns, Rows(rows), truncated)
