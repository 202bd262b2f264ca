"""Access and secrets: auth is on, TLS schemes are honoured, no secret leaks."""

import pytest
from click.testing import CliRunner
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graphmodel.cli import cli
from graphmodel.graph.connection import Connection


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
        assert connection.encrypted is True


def test_plain_scheme_is_not_encrypted():
    with Connection("bolt://127.0.0.1:1", ("neo4j", "x"), "neo4j") as connection:
        assert connection.encrypted is False


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


def test_no_secret_in_job_logs_reports_or_rejects(settings, local_server, connection, community, tmp_path):
    """A full job (a load with a bad row, analysis, report) with the password in the
    environment and debugging on: the password is in none of its output, its JSON log,
    the report or the reject file."""
    from graphmodel.generate.community import GeneratorOptions, generate_community

    password = settings.password or local_server.password()
    export = tmp_path / "export"
    generate_community(export, GeneratorOptions(members=150, seed=2))
    with open(export / "members.csv", "a", encoding="utf-8") as handle:
        handle.write("bad,Bad Row,not-a-date,,,\n")
    job = tmp_path / "job.toml"
    job.write_text(f'[job]\nname = "secrets"\ncommunity = "{community}"\n\n'
                   '[[steps]]\nkind = "load_csv"\npath = "export"\nrejects = "rejects.csv"\n\n'
                   '[[steps]]\nkind = "analyze"\n\n'
                   '[[steps]]\nkind = "report"\nformat = "html"\noutput = "report.html"\n',
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["job", "run", str(job), "--log-json"],
                                env={"NEO4J_URI": connection.uri, "NEO4J_USERNAME": connection.username,
                                     "NEO4J_PASSWORD": password, "GRAPHMODEL_DEBUG": "1"})
    assert result.exit_code == 1 and "rejected" in result.output, result.output  # the bad row
    assert password not in result.output and password not in result.stderr
    assert (tmp_path / "report.html").is_file()
    assert (tmp_path / "rejects.csv").is_file()
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "export" not in p.parts]
    assert len(written) >= 3  # job file, reject file, report
    for path in written:
        assert password not in path.read_text(encoding="utf-8", errors="replace"), path
