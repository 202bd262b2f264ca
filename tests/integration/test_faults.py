"""Faults: the server killed in the middle of a load and of an analysis.

Each test runs `graphmodel` as a separate process against a second local
server, kills that server (SIGKILL) while the command is working, checks the
command fails with a clear message, restarts the server, reruns, and compares
the graph with an uninterrupted run of the same command on the session's
server: same counts, same content checksum.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from graphmodel.analysis import AnalysisOptions, analyze
from graphmodel.generate.community import GeneratorOptions, generate_community
from graphmodel.graph.community import community_content
from graphmodel.graph.connection import Connection
from graphmodel.loaders import load_directory

MEMBERS = 6_000  # about 66,000 rows: a load of a few seconds on the test server
FAULTY = "faulty"
RETRY_SECONDS = 5  # the driver retries a lost server for this long before the command fails
SAMPLED = 2_000  # betweenness sampled (seeded) above this many nodes, to keep the test short


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    directory = tmp_path_factory.mktemp("faults") / "community"
    generate_community(directory, GeneratorOptions(members=MEMBERS, seed=3))
    return directory


def _command(server, *args: str, config: str = os.devnull) -> subprocess.Popen:
    inherited = {k: v for k, v in os.environ.items() if k != "GRAPHMODEL_DEBUG"}  # debug shows driver logs
    env = {**inherited, "NEO4J_URI": server.uri, "NEO4J_USERNAME": server.username,
           "NEO4J_PASSWORD": server.password(), "GRAPHMODEL_CONFIG": config,
           "GRAPHMODEL_RETRY_SECONDS": str(RETRY_SECONDS)}
    return subprocess.Popen([sys.executable, "-m", "graphmodel", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_when(server, process: subprocess.Popen, query: str, timeout: float = 120.0) -> None:
    """SIGKILL the server as soon as ``query`` (on the server) returns a true ``ready``."""
    with Connection(server.uri, (server.username, server.password()), "neo4j") as probe:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert process.poll() is None, "the command ended before the fault: make it bigger"
            [row] = probe._driver.execute_query(query, community=FAULTY).records
            if row["ready"]:
                os.kill(server.pid(), signal.SIGKILL)
                return
            time.sleep(0.05)
    raise AssertionError("the command never reached the point of the fault")


def _fails_clearly(server, process: subprocess.Popen) -> None:
    _out, err = process.communicate(timeout=180)
    assert process.returncode == 2, err
    assert err.startswith("Error: lost the connection to Neo4j"), err  # nothing else before it
    assert "rerun" in err and "Traceback" not in err
    assert server.password() not in err


def _connect(server) -> Connection:
    return Connection(server.uri, (server.username, server.password()), "neo4j")


def test_a_load_killed_with_its_server_reruns_to_the_same_graph(
        connection, community, second_server, generated, tmp_path):
    load_directory(connection, generated, community, reject_path=tmp_path / "r.csv")
    expected = community_content(connection, community)

    second_server.start()
    load = _command(second_server, "-q", "load", "csv", str(generated), "--community", FAULTY,
                    "--rejects", str(tmp_path / "rejects.csv"))
    _kill_when(second_server, load,
               "RETURN EXISTS { MATCH (:Member {community: $community})-[:INTERACTED]->() } AS ready")
    _fails_clearly(second_server, load)

    second_server.start()
    with _connect(second_server) as conn:
        outsiders_before = _outsiders(conn)
    again = _command(second_server, "-q", "load", "csv", str(generated), "--community", FAULTY,
                     "--rejects", str(tmp_path / "rejects.csv"), "--format", "json")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    with _connect(second_server) as conn:
        found = community_content(conn, FAULTY)
        assert found == expected, expected.differences(found)
        # the rerun's summary counts the outsiders it created, not those the killed load made
        assert json.loads(out)["outsiders_created"] == _outsiders(conn) - outsiders_before


def _outsiders(connection) -> int:
    return connection.read_text("MATCH (m:Member:Outsider {community: $c}) RETURN count(m) AS n",
                                {"c": FAULTY})[1][0]["n"]


def test_an_analysis_killed_with_its_server_reruns_to_the_same_graph(
        connection, community, second_server, generated, tmp_path):
    load_directory(connection, generated, community, reject_path=tmp_path / "r.csv")
    options = AnalysisOptions(exact_betweenness_up_to=SAMPLED)
    config = tmp_path / "config.toml"
    config.write_text(f"[analysis]\nexact_betweenness_up_to = {SAMPLED}\n", encoding="utf-8")
    reference = analyze(connection, community, options)
    expected = community_content(connection, community, neutral=[reference.run.id])

    second_server.start()
    with _connect(second_server) as conn:
        load_directory(conn, generated, FAULTY, reject_path=tmp_path / "r.csv")
    analysis = _command(second_server, "-q", "analyze", "--community", FAULTY, config=str(config))
    # killed while it writes its results back: some members already carry the new run's figures
    _kill_when(second_server, analysis,
               "RETURN EXISTS { MATCH (a:AnalysisRun {community: $community, status: 'running'}) "
               "MATCH (m:Member {community: $community}) WHERE m.analysis_run = a.id } AS ready")
    _fails_clearly(second_server, analysis)

    second_server.start()
    with _connect(second_server) as conn:
        [unfinished] = conn.read("analysis_runs_unfinished", community=FAULTY)
        assert unfinished["status"] == "running"  # the record the killed process left
        rerun = analyze(conn, FAULTY, options)
        assert conn.read("analysis_runs_unfinished", community=FAULTY) == []
        found = community_content(conn, FAULTY, neutral=[rerun.run.id])
        assert found == expected, expected.differences(found)
