"""Shared steps of the benchmarks: generated communities and a connection."""

from __future__ import annotations

import uuid
from functools import cache
from pathlib import Path

from bench.measure import Measured, run_cli

CYPHER = Path(__file__).parent / "cypher"


def generate(directory: Path, members: int, seed: int = 7) -> Measured:
    if (directory / "members.csv").exists():
        return Measured(0.0, None, "reused")
    return run_cli("generate", str(directory), "--members", str(members), "--seed", str(seed))


def community_id(prefix: str) -> str:
    return f"bench-{prefix}-{uuid.uuid4().hex[:8]}"


@cache
def connection():
    from graphmodel.core.config import load_settings
    from graphmodel.graph.connection import Connection
    from graphmodel.graph.schema import init_schema

    conn = Connection.from_settings(load_settings())
    init_schema(conn)
    return conn


@cache
def driver():
    """A plain driver for the baselines' own queries (what a hand-written loader would use)."""
    from neo4j import GraphDatabase

    from graphmodel.core.config import load_settings
    from graphmodel.server import LocalServer

    settings = load_settings()
    if settings.uses_local_server:
        server = LocalServer.from_settings(settings)
        return GraphDatabase.driver(server.uri, auth=(server.username, server.password()))
    return GraphDatabase.driver(settings.uri, auth=(settings.username, settings.password))


def server_pid() -> int | None:
    from graphmodel.core.config import load_settings
    from graphmodel.server import LocalServer

    settings = load_settings()
    if not settings.uses_local_server:
        return None
    return LocalServer.from_settings(settings).pid()


def server_import_dir() -> Path | None:
    """The local server's import directory (LOAD CSV reads from there), or None when remote."""
    from graphmodel.core.config import load_settings

    settings = load_settings()
    return settings.home / "import" if settings.uses_local_server else None


def bench_query(name: str) -> str:
    return (CYPHER / f"{name}.cypher").read_text(encoding="utf-8")


def read(name: str, **params) -> list[dict]:
    _, rows, _ = connection().read_text(bench_query(name), params, name=f"bench.{name}")
    return rows


def write(name: str, **params) -> None:
    import neo4j

    with driver().session(database=connection().database) as session:
        session.run(neo4j.Query(bench_query(name), metadata={"app": "graphmodel-bench", "query": name}),
                    params).consume()


def delete(community: str) -> None:
    from graphmodel.graph.community import delete_community

    delete_community(connection(), community)
