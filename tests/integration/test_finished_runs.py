"""Only finished analysis and fission runs count wherever a run is read: a run killed
half-way (its record still says 'running') shows in no history, query, report or fission."""

import pytest
from neo4j.exceptions import ServiceUnavailable

from graphmodel import queries
from graphmodel.analysis import AnalysisOptions, analyze, load_analysis
from graphmodel.core.errors import NoAnalysis
from graphmodel.fission import fission_summary
from graphmodel.generate.community import GeneratorOptions, generate_community
from graphmodel.history import community_role_history, member_role_history
from graphmodel.loaders import load_directory
from graphmodel.report import gather


class KilledAt:
    """The session's connection, as a process sees it that is killed at the ``after``-th call
    of the named write (counting from 1): that call and every later one fail, as if the process
    had died there, so nothing after it is written (its run stays 'running')."""

    def __init__(self, connection, write: str, after: int = 1):
        self._connection, self._write, self._left, self.dead = connection, write, after, False

    def _check(self, name: str) -> None:
        if name == self._write:
            self._left -= 1
            self.dead = self.dead or self._left <= 0
        if self.dead:
            raise ServiceUnavailable(f"killed at {self._write}")

    def __getattr__(self, attribute):
        method = getattr(self._connection, attribute)
        if attribute not in ("read", "write", "write_counters", "write_with_counters", "write_batches",
                             "write_columns", "run_auto"):
            return method

        def call(name, *args, **kwargs):
            self._check(name)
            return method(name, *args, **kwargs)
        return call


@pytest.fixture()
def runs(connection, community, tmp_path):
    """Two finished analyses and a fission run, then an analysis and a fission run killed
    while writing their results back."""
    export = tmp_path / "export"
    generate_community(export, GeneratorOptions(members=400, seed=4))
    load_directory(connection, export, community, reject_path=tmp_path / "r.csv")
    options = AnalysisOptions()
    first = analyze(connection, community, options).run.id
    second = analyze(connection, community, options).run.id
    fission = fission_summary(connection, community).run
    killed = KilledAt(connection, "analysis_roles_write")  # one writer's share of the roles is written
    with pytest.raises(ServiceUnavailable):
        analyze(killed, community, options, threads=2)
    killed_fission = KilledAt(connection, "fission_member_cascades_clear")  # the members' places written
    with pytest.raises(ServiceUnavailable):
        fission_summary(killed_fission, community)
    [unfinished] = connection.read("analysis_runs_unfinished", community=community)
    assert unfinished["status"] == "running"
    return community, first, second, unfinished["run"], fission


def test_history_compares_finished_runs_only(connection, runs):
    community, first, second, unfinished, _ = runs
    history = community_role_history(connection, community)
    assert history.runs == (first, second)
    assert {(t.from_run, t.to_run) for t in history.transitions} <= {(first, second)}
    assert [m.run for m in history.mix] == [first, second]
    member = queries.run_named(connection, "members_by_inferred_role", {"community": community,
                                                                        "role": "lurker"}).rows[0]
    assert [s.run for s in member_role_history(connection, community, member["member_id"]).steps] == [first, second]


def test_catalogue_queries_read_finished_runs_only(connection, runs):
    community, first, second, unfinished, fission = runs
    transitions = queries.run_named(connection, "role_transitions", {"community": community}).rows
    assert {(r["from_run"], r["to_run"]) for r in transitions} <= {(first, second)}
    mix = queries.run_named(connection, "role_mix_per_run", {"community": community}).rows
    assert {r["run"] for r in mix} == {first, second}
    for name in ("leaders", "connectors", "circles"):
        rows = queries.run_named(connection, name, {"community": community}).rows
        assert {r["analysis_run"] for r in rows} <= {second}, name
    spreaders = queries.run_named(connection, "top_spreaders", {"community": community}).rows
    placed = {r["member_id"]: r["run"] for r in connection.read_text(
        "MATCH (m:Member {community: $c}) WHERE m.cascade_run IS NOT NULL RETURN m.id AS member_id, "
        "m.cascade_run AS run", {"c": community})[1]}
    assert all(placed[r["member_id"]] == fission for r in spreaders)
    for row in spreaders[:3]:
        members = queries.run_named(connection, "cascade_members", {"community": community,
                                                                   "root": row["cascade_root"]}).rows
        assert all(placed[m["member_id"]] == fission for m in members)


def test_reports_and_fission_use_the_latest_finished_run(connection, runs):
    community, first, second, unfinished, _ = runs
    assert load_analysis(connection, community).run.id == second
    with pytest.raises(NoAnalysis, match="no finished analysis run"):
        load_analysis(connection, community, run=unfinished)
    data = gather(connection, community)
    assert data.analysis.run.id == second and data.changes["runs"] == [first, second]
    assert data.changes["previous_run"] == first
    assert fission_summary(connection, community, write=False).analysis_run == second


def test_the_next_analysis_removes_the_killed_run(connection, runs):
    community, first, second, unfinished, _ = runs
    third = analyze(connection, community).run.id
    assert connection.read("analysis_runs_unfinished", community=community) == []
    assert community_role_history(connection, community).runs == (first, second, third)
