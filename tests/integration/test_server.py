"""The local server against a real JVM: start, status, second start, stop."""

import os
import socket
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.core.errors import AuthenticationFailed
from graphmodel.graph.connection import Connection


def test_start_status_second_start_stop(second_server):
    messages = []
    status = second_server.start(messages.append)
    assert status.running and status.pid
    assert status.neo4j_version.startswith("5.26") and status.gds_version.startswith("2.13")
    assert status.uri == f"bolt://127.0.0.1:{second_server.bolt_port}"
    mode = stat.S_IMODE(os.stat(second_server.password_file).st_mode)
    assert mode == 0o600

    again = []
    second_server.start(again.append)
    assert any("already running" in m for m in again)

    # It listens on loopback only: the port answers on 127.0.0.1 ...
    with socket.create_connection(("127.0.0.1", second_server.bolt_port), timeout=2):
        pass
    # ... and the JVM's listening socket is bound to 127.0.0.1, not to every address.
    listening = Path("/proc/net/tcp").read_text().lower()
    port_hex = f"{second_server.bolt_port:04x}"
    assert f"0100007f:{port_hex}" in listening
    assert f"00000000:{port_hex}" not in listening

    assert second_server.stop() is True
    assert not second_server.status().running
    assert second_server.stop() is False


def test_wrong_password_is_a_clear_error(connection):
    wrong = Connection(connection.uri, (connection.username, "not-the-password"),
                       connection.database)
    with wrong, pytest.raises(AuthenticationFailed, match="rejected the credentials") as info:
        wrong.check_server()
    assert "not-the-password" not in str(info.value)


def test_cli_status_never_prints_the_password(local_server):
    if local_server is None:
        pytest.skip("NEO4J_URI is set")
    result = CliRunner().invoke(cli, ["server", "status"])
    assert result.exit_code == 0, result.output
    assert "running:       yes" in result.output
    assert str(local_server.password_file) in result.output
    assert local_server.password() not in result.output
    assert "gds:           2.13" in result.output


def test_cli_logs(local_server):
    if local_server is None:
        pytest.skip("NEO4J_URI is set")
    result = CliRunner().invoke(cli, ["server", "logs", "-n", "5"])
    assert result.exit_code == 0
    assert "neo4j.log" in result.output
