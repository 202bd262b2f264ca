"""Loads, analyses and fission runs of one community take its lock: they never interleave,
and a run that finds the community busy waits (--lock-wait) or is refused with a clear message."""

import threading
import time

import pytest
from click.testing import CliRunner

from graphmodel.analysis.projection import graph_size
from graphmodel.cli import cli
from graphmodel.core.errors import LockTimeout
from graphmodel.facade import GraphModel
from graphmodel.generate.community import GeneratorOptions, generate_community
from graphmodel.graph.lock import CommunityLock


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    directory = tmp_path_factory.mktemp("locks") / "export"
    generate_community(directory, GeneratorOptions(members=3_000, seed=11))
    return directory


@pytest.fixture()
def model(settings):
    with GraphModel(settings) as gm:
        yield gm


def held(connection, community) -> bool:
    return bool(connection.read_text("MATCH (l:JobLock {community: $c}) RETURN l", {"c": community})[1])


def test_an_analysis_started_during_a_load_waits_for_it(connection, community, export, model, tmp_path):
    loading = threading.Thread(target=model.load, args=(export, community),
                               kwargs={"rejects": tmp_path / "r.csv"})
    loading.start()
    while not held(connection, community):  # the load has its lock and has begun
        assert loading.is_alive(), "the load ended before the analysis started"
        time.sleep(0.01)
    with GraphModel(model.settings) as other:
        result = other.analyze(community, lock_wait=300)
    loading.join()
    full = graph_size(connection, community)
    assert (result.run.members + result.run.outsiders, result.run.relationships) == (full.nodes,
                                                                                      full.relationships)
    assert result.leaders and result.figures["lurker_share"] < 1.0


def test_two_analyses_of_one_community_run_one_after_the_other(connection, community, export, model, tmp_path):
    model.load(export, community, rejects=tmp_path / "r.csv")
    failures: list[BaseException] = []

    def analyse():
        try:
            with GraphModel(model.settings) as gm:
                gm.analyze(community, lock_wait=300)
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=analyse) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    runs = connection.read_text("MATCH (a:AnalysisRun {community: $c}) RETURN a.status AS status, "
                                "a.started_at AS started, a.finished_at AS finished ORDER BY started",
                                {"c": community})[1]
    assert [r["status"] for r in runs] == ["done", "done"]
    assert runs[0]["finished"] <= runs[1]["started"]  # the second began after the first ended


@pytest.mark.parametrize("command", [["analyze"], ["fission"], ["load", "csv", "EXPORT"]])
def test_lock_wait_zero_refuses_a_busy_community_at_once(connection, community, export, tmp_path, command):
    args = [str(export) if a == "EXPORT" else a for a in command]
    with CommunityLock(connection, community):
        result = CliRunner().invoke(cli, ["-q", *args, "--community", community, "--lock-wait", "0",
                                          "--rejects" if "load" in command else "--format",
                                          str(tmp_path / "r.csv") if "load" in command else "json"])
    assert result.exit_code == 2, result.output
    assert f"community {community!r} is locked by another run" in result.output
    assert "refused at once (--lock-wait 0)" in result.output and "unexpected" not in result.output
    assert connection.read_text("MATCH (m:Member {community: $c}) RETURN m LIMIT 1", {"c": community})[1] == []


def test_a_busy_community_is_waited_for_then_analysed(connection, community, export, model, tmp_path):
    model.load(export, community, rejects=tmp_path / "r.csv")
    lock = CommunityLock(connection, community)
    lock.acquire()
    releaser = threading.Timer(2.0, lock.release)
    releaser.start()
    try:
        result = CliRunner().invoke(cli, ["analyze", "--community", community, "--lock-wait", "120"])
    finally:
        releaser.join()
    assert result.exit_code == 0, result.output
    assert f"waiting for the run holding community {community!r}" in result.stderr


def test_the_locked_helper_keeps_other_runs_out(connection, community, export, model, tmp_path):
    model.load(export, community, rejects=tmp_path / "r.csv")
    with model.locked(community, wait=0):
        with GraphModel(model.settings) as other:
            with pytest.raises(LockTimeout, match="refused at once"):
                other.analyze(community, lock_wait=0)
            with pytest.raises(LockTimeout):
                other.fission(community, lock_wait=0)
            with pytest.raises(LockTimeout):
                other.locked(community, wait=0).__enter__()
        job = tmp_path / "job.toml"
        job.write_text(f'[job]\nname = "j"\ncommunity = "{community}"\n\n[[steps]]\nkind = "analyze"\n',
                       encoding="utf-8")
        refused = CliRunner().invoke(cli, ["-q", "job", "run", str(job), "--lock-wait", "0"])
        assert refused.exit_code == 2 and "refused at once" in refused.output, refused.output
    assert not held(connection, community)
    assert model.analyze(community, lock_wait=0).run.id


def test_removing_a_community_keeps_the_lock_of_whoever_holds_it(connection, community, export, model, tmp_path):
    from graphmodel.graph.community import delete_community

    model.load(export, community, rejects=tmp_path / "r.csv")
    with model.locked(community):
        delete_community(model.database, community)
        assert held(connection, community)  # a load started now still waits for the removal
        with pytest.raises(LockTimeout):
            model.load(export, community, rejects=tmp_path / "r.csv", lock_wait=0)
    assert not held(connection, community)
