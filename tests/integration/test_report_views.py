"""The report's member views on a real graph: ego networks and cascade trees of the demo
community (generated as the demo generates it, under a test id of its own)."""

from __future__ import annotations

import uuid

import pytest

from graphmodel.analysis import analyze
from graphmodel.fission import fission_summary
from graphmodel.generate import PROBLEMS, GeneratorOptions, generate_community
from graphmodel.loaders import load_directory
from graphmodel.report import gather
from graphmodel.report.member_views import FIRST_STEP, SECOND_PER_FIRST, SECOND_STEP, TREES


@pytest.fixture(scope="module")
def demo(connection, tmp_path_factory):
    """The demo community (2,000 members, every planted problem, seed 7), under its own id."""
    community = f"test-demo-{uuid.uuid4().hex[:8]}"
    directory = tmp_path_factory.mktemp("demo")
    generate_community(directory, GeneratorOptions(members=2_000, seed=7, problems=PROBLEMS))
    load_directory(connection, directory, community, name="示例社群 demo community", reject_path=directory / "r.csv")
    analyze(connection, community)
    fission_summary(connection, community)
    yield community
    connection.run_auto("community_delete", community=community)


def test_ego_networks_are_the_members_strongest_ties(connection, demo):
    data = gather(connection, demo, members=False)
    networks = data.member_views.ego_networks
    listed = {m.member_id for m in [*data.analysis.leaders[:20], *data.analysis.connectors[:20]]}
    assert {n.centre.member_id for n in networks} == listed
    for network in networks[:6]:
        centre = network.centre.member_id
        strongest = connection.read("query_member_neighbourhood", community=demo, member=centre, limit=10_000)
        assert [m.member_id for m in network.first] == [r["member_id"] for r in strongest[:FIRST_STEP]]
        assert network.degree == len(strongest)
        assert network.centre.circle is not None and all(m.circle is not None for m in network.first if m.is_member)
        assert len(network.second) <= SECOND_STEP
        first = {m.member_id for m in network.first}
        for m in network.second:
            assert m.via in first and m.member_id not in first and m.member_id != centre
            around = {r["member_id"] for r in connection.read("query_member_neighbourhood", community=demo,
                                                               member=m.via, limit=10_000)}
            assert m.member_id in around
        assert max((sum(1 for m in network.second if m.via == v) for v in first), default=0) <= SECOND_PER_FIRST


def test_cascade_trees_follow_the_fission_forest(connection, demo):
    data = gather(connection, demo, members=False)
    trees = data.member_views.cascade_trees
    assert [t.root for t in trees] == [c["root"] for c in data.cascades[:TREES]]
    for tree in trees:
        members = {r["member_id"]: r for r in connection.read("query_cascade_members", community=demo,
                                                              root=tree.root, limit=100_000)}
        assert len(members) == tree.size
        drawn = {m.member_id: m for m in tree.members}
        for m in tree.members:
            assert members[m.member_id]["generation"] == m.generation
            assert members[m.member_id]["reached_by"] == m.parent
            assert m.parent is None or drawn[m.parent].generation == m.generation - 1
            children = [r for r in members.values() if r["reached_by"] == m.member_id]
            if m.hidden or any(c.parent == m.member_id for c in tree.members):
                shown = sum(1 for c in tree.members if c.parent == m.member_id)
                assert m.hidden == len(children) - shown
        # everything not drawn is counted where it hangs (or below the last generation drawn)
        assert len(drawn) + sum(m.hidden for m in tree.members) <= tree.size
