"""Analyst queries: the named catalogue and safe ad-hoc Cypher.

Both run in read transactions (the server rejects any write), with a row
limit and a timeout; values reach the server only as parameters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graphmodel.graph import cypher
from graphmodel.graph.connection import Connection
from neo4j.exceptions import ClientError

from graphmodel.core.errors import QueryFailed, QueryNotFound, QueryParameterError

PREFIX = "query_"
DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class QueryResult:
    name: str
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool


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


def convert(value: str, kind: str, name: str) -> Any:
    """A command-line string as the parameter's declared type."""
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


def parse_assignments(assignments: list[str]) -> dict[str, tuple[str | None, str]]:
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


def bind(query: cypher.NamedQuery, assignments: list[str]) -> dict[str, Any]:
    """Typed parameter values for a named query, defaults filled in."""
    given = parse_assignments(assignments)
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
            values[param.name] = convert(given[param.name][1], param.type, param.name)
        elif param.default is not None:
            values[param.name] = convert(param.default, param.type, param.name)
        else:
            raise QueryParameterError(
                f"query {public_name(query)!r} needs --param {param.name}=... ({param.description})"
            )
    return values


def run_named(connection: Connection, name: str, assignments: list[str],
              limit: int = DEFAULT_LIMIT, timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run a catalogue query in a read transaction."""
    query = named(name)
    params = bind(query, assignments)
    return _read(connection, query.text, params, public_name(query), limit, timeout)


def run_adhoc(connection: Connection, text: str, assignments: list[str],
              limit: int = DEFAULT_LIMIT, timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run analyst Cypher in a read transaction: the server rejects writes."""
    params = {
        key: convert(value, kind or "string", key)
        for key, (kind, value) in parse_assignments(assignments).items()
    }
    return _read(connection, text, params, "adhoc", limit, timeout)


def _read(connection: Connection, text: str, params: dict[str, Any], name: str,
          limit: int, timeout: float) -> QueryResult:
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
    return QueryResult(name, columns, rows, truncated)
