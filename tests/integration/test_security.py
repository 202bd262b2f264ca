"""Access and secrets: auth is on, TLS schemes are honoured, no secret leaks."""

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graphmodel.cli import cli
from graphmodel.connection import Connection


def test_the_local_server_refuses_anonymous_and_default_logins(local_server):
    if local_server is None:
        pytest.skip("NEO4J_URI is set")
    for auth in (None, ("neo4j", "neo4j"), ("neo4j", "")):
        with GraphDatabase.driver(local_server.uri, auth=auth) as driver:
            with pytest.raises((AuthError, ValueError)):
                driver.verify_connectivity()


@pytest.mark.parametrize("scheme", ["neo4j+s", "bolt+s", "neo4j+ssc", "bolt+ssc"])
def test_tls_schemes_are_honoured(scheme):
    connection = Connection(f"{scheme}://127.0.0.1:1", ("neo4j", "x"), "neo4j")
    with connection:
        assert connection.driver.encrypted is True


def test_plain_scheme_is_not_encrypted():
    with Connection("bolt://127.0.0.1:1", ("neo4j", "x"), "neo4j") as connection:
        assert connection.driver.encrypted is False


def test_a_wrong_password_from_the_environment_is_never_echoed(local_server, connection):
    marker = "Wr0ng-S3cret-Marker"
    result = CliRunner().invoke(cli, ["init"], env={"NEO4J_URI": connection.uri,
                                                    "NEO4J_PASSWORD": marker})
    assert result.exit_code == 2
    assert "rejected the credentials" in result.output and "NEO4J_PASSWORD" in result.output
    assert marker not in result.output


def test_uri_without_password_says_which_variable_is_missing(connection):
    result = CliRunner().invoke(cli, ["init"], env={"NEO4J_URI": connection.uri, "NEO4J_PASSWORD": ""})
    assert result.exit_code == 2 and "NEO4J_PASSWORD is not" in result.output


def test_the_password_appears_in_no_file_but_its_own(local_server, connection):
    if local_server is None:
        pytest.skip("NEO4J_URI is set")
    CliRunner().invoke(cli, ["server", "status"])
    password = local_server.password().encode()
    leaks = []
    for path in local_server.home.rglob("*"):
        if path == local_server.password_file or not path.is_file() or path.is_symlink():
            continue
        if path.suffix in (".jar",) or "data" in path.relative_to(local_server.home).parts[:1]:
            continue  # the store files hold only the salted hash
        if path.stat().st_size < 50_000_000 and password in path.read_bytes():
            leaks.append(str(path))
    assert not leaks, f"password found in {leaks}"
