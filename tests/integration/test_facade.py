"""The library facade against the real server: what a notebook, a job and the CLI share."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

import graphmodel
from graphmodel.cli import cli
from graphmodel.core.config import load_settings
from graphmodel.core.errors import ConfigurationError, UnknownCommunity
from graphmodel.generate import GeneratorOptions, generate_community


@pytest.fixture(scope="module")
def small_export(tmp_path_factory):
    directory = tmp_path_factory.mktemp("facade") / "export"
    generate_community(directory, GeneratorOptions(members=400, seed=5))
    return directory


@pytest.fixture()
def gm(local_server, tmp_path):
    model = graphmodel.connect(config=tmp_path / "none.toml")
    yield model
    model.close()


def recorded_parameters(connection, run: str) -> dict:
    [row] = connection.read_text("MATCH (r:AnalysisRun {id: $run}) RETURN r.parameters AS p", {"run": run})[1]
    return json.loads(row["p"])


def test_the_notebook_path(gm, community, small_export, connection):
    summary = gm.load(small_export, community)
    assert summary.loaded > 400 and summary.rejected == 0
    result = gm.analyze(community)
    leaders = result.leaders.to_pandas()
    assert isinstance(leaders, pd.DataFrame) and len(leaders) == len(result.leaders) > 0
    assert {"member_id", "score", "evidence"} <= set(leaders.columns)
    assert len(result.circles.to_pandas()) == len(result.circles)
    assert set(result.member_roles.to_pandas().columns) == {"member_id", "inferred", "declared"}
    found = gm.query("circles", community=community)
    circles = found.to_pandas()
    assert list(circles.columns) == found.columns and len(circles) == len(found.rows) > 0
    assert len(gm.query("leaders", community=community, limit=2).rows) <= 2
    fission = gm.fission(community, period="week")
    assert fission.period == "week" and len(fission.top_cascades.to_pandas()) == len(fission.top_cascades)
    assert "<html" in str(gm.report(community, format="html")).lower()
    counted = gm.cypher("MATCH (m:Member {community: $c}) RETURN count(m) AS n", c=community).rows[0]["n"]
    assert counted == result.run.members + result.run.outsiders
    with gm.projection(community) as G:
        assert G.node_count() == counted
        assert len(gm.gds.page_rank.stream(G)) == counted
    left = connection.read_text("CALL gds.graph.list() YIELD graphName RETURN graphName")[1]
    assert not any(row["graphName"].startswith(f"gm-{community}") for row in left)


def test_keyword_options_override_the_config_for_one_call(gm, community, small_export):
    gm.load(small_export, community)
    run = gm.analyze(community, gamma=0.5, write=True).run
    assert recorded_parameters(gm.database, run.id)["gamma"] == 0.5
    with pytest.raises(ConfigurationError, match="unknown analysis option"):
        gm.analyze(community, gama=0.5)


def test_a_job_records_the_config_files_analysis_parameters(local_server, community, small_export, tmp_path,
                                                            connection):
    config = tmp_path / "config.toml"
    config.write_text("[analysis]\ngamma = 0.5\n\n[thresholds]\ndunbar_large = 120\n", encoding="utf-8")
    job = tmp_path / "job.toml"
    job.write_text(f'[job]\nname = "cfg"\ncommunity = "{community}"\n\n'
                   f'[[steps]]\nkind = "load_csv"\npath = "{small_export.as_posix()}"\n\n'
                   '[[steps]]\nkind = "analyze"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "--config", str(config), "job", "run", str(job)])
    assert result.exit_code == 0, result.output
    [run] = connection.read_text("MATCH (r:AnalysisRun {community: $c}) RETURN r.id AS id", {"c": community})[1]
    parameters = recorded_parameters(connection, run["id"])
    assert parameters["gamma"] == 0.5 and parameters["thresholds"]["dunbar_large"] == 120

    # the job file's own table replaces the config file's key for that job only
    job.write_text(job.read_text(encoding="utf-8") + "\n[analysis]\ngamma = 0.7\n", encoding="utf-8")
    model = graphmodel.GraphModel(load_settings({"config": config}))
    try:
        ran = model.run_job(job)
    finally:
        model.close()
    assert ran.exit_code == 0
    newest = connection.read_text("MATCH (r:AnalysisRun {community: $c}) RETURN r.parameters AS p "
                                  "ORDER BY r.started_at DESC LIMIT 1", {"c": community})[1][0]
    assert json.loads(newest["p"])["gamma"] == 0.7 and json.loads(newest["p"])["thresholds"]["dunbar_large"] == 120


def test_the_demo_and_the_command_take_the_config_too(local_server, community, small_export, tmp_path, connection):
    config = tmp_path / "config.toml"
    config.write_text("[analysis]\ngamma = 0.6\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["-q", "--config", str(config), "load", "csv", str(small_export),
                               "--community", community]).exit_code == 0
    done = runner.invoke(cli, ["-q", "--config", str(config), "analyze", "--community", community,
                               "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["run"]["parameters"]["gamma"] == 0.6


def test_a_typo_in_the_config_file_stops_every_caller(local_server, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[analysis]\ngama = 0.5\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"config.toml: \[analysis\] has no key 'gama'"):
        graphmodel.connect(config=config)
    result = CliRunner().invoke(cli, ["--config", str(config), "analyze", "--community", "x"])
    assert result.exit_code == 2 and "has no key 'gama'" in result.output
    with pytest.raises(ConfigurationError, match="has no key 'gama'"):
        graphmodel.run_job_file(tmp_path / "any.toml", config=config)


def test_an_unknown_community_exits_1_from_the_cli_and_from_a_job(local_server, tmp_path, gm):
    missing = "test-no-such-community"
    with pytest.raises(UnknownCommunity):
        gm.analyze(missing)
    result = CliRunner().invoke(cli, ["-q", "analyze", "--community", missing])
    assert result.exit_code == 1, result.output
    job = tmp_path / "job.toml"
    job.write_text(f'[job]\nname = "x"\ncommunity = "{missing}"\n\n[[steps]]\nkind = "analyze"\n', encoding="utf-8")
    ran = CliRunner().invoke(cli, ["-q", "job", "run", str(job)])
    assert ran.exit_code == 1, ran.output
    assert gm.run_job(job).exit_code == 1
