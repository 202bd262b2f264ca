"""The local server's errors that need no running server."""

import os
import socket
import stat

import pytest

from graphmodel.core.errors import JavaNotFound, MavenError, PortInUse
from graphmodel.server import LocalServer, assembly
from graphmodel.server.local import GROUPING_THRESHOLD, java_executable, port_is_free


def test_missing_java_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    with pytest.raises(JavaNotFound, match="Install a JDK"):
        java_executable()


def test_old_java_is_refused(monkeypatch, tmp_path):
    fake = tmp_path / "jdk" / "bin" / "java"
    fake.parent.mkdir(parents=True)
    fake.write_text('#!/bin/sh\necho \'openjdk version "11.0.2" 2019-01-15\' >&2\n')
    fake.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    with pytest.raises(JavaNotFound, match="Java 11"):
        java_executable()


def test_missing_maven_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MavenError, match="apt-get install maven"):
        assembly.assemble(tmp_path / "home")


def test_failed_maven_resolution_shows_mavens_output(monkeypatch, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    mvn = bin_dir / "mvn"
    mvn.write_text("#!/bin/sh\necho '[ERROR] Could not resolve dependencies for project x'\nexit 1\n")
    mvn.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(MavenError) as info:
        assembly.assemble(tmp_path / "home")
    assert "Could not resolve dependencies" in str(info.value)
    assert "Maven Central is reachable" in str(info.value)
    assert not assembly.is_assembled(tmp_path / "home")


def test_taken_port_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert not port_is_free(port)
        server = LocalServer(tmp_path, bolt_port=port)
        with pytest.raises(PortInUse, match=f"port {port} .* in use.*GRAPHMODEL_BOLT_PORT"):
            server.start()


def test_password_file_is_private_and_holds_the_password_alone(tmp_path):
    server = LocalServer(tmp_path)
    password = server.password()
    mode = stat.S_IMODE(os.stat(server.password_file).st_mode)
    assert mode == 0o600
    assert server.password_file.read_text() == password
    assert len(password) >= 24
    assert server.password() == password  # stable


def test_missing_password_file_with_existing_database_is_refused(tmp_path):
    server = LocalServer(tmp_path)
    server.data_dir.mkdir(parents=True)
    (server.data_dir / ".graphmodel-password-set").write_text("")
    with pytest.raises(Exception, match="password file .* is missing"):
        server.password()


def test_conf_binds_loopback_only_with_auth(tmp_path):
    server = LocalServer(tmp_path, bolt_port=7999)
    server._write_conf(tmp_path / "assembly")
    conf = (tmp_path / "conf" / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "server.bolt.listen_address=127.0.0.1:7999" in conf
    assert "server.http.enabled=false" in conf
    assert "dbms.security.auth_enabled=true" in conf
    assert "0.0.0.0" not in conf


def test_conf_groups_the_relationships_of_members(tmp_path):
    server = LocalServer(tmp_path)
    server._write_conf(tmp_path / "assembly")
    conf = (tmp_path / "conf" / "neo4j.conf").read_text()
    assert f"db.relationship_grouping_threshold={GROUPING_THRESHOLD}\n" in conf
    assert GROUPING_THRESHOLD < 50  # below Neo4j's default, or it changes nothing
