"""The drawings' layouts and the member views' assembly, without a server."""

from __future__ import annotations

import itertools
import math
import random

import pytest

from graphmodel.report.circle_events_svg import GONE, NEW, flows, run_order
from graphmodel.report.circle_map import MAX_CIRCLES, circle_map
from graphmodel.report.member_views import (
    FIRST_STEP,
    SECOND_PER_FIRST,
    SECOND_STEP,
    TreeMember,
    assemble_ego,
    grow_tree,
)
from tests.report_documents import synthetic_document

TOLERANCE = 0.5  # layout units (about a pixel at the width the report draws the map)


def community_of_circles(count: int, seed: int = 1, isolated: int = 3) -> dict:
    """Circles with a heavy-tailed size, each tied to a few others, some tied to none."""
    rnd = random.Random(seed)
    sizes = sorted((int(20 + 300 * rnd.paretovariate(1.3) / 4) for _ in range(count)), reverse=True)
    circles = [{"circle_id": i, "size": s, "leader": None if i % 5 == 0 else f"m{i}", "conductance": 0.2,
                "density": 0.1} for i, s in enumerate(sizes)]
    alone = set(range(count - isolated, count))
    ties = [{"source": a, "target": b, "ties": rnd.randint(1, 200)} for a in range(count)
            for b in rnd.sample(range(count), 4) if a != b and not {a, b} & alone]
    connectors = [{"member_id": f"c{k}", "name": f"C {k}", "rank": k + 1, "external": False, "evidence": ""}
                  for k in range(20)]
    joined = [{"member_id": f"c{k}", "circles": [{"circle": (k * 7 + j) % count, "members": 10 - j}
                                                 for j in range(3)]} for k in range(20)]
    return {"circles": circles, "circle_ties": ties, "connectors": connectors,
            "member_views": {"connector_circles": joined}}


@pytest.mark.parametrize("count", [30, 150, 400])
def test_circle_map_separates_circles_at_any_count(count):
    document = community_of_circles(count)
    cmap = circle_map(document)
    assert len(cmap.discs) == min(count, MAX_CIRCLES) and cmap.total == count
    for a, b in itertools.combinations(cmap.discs, 2):
        assert math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r - TOLERANCE, (a.circle_id, b.circle_id)
    for c in cmap.connectors:  # connectors sit clear of every disc
        for d in cmap.discs:
            assert math.hypot(c.x - d.x, c.y - d.y) >= d.r + 6.0 - TOLERANCE
    x, y, w, h = cmap.box
    assert all(x <= d.x - d.r and d.x + d.r <= x + w and y <= d.y - d.r and d.y + d.r <= y + h for d in cmap.discs)
    assert 0.6 <= w / h <= 2.4  # no fragment flung far away: the map keeps a readable shape
    area = sum(math.pi * d.r ** 2 for d in cmap.discs)
    assert area / (w * h) > 0.2  # and the discs fill it rather than a corner of it
    assert circle_map(document) == cmap  # deterministic


def test_circle_map_shows_groups_of_tied_circles_and_sizes_by_members():
    """Three groups of ten circles, tied strongly inside each group and weakly across: the map
    draws each group together, apart from the others."""
    rnd = random.Random(4)
    circles = [{"circle_id": i, "size": rnd.randint(20, 400), "leader": None, "conductance": None, "density": None}
               for i in range(30)]
    ties = [{"source": a, "target": b, "ties": rnd.randint(40, 120)} for a in range(30) for b in range(a + 1, 30)
            if a // 10 == b // 10 and rnd.random() < 0.5]
    ties += [{"source": 0, "target": 10, "ties": 2}, {"source": 15, "target": 25, "ties": 1}]
    cmap = circle_map({"circles": circles, "circle_ties": ties, "connectors": []})
    pairs = list(itertools.combinations(cmap.discs, 2))

    def distance(a, b):
        return math.hypot(a.x - b.x, a.y - b.y)

    inside = [distance(a, b) for a, b in pairs if a.circle_id // 10 == b.circle_id // 10]
    across = [distance(a, b) for a, b in pairs if a.circle_id // 10 != b.circle_id // 10]
    assert sum(inside) / len(inside) < 0.6 * sum(across) / len(across)
    by_size = sorted(cmap.discs, key=lambda d: -d.size)
    assert all(a.r >= b.r for a, b in zip(by_size, by_size[1:]))
    assert by_size[0].r > 3 * by_size[-1].r


def test_connectors_sit_between_the_circles_they_join():
    document = community_of_circles(30, isolated=0)
    cmap = circle_map(document)
    where = {d.circle_id: d for d in cmap.discs}
    for connector in cmap.connectors:
        xs = [where[c].x for c, _ in connector.circles]
        ys = [where[c].y for c, _ in connector.circles]
        slack = max(where[c].r for c, _ in connector.circles) + 20
        assert min(xs) - slack <= connector.x <= max(xs) + slack and min(ys) - slack <= connector.y <= max(ys) + slack


def test_ego_network_is_capped_and_built_of_real_ties():
    neighbours = [{"member_id": f"n{i}", "name": f"N{i}", "weight": 30.0 - i, "circle": i % 3, "roles": ["follower"],
                   "is_member": True} for i in range(FIRST_STEP)]
    centre = {"member_id": "c", "name": "C", "circle": 0, "roles": ["leader", "connector"], "is_member": True,
              "degree": 200, "neighbours": neighbours}
    second = {n["member_id"]: [{"member_id": other, "name": other, "weight": 5.0, "circle": 1, "roles": [],
                                "is_member": False} for other in ["c", n["member_id"], "n0", "n1",
                                                                  *(f"x{n['member_id']}{k}" for k in range(8))]]
              for n in neighbours}
    network = assemble_ego(centre, second, leader_rank=1, connector_rank=3)
    assert network.centre.role == "leader" and network.degree == 200
    assert len(network.first) == FIRST_STEP and len(network.second) <= SECOND_STEP
    vias = [m.via for m in network.second]
    assert all(vias.count(v) <= SECOND_PER_FIRST for v in vias)
    drawn = {"c"} | {m.member_id for m in network.first} | {m.member_id for m in network.second}
    assert "c" not in {m.member_id for m in network.second}
    assert all(t.a in drawn and t.b in drawn and t.a != t.b for t in network.ties)
    assert any({t.a, t.b} == {"n0", "n1"} for t in network.ties)  # ties among the first step are kept


def test_cascade_tree_counts_what_it_does_not_draw():
    root = TreeMember("r", "R", 0, None, 20, "seed_user", True)
    rows = [{"parent_id": "r", "reached": 8, "children": [
        {"member_id": f"a{i}", "name": None, "reach": 3 - i if i < 3 else 0, "is_member": True, "roles": []}
        for i in range(5)]}]
    drawn, frontier = grow_tree([root], rows, 1)
    top = drawn[0]
    assert [m.member_id for m in drawn[1:]] == ["a0", "a1", "a2", "a3", "a4"] and frontier == ["a0", "a1", "a2"]
    assert top.hidden == 3  # eight reached, five drawn
    assert top.hidden_reach == 20 - sum(m.reach + 1 for m in drawn[1:])


def test_circle_events_become_flows_between_consecutive_runs():
    events = [{"event": "split", "before": [1], "after": [2, 3], "moved": 10, "run_before": "b", "run_after": "c"},
              {"event": "form", "before": [], "after": [4], "moved": [1, 2, 3], "run_before": "b", "run_after": "c"},
              {"event": "dissolve", "before": 5, "after": None, "moved": 4, "run_before": "a", "run_after": "b"},
              {"event": "grow", "before": [6], "after": [6], "moved": {"6": 7}, "run_before": "a", "run_after": "b"}]
    assert run_order(events, ["c"]) == ["a", "b", "c"]  # in time order even when only the latest is known
    order, drawn = flows(events, [])
    by = {(f.event, f.source[1], f.target[1]): f.members for f in drawn}
    assert by[("split", "1", "2")] == by[("split", "1", "3")] == 5
    assert by[("form", NEW, "4")] == 3 and by[("dissolve", "5", GONE)] == 4 and by[("grow", "6", "6")] == 7
    assert all(f.target[0] == f.source[0] + 1 for f in drawn)


def test_views_render_for_a_whole_synthetic_report():
    from graphmodel.report.html_views import html_views
    from graphmodel.report.messages import Words

    document = synthetic_document("zh", circles=150, members=3000)
    views = html_views(document, Words("zh"))
    assert views.circle_map.svg.count("data-circle=") == 150
    assert len(views.egos) == 7 and all(v.svg.count("ego-node") >= 10 for v in views.egos)
    assert len(views.trees) == 3 and all(v.svg.count("tree-node") >= 3 for v in views.trees)
    assert views.circle_events.count('class="flow"') >= 6 and len(views.trends) == 3
