"""Fission on real cascades, loaded into the server, against an independent computation.

- Weibo (CED): four repost cascades (one 23 reposts deep, one with the poster
  reposting their own post); who reposted from whom, times in Beijing time.
- Higgs Twitter: every retweet of 1-2 July 2012 (11,384), as shares from the
  retweeted user to the retweeter, with real loops and simultaneous retweets.

The expected forests come from tests/fission_reference.py (one share at a
time, plain Python) and structural virality from networkx.
"""

import csv
import json
from datetime import UTC, datetime, timedelta, timezone

import networkx as nx
import pytest

from graphmodel.fission import analyze_fission, fission_summary
from tests.fission_reference import reference_cascades

WEIBO_FILES = ["4_A0eKM530j_2800321184.json", "62_zdxi498Ve_1902410531.json",
               "2610_ypoMKovTt_1643971635.json", "101_zfvF1ziAY_1891137152.json"]
BEIJING = timezone(timedelta(hours=8))

LOAD_MEMBERS = """
MERGE (c:Community {id: $c})
WITH c
UNWIND $ids AS id
CREATE (m:Member {community: $c, id: id, is_member: true})
CREATE (m)-[:MEMBER_OF]->(c)
"""
LOAD_SHARES = """
UNWIND $rows AS row
MATCH (s:Member {community: $c, id: row.source}), (t:Member {community: $c, id: row.target})
CREATE (s)-[:SHARED {key: $c + '/' + row.key, at: datetime({epochMillis: row.at}), joined: row.joined}]->(t)
"""


def load(connection, community, shares):
    """shares: (source, target, at in Unix ms, joined)."""
    ids = sorted({s[0] for s in shares} | {s[1] for s in shares})
    connection.driver.execute_query(LOAD_MEMBERS, c=community, ids=ids)
    rows = [{"source": s, "target": t, "at": at, "joined": joined, "key": str(k)}
            for k, (s, t, at, joined) in enumerate(shares)]
    for start in range(0, len(rows), 5000):
        connection.driver.execute_query(LOAD_SHARES, c=community, rows=rows[start:start + 5000])


def weibo_shares(root):
    with open(root / "files.tsv", encoding="utf-8") as listing:
        labels = {row["file"]: row["label"] for row in csv.DictReader(listing, delimiter="\t")}
    shares = []
    for name in WEIBO_FILES:
        poster = name.rsplit("_", 1)[1].removesuffix(".json")
        records = json.loads((root / f"{labels[name]}-repost" / name).read_text(encoding="utf-8"))
        by_mid = {r["mid"]: r for r in records}
        for r in records:
            source = by_mid[r["parent"]]["uid"] if r["parent"] else poster
            at = datetime.fromisoformat(r["date"]).replace(tzinfo=BEIJING)
            shares.append((source, r["uid"], int(at.timestamp() * 1000), True))
    return shares


def higgs_shares(root):
    shares = []
    path = root / "higgs-activity_time.2012-07-01_to_02.txt"
    for line in path.read_text(encoding="ascii").splitlines():
        retweeter, author, at, kind = line.split()
        if kind == "RT":
            shares.append((author, retweeter, int(at) * 1000, False))
    return shares


def check_against_reference(result, shares, networkx_limit):
    expected = reference_cascades(shares)
    got = {c.root: c for c in result.cascades}
    assert set(got) == set(expected)
    forest = result.forest
    checked = 0
    for root, cascade in got.items():
        reference = expected[root]
        assert (cascade.size, cascade.depth, cascade.breadth) == (
            reference["size"], reference["depth"], reference["breadth"]), root
        if 1 < cascade.size <= networkx_limit:
            tree = nx.Graph((m, p) for m, p in reference["parent"].items() if p is not None)
            assert cascade.structural_virality == pytest.approx(
                nx.average_shortest_path_length(tree), rel=1e-12), root
            checked += 1
    members = {str(forest.ids[i]): i for i in range(forest.ids.size)}
    for root, reference in expected.items():
        for member, up in reference["parent"].items():
            index = members[member]
            assert str(forest.ids[forest.root[index]]) == root
            assert (up is None) == (forest.parent[index] < 0)
    return checked


def test_weibo_repost_cascades(connection, community, shared_data):
    shares = weibo_shares(shared_data / "weibo-ced")
    load(connection, community, shares)
    result = analyze_fission(connection, community)
    checked = check_against_reference(result, shares, networkx_limit=10_000)
    assert checked >= 4
    summary = result.summary
    assert summary.shares == len(shares) and summary.self_shares >= 1
    # the deep rumour cascade stays deeper than the layering norm
    assert summary.max_depth >= 10 and summary.deep_cascades >= 1
    assert summary.deep_chains[0].depth == summary.max_depth
    # every repost here counts as a join: joins are the members reached first
    assert summary.joins == summary.reached


def test_weibo_as_of_cuts_the_cascades(connection, community, shared_data):
    shares = weibo_shares(shared_data / "weibo-ced")
    load(connection, community, shares)
    times = sorted(s[2] for s in shares)
    middle = times[len(times) // 2]
    as_of = datetime.fromtimestamp(middle / 1000, tz=UTC)
    result = analyze_fission(connection, community, as_of)
    kept = [s for s in shares if s[2] <= middle]
    assert result.summary.shares == len(kept)
    check_against_reference(result, kept, networkx_limit=0)


def test_higgs_retweet_cascades(connection, community, shared_data):
    shares = higgs_shares(shared_data / "higgs-twitter")
    load(connection, community, shares)
    summary = fission_summary(connection, community)
    result = analyze_fission(connection, community)
    assert result.forest.loop_shares > 0  # real retweet loops are broken
    checked = check_against_reference(result, shares, networkx_limit=600)
    assert checked > 100
    assert summary.cascades == len(result.cascades) and summary.largest > 300
    # what was written is what was computed: members' roots and generations
    _, rows, _ = connection.read_text(
        "MATCH (m:Member {community: $c}) WHERE m.cascade_run = $run "
        "RETURN m.id AS id, m.cascade_root AS root, m.cascade_generation AS generation",
        {"c": community, "run": summary.run})
    forest = result.forest
    assert len(rows) == int(forest.in_forest.sum())
    for row in rows[:2000]:
        index = forest.edges.index_of(row["id"])
        assert row["root"] == str(forest.ids[forest.root[index]])
        assert row["generation"] == int(forest.generation[index])
