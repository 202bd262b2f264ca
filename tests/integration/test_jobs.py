"""Jobs against a real server: run records, the per-community lock, exit codes."""

import json
import threading

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.graph.connection import Connection
from graphmodel.graph.lock import CommunityLock, LockTimeout
from graphmodel.jobs import Workspace, run_job
from graphmodel.jobs.spec import JobSpec, StepSpec
from graphmodel.jobs.steps import STEP_KINDS, StepKind, StepOutcome


@pytest.fixture()
def test_steps():
    """Step kinds for these tests only, removed afterwards."""
    added = {}

    def add(name, function):
        STEP_KINDS[name] = StepKind(name, ("tag",), function, "test step")
        added[name] = True

    yield add
    for name in added:
        STEP_KINDS.pop(name, None)


def spec(community, *steps):
    return JobSpec("test-job", community, tuple(StepSpec(k, p) for k, p in steps), base_dir=None)


def test_a_job_is_recorded(connection, community):
    result = run_job(Workspace(connection), spec(community, ("init", {})))
    assert result.status == "ok" and result.exit_code == 0
    [row] = connection.read_text(
        "MATCH (r:JobRun {id: $id}) RETURN r.status AS status, r.steps AS steps, "
        "r.versions AS versions, r.community AS community, exists { (r)-[:OF]->(:Community) } AS linked",
        {"id": result.run_id})[1]
    assert not row["linked"]  # an init job creates no community; a load step would, and the run links to it
    assert row["status"] == "ok" and row["community"] == community
    assert json.loads(row["steps"])[0]["kind"] == "init"
    assert json.loads(row["versions"])["gds"].startswith("2.")
    assert connection.read_text("MATCH (l:JobLock {community: $c}) RETURN l", {"c": community})[1] == []
    from graphmodel import queries

    [history] = queries.run_named(connection, "job_history", {"community": f"{community}"}).rows
    assert history["run"] == result.run_id and history["status"] == "ok"
    assert history["seconds"] >= 0


def test_exit_codes_follow_the_outcome(connection, community, test_steps):
    test_steps("rejecting", lambda call: StepOutcome({"rows": 3}, rejected=1, message="1 rejected"))
    test_steps("checking", lambda call: StepOutcome(failed_checks=2))

    def explode(call):
        raise RuntimeError("boom")

    test_steps("exploding", explode)
    assert run_job(Workspace(connection), spec(community, ("rejecting", {}), ("init", {}))).exit_code == 1
    assert run_job(Workspace(connection), spec(community, ("checking", {}))).status == "check_failed"
    failed = run_job(Workspace(connection), spec(community, ("exploding", {}), ("init", {})))
    assert failed.status == "failed" and failed.exit_code == 2
    assert "boom" in failed.error and [s.kind for s in failed.steps] == ["exploding"]
    rows = connection.read_text("MATCH (r:JobRun {community: $c}) RETURN r.status AS s, r.error AS e",
                                {"c": community})[1]
    assert sorted(r["s"] for r in rows) == ["check_failed", "failed", "rejected"]


def test_same_community_runs_serialise_and_different_ones_overlap(
        connection, community, test_steps, settings):
    active: dict[str, int] = {}
    most: dict[str, int] = {}
    guard = threading.Lock()
    barrier = threading.Barrier(2, timeout=60)

    def busy(call):
        with guard:
            active[call.community] = active.get(call.community, 0) + 1
            most[call.community] = max(most.get(call.community, 0), active[call.community])
        if call.params.get("tag") == "meet":
            barrier.wait()  # only returns when both communities are inside a step at once
        else:
            threading.Event().wait(0.5)
        with guard:
            active[call.community] -= 1
        return StepOutcome()

    test_steps("busy", busy)
    other = community + "-b"
    results = []

    def go(job_spec):
        with Connection.from_settings(settings) as conn:
            results.append(run_job(Workspace(conn), job_spec, lock_wait=120))

    try:
        same = [threading.Thread(target=go, args=(spec(community, ("busy", {}), ("busy", {})),))
                for _ in range(3)]
        for thread in same:
            thread.start()
        for thread in same:
            thread.join()
        assert most[community] == 1  # never two runs of one community at once
        assert [r.status for r in results] == ["ok"] * 3

        results.clear()
        pair = [threading.Thread(target=go, args=(spec(c, ("busy", {"tag": "meet"})),))
                for c in (community, other)]
        for thread in pair:
            thread.start()
        for thread in pair:
            thread.join()
        assert [r.status for r in results] == ["ok", "ok"]  # the barrier met: they overlapped
    finally:
        connection.run_auto("community_delete", community=other)


def test_a_crashed_runs_lock_does_not_block_forever(connection, community):
    # A holder on another host that stopped heartbeating long ago: taken over.
    connection.driver.execute_query(
        "CREATE (:JobLock {community: $c, owner: 'elsewhere:1:dead', "
        "heartbeat: datetime() - duration('PT1H')})", c=community)
    assert run_job(Workspace(connection), spec(community, ("init", {})), lock_wait=5).status == "ok"

    # A holder on this host whose process is gone: taken over at once, fresh heartbeat or not.
    import socket
    connection.driver.execute_query(
        "CREATE (:JobLock {community: $c, owner: $o, heartbeat: datetime()})",
        c=community, o=f"{socket.gethostname()}:999999999:gone")
    assert run_job(Workspace(connection), spec(community, ("init", {})), lock_wait=5).status == "ok"


def test_a_live_holder_makes_the_next_run_wait_then_give_up(connection, community):
    holder = CommunityLock(connection, community, heartbeat_every=0.5)
    with holder:
        with pytest.raises(LockTimeout, match="locked by another run"):
            run_job(Workspace(connection), spec(community, ("init", {})), lock_wait=1.5)
    assert run_job(Workspace(connection), spec(community, ("init", {})), lock_wait=5).status == "ok"


def test_cli_job_run_and_history(connection, community, tmp_path):
    job_file = tmp_path / "job.toml"
    job_file.write_text(f'[job]\nname = "cli-job"\ncommunity = "{community}"\n\n'
                        '[[steps]]\nkind = "init"\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["job", "run", str(job_file), "--log-json"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert [e["event"] for e in events] == [
        "job_started", "step_started", "step_finished", "job_finished"]
    assert events[-1]["exit_code"] == 0 and all("ts" in e for e in events)
    history = runner.invoke(cli, ["-q", "job", "history", "--community", community, "--format", "json"])
    assert history.exit_code == 0, history.output
    [row] = json.loads(history.output)
    assert row["job"] == "cli-job" and row["status"] == "ok"


def test_airflow_example_exercised_through_the_library(connection, community, tmp_path, monkeypatch):
    """The DAG file imports without Airflow and its callable runs a job (or raises)."""
    import importlib.util
    from pathlib import Path

    from graphmodel.jobs import JobDidNotSucceed

    dag_path = Path(__file__).resolve().parents[2] / "examples" / "scheduling" / "graphmodel_dag.py"
    module_spec = importlib.util.spec_from_file_location("graphmodel_dag", dag_path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)

    job_file = tmp_path / "nightly.toml"
    example = (dag_path.parent / "nightly.toml").read_text(encoding="utf-8")
    job_file.write_text(example.replace('community = "demo"', f'community = "{community}"'),
                        encoding="utf-8")
    assert module.run_job_file(str(job_file), json_logs=True).status == "ok"

    STEP_KINDS["failing"] = StepKind("failing", (), lambda call: StepOutcome(rejected=2), "t")
    try:
        job_file.write_text(f'[job]\nname = "x"\ncommunity = "{community}"\n[[steps]]\nkind = "failing"\n')
        with pytest.raises(JobDidNotSucceed) as info:
            module.run_job_file(str(job_file))
        assert info.value.exit_code == 1
    finally:
        STEP_KINDS.pop("failing")


def test_a_job_loads_a_chat_export(connection, community, tmp_path):
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "chat" / "slack"
    job_file = tmp_path / "job.toml"
    job_file.write_text(f'[job]\nname = "chat"\ncommunity = "{community}"\n\n'
                        f'[[steps]]\nkind = "load_chat"\nexport = "slack"\npath = "{fixture.as_posix()}"\n\n'
                        '[[steps]]\nkind = "analyze"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "job", "run", str(job_file)])
    assert result.exit_code == 0, result.output
    history = CliRunner().invoke(cli, ["-q", "job", "history", "--community", community, "--format", "json"])
    [row] = json.loads(history.output)
    assert row["status"] == "ok"
    [members] = connection.read_text("RETURN count { MATCH (:Member {community: $c}) } AS n", {"c": community})[1]
    assert members["n"] == 3  # the export's three people (its bot is no member)
