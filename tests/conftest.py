"""Shared fixtures.

Integration tests (tests/integration) run against one real Neo4j + GDS server
for the whole session: NEO4J_URI when set, else the local server under
GRAPHMODEL_HOME (started here if it is not running, and stopped again after).
Each test gets its own community id and everything it wrote is removed after.
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/integration" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def settings():
    from graphmodel.core.config import load_settings

    return load_settings()


@pytest.fixture(scope="session")
def local_server(settings):
    """The session's local server, or None when NEO4J_URI points elsewhere."""
    if not settings.uses_local_server:
        yield None
        return
    from graphmodel.server import LocalServer

    server = LocalServer.from_settings(settings)
    started_here = not server.is_running()
    if started_here:
        server.start(print)
    yield server
    if started_here:
        server.stop()


def _test_connection_class():
    from graphmodel.graph.connection import Connection

    class TestConnection(Connection):
        """The library's connection, with its driver at hand for the tests' own setup queries
        (the library itself never hands the driver out)."""

        @property
        def driver(self):
            return self._driver

    return TestConnection


@pytest.fixture(scope="session")
def connection(settings, local_server):
    from graphmodel.graph.schema import init_schema

    with _test_connection_class().from_settings(settings) as conn:
        init_schema(conn)
        yield conn


@pytest.fixture()
def workspace(connection):
    """What job steps and the demo work with, on the session's connection (default options)."""
    from graphmodel.jobs import Workspace

    return Workspace(connection)


@pytest.fixture()
def community(connection):
    """A fresh community id; its nodes and GDS graphs are removed after the test."""
    community_id = f"test-{uuid.uuid4().hex[:12]}"
    yield community_id
    connection.run_auto("community_delete", community=community_id)
    for row in connection.read_text("CALL gds.graph.list() YIELD graphName RETURN graphName")[1]:
        if row["graphName"].startswith(community_id) or community_id in row["graphName"]:
            connection.read_text(
                "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName",
                {"name": row["graphName"]},
            )


@pytest.fixture()
def cli_env(settings, local_server, tmp_path) -> dict[str, str]:
    """Environment for CliRunner so the CLI reaches the session's server."""
    env = {"GRAPHMODEL_CONFIG": str(tmp_path / "no-config.toml")}
    return env


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the repository (real data sets; never committed)."""
    root = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    if not root.is_dir():
        pytest.skip(f"shared data sets not found at {root}")
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def second_server(local_server, settings, tmp_path):
    """A second local server in a temporary home, sharing the session's assembly."""
    if local_server is None:
        pytest.skip("NEO4J_URI is set: the local server is not in use")
    from graphmodel.server import LocalServer, assembly

    home = tmp_path / "home"
    home.mkdir()
    shared = assembly.assembly_dir(settings.home)
    os.symlink(shared, assembly.assembly_dir(home))
    server = LocalServer(home, bolt_port=free_port(), heap="1g", pagecache="128m")
    yield server
    server.stop()
