"""The report's views on a real graph and in real headless Chromium.

The demo community (generated as the demo generates it, under a test id of its own) is
reported in zh and en; the pages are opened in Chromium (``bench.chromium``, the DevTools
protocol on a pipe), their rendered layout is measured (circles on the map do not overlap,
every view has content) and screenshots are kept in ``test-output/`` as artefacts. A
community whose export carries hostile names is reported too: nothing in it runs.
"""

from __future__ import annotations

import csv
import json
import re
import uuid
from pathlib import Path

import pytest

from bench.chromium import Chromium, find_chromium
from graphmodel.analysis import analyze
from graphmodel.core.interchange import InterchangeWriter
from graphmodel.fission import fission_summary
from graphmodel.generate import PROBLEMS, GeneratorOptions, generate_community
from graphmodel.loaders import load_directory
from graphmodel.report import build_document, gather, render
from graphmodel.report.member_views import FIRST_STEP, SECOND_PER_FIRST, SECOND_STEP, TREE_NODES, TREES
from tests.report_documents import HOSTILE_NAMES, SCRIPT, synthetic_document

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-output"
OVERLAP_PX = 1.0
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (.ci/run installs it)")

# measured in the page: every disc's and connector's box, and each view's box and shapes
LAYOUT = """(() => {
  const box = e => { const b = e.getBoundingClientRect(); return {x: b.x + b.width / 2, y: b.y + b.height / 2,
                                                                 w: b.width, h: b.height}; };
  const shapes = e => e.querySelectorAll("circle, rect, path, line, polyline").length;
  const views = {};
  for (const [name, selector] of [["map", "#circle-map"], ["ego", "details[open] svg.ego"],
                                  ["tree", "details[open] svg.tree"], ["role_mix", ".charts svg.chart"],
                                  ["flows", "svg.flows"], ["trend", "svg.trend"]]) {
    const found = [...document.querySelectorAll(selector)];
    views[name] = found.map(e => ({...box(e), shapes: shapes(e)}));
  }
  const panel = [...document.querySelectorAll(".map-detail")].filter(p => !p.hidden);
  return {discs: [...document.querySelectorAll("#circle-map .disc circle")].map(box),
          connectors: [...document.querySelectorAll("#circle-map .connector path")].map(box),
          map: box(document.getElementById("circle-map")), views,
          panels: panel.map(p => p.innerText), text: document.body.innerText};
})()"""


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
            shown = sum(1 for c in tree.members if c.parent == m.member_id)
            assert m.hidden == len(children) - shown  # what it reached and is not drawn, counted
        # every member of the cascade is drawn or counted below a drawn member, once
        assert len(drawn) + sum(m.hidden_reach for m in tree.members) == tree.size


def test_a_cascade_larger_than_the_tree_is_counted_in_full(connection, community, tmp_path):
    """A cascade of 1,093 members, six generations of three invitations each: the tree draws
    what its caps allow and counts every other member below the member they hang from."""
    members, shares, ties = [{"member_id": "g0", "name": "root", "joined_at": "2024-01-01T00:00:00Z"}], [], []
    frontier = ["g0"]
    for generation in range(1, 7):
        reached = []
        for parent in frontier:
            for k in range(3):
                child = f"{parent}.{k}"
                day = f"2024-{1 + generation:02d}-{1 + k:02d}T00:00:00Z"
                members.append({"member_id": child, "name": f"N {child}", "joined_at": day})
                shares.append({"source": parent, "target": child, "at": day, "channel": "poster", "joined": True})
                ties.append({"source": child, "target": parent, "type": "reply", "weight": 1, "at": day})
                reached.append(child)
        frontier = reached
    with InterchangeWriter(tmp_path) as writer:
        writer.write("members", members)
        writer.write("shares", shares)
        writer.write("interactions", ties)
    load_directory(connection, tmp_path, community, reject_path=tmp_path / "r.csv")
    analyze(connection, community)
    fission_summary(connection, community)
    [tree] = gather(connection, community, members=False).member_views.cascade_trees[:1]
    assert tree.root == "g0" and tree.size == len(members) == 1093
    assert len(tree.members) == TREE_NODES
    below = {m["member_id"]: m for m in members}
    for m in tree.members:
        shown = sum(1 for c in tree.members if c.parent == m.member_id)
        has = 3 if m.generation < 6 else 0
        assert m.hidden == has - shown and m.member_id in below
    assert max(m.generation for m in tree.members if m.hidden) == max(m.generation for m in tree.members)
    assert len(tree.members) + sum(m.hidden_reach for m in tree.members) == tree.size


@needs_chromium
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_demo_report_in_chromium(connection, demo, lang):
    page_file = artefact(f"report-demo-{lang}.html",
                         render(build_document(gather(connection, demo, members=False), lang), "html"))
    with Chromium() as browser:
        page = browser.new_page(1400, 1000)
        page.navigate(page_file.as_uri())
        layout = page.evaluate(LAYOUT)
        page.screenshot(ARTEFACTS / f"report-demo-{lang}.png")
        page.screenshot(ARTEFACTS / f"report-demo-{lang}-map.png", selector=".map")
        # pointing at a circle shows its details and lights its ties
        third = page.evaluate("""(() => { const d = document.querySelectorAll("#circle-map .disc")[2];
            d.dispatchEvent(new MouseEvent("mouseenter")); return d.getAttribute("data-circle"); })()""")
        shown = page.evaluate("[...document.querySelectorAll('.map-detail')].filter(p => !p.hidden).map(p => p.id)")
        lit = page.evaluate("document.querySelectorAll('#circle-map .tie.lit').length")
        assert not page.errors and not page.dialogs, (page.errors, page.dialogs)
    discs, map_box = layout["discs"], layout["map"]
    assert len(discs) >= 20 and map_box["w"] > 600 and map_box["h"] > 400
    assert_apart(discs)
    for c in layout["connectors"]:
        for d in discs:
            assert ((c["x"] - d["x"]) ** 2 + (c["y"] - d["y"]) ** 2) ** 0.5 >= d["w"] / 2 - OVERLAP_PX
    views = layout["views"]
    for name, least in (("map", 60), ("ego", 30), ("tree", 10), ("role_mix", 8)):
        assert views[name], name
        assert all(v["w"] > 250 and v["h"] > 150 and v["shapes"] >= least for v in views[name]), (name, views[name])
    assert len(views["ego"]) == 2 and len(views["tree"]) == 1  # the first two members and the first tree open
    assert layout["panels"] and layout["panels"][0].strip()
    assert shown == [f"detail-circle-{third}"] and lit >= 1
    heading = "圈子与连接者地图" if lang == "zh" else "Map of circles and connectors"
    assert heading in layout["text"]
    for raw in ("max_depth", "mean_virality", "critical_headcount", "leaders_per_member"):
        assert raw not in layout["text"]
    assert (ARTEFACTS / f"report-demo-{lang}.png").stat().st_size > 100_000


@needs_chromium
def test_150_circles_stay_legible():
    page_file = artefact("report-150-circles.html", render(synthetic_document("en", circles=150, members=6000), "html"))
    with Chromium() as browser:
        page = browser.new_page(1400, 1000)
        page.navigate(page_file.as_uri())
        layout = page.evaluate(LAYOUT)
        page.screenshot(ARTEFACTS / "report-150-circles-map.png", selector=".map")
        labelled = page.evaluate("document.querySelectorAll('#circle-map .disc-id').length")
        assert not page.errors and not page.dialogs
    discs = layout["discs"]
    assert len(discs) == 150
    assert_apart(discs)
    assert min(d["w"] for d in discs) >= 8  # the smallest circle is still a visible disc
    assert labelled >= 100  # most carry their number


@pytest.fixture(scope="module")
def hostile(connection, tmp_path_factory):
    """A community whose export names members with script, HTML and Markdown, ids included."""
    community = f"test-hostile-{uuid.uuid4().hex[:8]}"
    directory = tmp_path_factory.mktemp("hostile")
    generate_community(directory, GeneratorOptions(members=400, seed=11, problems=PROBLEMS))
    ids = {f"m{i:07d}": f"{HOSTILE_NAMES[i % len(HOSTILE_NAMES)]}#{i}" for i in range(1, 40, 3)}
    for table in ("members", "interactions", "shares", "roles", "attendance"):
        path = directory / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for n, row in enumerate(rows):
            for column in ("member_id", "source", "target"):
                if column in row:
                    row[column] = ids.get(row[column], row[column])
            if table == "members":
                row["name"] = HOSTILE_NAMES[n % len(HOSTILE_NAMES)] + f" {n}"
            if table == "shares":
                row["channel"] = HOSTILE_NAMES[n % len(HOSTILE_NAMES)]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    result = load_directory(connection, directory, community, name=SCRIPT, reject_path=directory / "r.csv")
    assert result.rejected == 0
    analyze(connection, community)
    fission_summary(connection, community)
    yield community
    connection.run_auto("community_delete", community=community)


def test_hostile_names_in_markdown_and_json(connection, hostile):
    document = build_document(gather(connection, hostile, members=False), "en")
    text = render(document, "md")
    assert "<script" not in text.replace("\\<script", "") and "<img" not in text.replace("\\<img", "")
    assert re.search(r"\\</script\\>\\<script\\>alert\(3\)\\</script\\> \d", text)  # shown, escaped
    assert json.loads(render(document, "json"))["name"] == SCRIPT


@needs_chromium
@pytest.mark.parametrize("policy", ["kept", "removed"])
def test_hostile_names_never_run_in_chromium(connection, hostile, policy):
    """With the page's Content-Security-Policy, and without it (escaping alone must hold)."""
    document = build_document(gather(connection, hostile, members=False), "zh")
    html = render(document, "html")
    if policy == "removed":
        html, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert n == 1
    page_file = artefact(f"report-hostile-{policy}.html", html)
    with Chromium() as browser:
        page = browser.new_page(1400, 1000)
        page.navigate(page_file.as_uri())
        # open every view, point at every circle and connector: any script in a name would run now
        text = page.evaluate("""(() => {
            document.querySelectorAll("details").forEach(d => d.open = true);
            document.querySelectorAll("#circle-map .disc, #circle-map .connector").forEach(
                e => e.dispatchEvent(new MouseEvent("mouseenter")));
            return document.body.innerText; })()""")
        scripts = page.evaluate("document.scripts.length")
        injected = page.evaluate("document.querySelectorAll('img, iframe, object, embed, svg [onload], b b').length")
        page.screenshot(ARTEFACTS / f"report-hostile-{policy}.png")
        assert not page.dialogs and not page.errors, (page.dialogs, page.errors)
    assert scripts == 1 and injected == 0
    assert SCRIPT in text and HOSTILE_NAMES[1] in text  # shown as text
    assert len(document["member_views"]["ego_networks"]) >= 5 and document["member_views"]["cascade_trees"]


def artefact(name: str, html: str) -> Path:
    """The page kept in test-output/ (with its screenshots) for people to look at."""
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / name
    path.write_text(html, encoding="utf-8")
    return path


def assert_apart(discs: list[dict]) -> None:
    """No two rendered discs overlap by more than OVERLAP_PX."""
    for i, a in enumerate(discs):
        for b in discs[i + 1:]:
            gap = ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 - (a["w"] + b["w"]) / 2
            assert gap >= -OVERLAP_PX, (a, b)
