"""Loading interchange directories into the real server."""

import csv
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.core.errors import InputError
from graphmodel.graph.community import community_content
from graphmodel.jobs import Workspace, run_job
from graphmodel.jobs.spec import load_job
from graphmodel.loaders import load_directory

MEMBERS = """member_id,name,joined_at,is_member,declared_role,threshold
a,阿明,2024-01-05,true,KOL|群主,interest
b,Bea,2024-01-20T10:00:00Z,,,
c,陈,1706918400,true,追随者,
d,Dora,not-a-date,true,,
o,Otto,,false,,
"""
INTERACTIONS = """source,target,type,weight,at
b,a,reply,1,2024-02-01T10:00:00Z
c,a,reply,2,2024-02-02T10:00:00Z
a,x,mention,,2024-02-03
,a,reply,1,
b,a,shout,1,
"""
SHARES = """source,target,at,channel,joined
o,a,2024-01-04,wechat,true
a,b,2024-01-19,wechat,true
a,y,2024-01-25,moments,false
"""
ROLES = """member_id,role,since,until
b,executor,2024-02-01,
c,leader,2024-03-01,2024-02-01
"""
EVENTS = """event_id,name,kind,at
e1,线下见面会,offline,2024-03-10
"""
ATTENDANCE = """member_id,event_id
a,e1
b,e1
c,e9
"""


def write_dir(path, encoding="utf-8", **tables):
    path.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (path / f"{name}.csv").write_bytes(text.encode(encoding))
    return path


@pytest.fixture()
def export(tmp_path):
    return write_dir(tmp_path / "export", members=MEMBERS, interactions=INTERACTIONS, shares=SHARES,
                     roles=ROLES, events=EVENTS, attendance=ATTENDANCE)


def read(connection, query, **params):
    return connection.driver.execute_query(query, params, database_=connection.database).records


def test_load_puts_the_model_in_the_graph(connection, community, export, tmp_path):
    rejects = tmp_path / "rejects.csv"
    summary = load_directory(connection, export, community, name="训练营", reject_path=rejects)
    by_table = {t.table: t for t in summary.tables}
    assert (by_table["members"].loaded, by_table["members"].rejected) == (4, 1)
    assert (by_table["interactions"].loaded, by_table["interactions"].rejected) == (3, 2)
    assert (by_table["roles"].loaded, by_table["roles"].rejected) == (1, 1)
    assert (by_table["attendance"].loaded, by_table["attendance"].rejected) == (2, 1)
    assert summary.outsiders_created == 2  # x (mentioned) and y (invited, did not join)
    [a] = read(connection, "MATCH (m:Member {community: $c, id: 'a'})-[j:MEMBER_OF]->(:Community {id: $c, name: '训练营'}) "
                           "RETURN m.name AS name, m.threshold AS t, m.declared_roles AS roles, j.joined_at AS joined",
               c=community)
    assert (a["name"], a["t"], sorted(a["roles"])) == ("阿明", "interest", ["leader", "manager"])
    assert a["joined"].iso_format().startswith("2024-01-05T00:00:00")
    outsiders = read(connection, "MATCH (m:Outsider {community: $c}) RETURN m.id AS id ORDER BY id", c=community)
    assert [r["id"] for r in outsiders] == ["o", "x", "y"]
    [w] = read(connection, "MATCH (:Member {community: $c, id: 'c'})-[r:INTERACTED]->(:Member {id: 'a'}) "
                           "RETURN r.weight AS w, r.type AS type", c=community)
    assert (w["w"], w["type"]) == (2.0, "reply")
    roles = read(connection, "MATCH (m:Member {community: $c})-[h:HAS_ROLE {source: 'declared'}]->(r:Role) "
                             "RETURN m.id AS m, r.name AS role, h.since IS NOT NULL AS dated ORDER BY m, role",
                 c=community)
    assert [(r["m"], r["role"], r["dated"]) for r in roles] == [
        ("a", "leader", False), ("a", "manager", False), ("b", "executor", True), ("c", "follower", False)]
    with open(rejects, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["file"], r["line"], r["field"]) for r in rows} == {
        ("members.csv", "5", "joined_at"), ("interactions.csv", "5", "source"),
        ("interactions.csv", "6", "type"), ("roles.csv", "3", "until"), ("attendance.csv", "4", "event_id")}


def test_loading_twice_leaves_the_same_graph(connection, community, export):
    load_directory(connection, export, community, reject_path=export / "r.csv")
    first = community_content(connection, community)
    again = load_directory(connection, export, community, reject_path=export / "r.csv")
    assert sum(t.relationships_created + t.nodes_created for t in again.tables) == 0
    assert again.outsiders_created == 0
    assert community_content(connection, community) == first


def test_a_newer_export_adds_only_what_is_new(connection, community, tmp_path):
    old = write_dir(tmp_path / "old", interactions=INTERACTIONS)
    load_directory(connection, old, community, reject_path=tmp_path / "r.csv")
    newer = write_dir(tmp_path / "new", interactions=INTERACTIONS + "a,b,reply,1,2024-04-01\n")
    summary = load_directory(connection, newer, community, reject_path=tmp_path / "r.csv")
    [table] = summary.tables
    assert table.relationships_created == 1


def test_departures_are_loaded_and_a_reason_needs_its_time(connection, community, tmp_path):
    members = ("member_id,name,joined_at,is_member,declared_role,threshold,left_at,left_reason\n"
               "a,阿明,2024-01-05,true,,,2024-03-01T08:00:00Z,removed\n"
               "b,Bea,2024-01-06,true,,,2024-02-01,\n"
               "c,陈,2024-01-07,true,,,,left\n"
               "d,Dora,2024-01-08,true,,,,\n"
               "e,Eve,2024-01-09,true,,,2024-02-02,quit\n")
    source = write_dir(tmp_path / "gone", members=members)
    summary = load_directory(connection, source, community, reject_path=tmp_path / "r.csv")
    assert (summary.loaded, summary.rejected) == (3, 2)
    with open(tmp_path / "r.csv", encoding="utf-8") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["line"], r["field"]) for r in rejects] == [("4", "left_at"), ("6", "left_reason")]
    rows = read(connection, "MATCH (m:Member {community: $c}) RETURN m.id AS id, toString(m.left_at) AS left_at, "
                            "m.left_reason AS reason ORDER BY id", c=community)
    assert [(r["id"], r["left_at"], r["reason"]) for r in rows] == [
        ("a", "2024-03-01T08:00:00Z", "removed"), ("b", "2024-02-01T00:00:00Z", None), ("d", None, None)]
    first = community_content(connection, community)
    load_directory(connection, source, community, reject_path=tmp_path / "r.csv")
    assert community_content(connection, community) == first  # idempotent, departures included


def test_rows_repeated_in_a_fresh_load_are_one_relationship_each(connection, community, tmp_path):
    # A fresh community's edges are CREATEd; a row whose key came earlier (here twice in the
    # first batch of four and again in the next, each time with another weight) is merged after
    # the rest, in file order, so there is one relationship per key and the last row's weight wins.
    rows = ["b,a,reply,1,2024-02-01T10:00:00Z\n", "c,a,reply,1,2024-02-02\n", "c,b,mention,1,2024-02-03\n",
            "b,a,reply,2,2024-02-01T10:00:00Z\n", "a,c,reply,1,2024-02-04\n", "b,a,reply,3,2024-02-01T10:00:00Z\n",
            "d,a,reply,1,2024-02-05\n", "d,b,reply,1,2024-02-06\n"]
    source = write_dir(tmp_path / "x", interactions="source,target,type,weight,at\n" + "".join(rows))
    summary = load_directory(connection, source, community, reject_path=tmp_path / "r.csv", batch_size=4)
    [table] = summary.tables
    assert (table.loaded, table.rejected, table.relationships_created) == (8, 0, 6)
    [ties] = read(connection, "MATCH (a:Member {community: $c})-[r:INTERACTED]->(b) "
                              "RETURN count(r) AS n, count(DISTINCT r.key) AS keys, "
                              "collect(a.id + b.id + r.type) AS ties, "
                              "sum(CASE WHEN a.id = 'b' THEN r.weight END) AS repeated_weight", c=community)
    assert (ties["n"], ties["keys"], ties["repeated_weight"]) == (6, 6, 3.0)
    assert sorted(ties["ties"]) == ["acreply", "bareply", "careply", "cbmention", "dareply", "dbreply"]


def test_members_repeated_in_a_fresh_load_are_one_node_each(connection, community, tmp_path):
    # Members of a community that had none are CREATEd; an identical repeat (in the same batch of
    # two and in a later one) is merged after the rest, a repeat with other data is rejected.
    members = ("member_id,name,declared_role\na,阿明,群主\nb,Bea,\na,阿明,群主\nc,陈,\n"
               "a,阿明,群主\nc,Chen,\n")
    source = write_dir(tmp_path / "x", members=members)
    summary = load_directory(connection, source, community, reject_path=tmp_path / "r.csv", batch_size=2)
    [table] = summary.tables
    assert (table.loaded, table.rejected, table.nodes_created) == (5, 1, 3)
    [row] = read(connection, "MATCH (m:Member {community: $c}) OPTIONAL MATCH (m)-[h:HAS_ROLE]->() "
                             "OPTIONAL MATCH (m)-[j:MEMBER_OF]->() "
                             "RETURN count(DISTINCT m) AS members, count(DISTINCT h) AS roles, "
                             "count(DISTINCT j) AS memberships, collect(DISTINCT m.name) AS names", c=community)
    assert (row["members"], row["roles"], row["memberships"]) == (3, 1, 3)
    assert sorted(row["names"]) == ["Bea", "阿明", "陈"]


def test_two_loads_of_one_community_at_once_make_each_relationship_once(connection, community, tmp_path):
    # Interactions and shares have no uniqueness constraint: the community's lock makes the second
    # load wait, then find the edges there and merge instead of creating them a second time.
    rows = "".join(f"m{i},m{(i * 7 + 1) % 50},reply,1,2024-02-{1 + i % 28:02d}\n" for i in range(400))
    shares = "".join(f"m{i},m{i + 1},2024-01-{1 + i % 28:02d},wechat,true\n" for i in range(40))
    source = write_dir(tmp_path / "x", interactions="source,target,type,weight,at\n" + rows,
                       shares="source,target,at,channel,joined\n" + shares)
    with ThreadPoolExecutor(2) as pool:
        summaries = list(pool.map(lambda n: load_directory(connection, source, community, batch_size=50,
                                                           reject_path=tmp_path / f"r{n}.csv"), range(2)))
    created = sorted(sum(t.relationships_created for t in s.tables) for s in summaries)
    assert created == [0, 440]
    [ties] = read(connection, "MATCH (:Member {community: $c})-[r:INTERACTED|SHARED]->() "
                              "RETURN count(r) AS n, count(DISTINCT r.key) AS keys", c=community)
    assert (ties["n"], ties["keys"]) == (440, 440)


def test_same_files_give_the_same_content_in_another_community(connection, community, export):
    other = community + "-b"
    try:
        load_directory(connection, export, community, reject_path=export / "r.csv", batch_size=2)
        load_directory(connection, export, other, reject_path=export / "r.csv")
        assert community_content(connection, community) == community_content(connection, other)
    finally:
        connection.run_auto("community_delete", community=other)


def test_created_and_merged_members_and_edges_give_the_same_content(connection, community, export, tmp_path):
    # the community gets everything CREATEd; the other already holds one member and one
    # interaction of the export, so its members and interactions go through the MERGE queries
    other = community + "-m"
    first = write_dir(tmp_path / "first", members=MEMBERS.splitlines()[0] + "\n" + MEMBERS.splitlines()[1] + "\n",
                      interactions=INTERACTIONS.splitlines()[0] + "\n" + INTERACTIONS.splitlines()[1] + "\n")
    try:
        load_directory(connection, export, community, reject_path=tmp_path / "r.csv")
        load_directory(connection, first, other, reject_path=tmp_path / "r.csv")
        load_directory(connection, export, other, reject_path=tmp_path / "r.csv")
        assert community_content(connection, community) == community_content(connection, other)
    finally:
        connection.run_auto("community_delete", community=other)


def test_gb18030_and_bom_and_jsonl(connection, community, tmp_path):
    gb = write_dir(tmp_path / "gb", encoding="gb18030", members="member_id,name,declared_role\nm1,阿明,群主\n")
    bom = write_dir(tmp_path / "bom", encoding="utf-8-sig", members="member_id,name\nm2,Bea\n")
    jsonl = tmp_path / "jsonl"
    jsonl.mkdir()
    (jsonl / "interactions.jsonl").write_text(json.dumps({"source": "m1", "target": "m2", "type": "reply"}) + "\n")
    for directory in (gb, bom, jsonl):
        assert load_directory(connection, directory, community, reject_path=tmp_path / "r.csv").rejected == 0
    [row] = read(connection, "MATCH (a:Member {community: $c, id: 'm1'})-[:INTERACTED]->(b:Member {id: 'm2'}) "
                             "RETURN a.name AS a, b.name AS b", c=community)
    assert (row["a"], row["b"]) == ("阿明", "Bea")


def test_dry_run_writes_nothing(connection, community, export):
    summary = load_directory(None, export, community, dry_run=True, reject_path=export / "r.csv")
    assert summary.loaded == 15 and summary.rejected == 4  # unknown events need the graph
    assert community_content(connection, community).nodes == 0


def test_a_missing_column_or_bad_encoding_writes_nothing(connection, community, tmp_path):
    bad = write_dir(tmp_path / "bad", members=MEMBERS, interactions="from,to\na,b\n")
    with pytest.raises(InputError, match="interactions.csv: required column"):
        load_directory(connection, bad, community)
    latin = write_dir(tmp_path / "latin", encoding="latin-1",
                      members="member_id,name\n" + "".join(f"m{i},Ren\u00ffe\n" for i in range(20)))
    with pytest.raises(InputError, match="neither UTF-8 nor GB18030"):
        load_directory(connection, latin, community)
    assert community_content(connection, community).nodes == 0


def test_cli_exit_codes(connection, community, export, cli_env, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["-q", "load", "csv", str(export), "--community", community,
                                 "--rejects", str(tmp_path / "r.csv"), "--format", "json"], env=cli_env)
    assert result.exit_code == 1, result.output
    summary = json.loads(result.output[:result.output.rindex("}") + 1])
    assert summary["rejected"] == 5 and summary["reject_file"] == str(tmp_path / "r.csv")
    assert "5 rows rejected" in result.output
    clean = write_dir(tmp_path / "clean", members="member_id\nz\n")
    result = runner.invoke(cli, ["-q", "load", "csv", str(clean), "--community", community], env=cli_env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["-q", "load", "csv", str(tmp_path / "nowhere"), "--community", community],
                           env=cli_env)
    assert result.exit_code == 2


def test_load_csv_job_step(connection, community, export, tmp_path):
    job = tmp_path / "job.toml"
    job.write_text(f'[job]\nname = "nightly"\ncommunity = "{community}"\n\n'
                   f'[[steps]]\nkind = "load_csv"\npath = "{export}"\nrejects = "rejects.csv"\n')
    result = run_job(Workspace(connection), load_job(job))
    assert result.exit_code == 1  # rows were rejected
    assert (tmp_path / "rejects.csv").exists()


MEMBERSHIP_FAULTS = (
    "RETURN count { MATCH (m:Member {community: $c}) "
    "               WHERE m:Outsider = EXISTS { (m)-[:MEMBER_OF]->(:Community {id: $c}) } "
    "                  OR m.is_member = m:Outsider } AS faults, "
    "  count { MATCH (:Member {community: $c})-[:INTERACTED|SHARED]->(b) WHERE b.community <> $c } AS strays")


class CheckedAfterEachCommit:
    """The session's connection, with the loader's writes one at a time and, after each has
    committed, the community checked: every member node a member of its community (MEMBER_OF)
    or an outsider (the label and is_member false), never both or neither; no edge leaves it."""

    def __init__(self, connection, community):
        import threading

        self._connection, self._community, self._one_at_a_time = connection, community, threading.Lock()
        self.commits, self.faults = 0, []

    def __getattr__(self, attribute):
        method = getattr(self._connection, attribute)
        if attribute not in ("write", "write_counters", "write_with_counters"):
            return method

        def write(*args, **kwargs):
            with self._one_at_a_time:
                result = method(*args, **kwargs)
                self.commits += 1
                [row] = self._connection.read_text(MEMBERSHIP_FAULTS, {"c": self._community})[1]
                if row["faults"] or row["strays"]:
                    self.faults.append((args[0], row))
                return result
        return write


def test_every_commit_of_a_load_leaves_each_member_inside_its_community_or_an_outsider(
        connection, community, tmp_path):
    """What a load commits is whole: a member's node, its membership and its labels are written
    by one statement, so no committed state has a member outside its community. Checked after
    every commit of a fresh load (members CREATEd), a load merged over it where outsiders become
    members and new outsiders appear (members MERGEd), and repeated rows."""
    from graphmodel.generate.community import GeneratorOptions, generate_community

    export = tmp_path / "export"
    generate_community(export, GeneratorOptions(members=1_500, seed=5))
    checked = CheckedAfterEachCommit(connection, community)
    load_directory(checked, export, community, reject_path=tmp_path / "r.csv", batch_size=200)
    with open(export / "shares.csv", encoding="utf-8") as handle:
        outsiders = sorted({r["source"] for r in csv.DictReader(handle) if r["source"].startswith("o")})[:30]
    newer = write_dir(tmp_path / "newer",
                      members="member_id,name,is_member\n" + "".join(f"{o},joined {o},true\n" for o in outsiders)
                      + "m0000001,renamed,true\nm0000001,renamed,true\nx1,Xu,false\n",
                      interactions="source,target,type\nm0000002,new-outsider-1,reply\nx1,m0000003,mention\n",
                      shares="source,target,joined\nnew-outsider-2,m0000004,false\n")
    load_directory(checked, newer, community, reject_path=tmp_path / "r2.csv", batch_size=10)
    assert checked.commits > 40 and checked.faults == []
    [row] = connection.read_text("MATCH (m:Member {community: $c}) WHERE m.id IN $ids "
                                 "RETURN sum(count { (m)-[:MEMBER_OF]->() }) AS members, "
                                 "sum(CASE WHEN m:Outsider THEN 1 ELSE 0 END) AS outsiders",
                                 {"c": community, "ids": outsiders})[1]
    assert (row["members"], row["outsiders"]) == (len(outsiders), 0)


def test_analysts_reading_during_a_load_see_growing_counts_and_no_stray_edges(connection, community, tmp_path):
    """Read transactions during a load: counts only grow and every interaction stays inside the
    community. Neo4j's reads are read committed, not snapshots: a read that overlaps a commit
    can see part of it (a node of the committing batch passing ``NOT m:Outsider`` and returning
    the Outsider label in the same query was seen, also for nodes created with both labels in
    one CREATE), so membership is checked after every commit instead (the test above). Neo4j
    5.26 may end a read that meets a concurrent write with Transaction.Outdated; the driver
    retries it after a backoff of a second or more, so this reader retries at once itself."""
    import threading

    import neo4j

    from graphmodel.generate.community import GeneratorOptions, generate_community

    export = tmp_path / "export"
    generate_community(export, GeneratorOptions(members=4_000, seed=5))
    done = threading.Event()
    failure: list[BaseException] = []

    def load():
        try:
            load_directory(connection, export, community, reject_path=tmp_path / "r.csv", batch_size=500)
        except BaseException as error:  # reported by the main thread
            failure.append(error)
        finally:
            done.set()

    query = ("RETURN count { MATCH (:Member {community: $c}) } AS members, "
             "  count { MATCH (:Member {community: $c})-[:INTERACTED]->(b) WHERE b.community <> $c } AS strays, "
             "  count { MATCH (:Member {community: $c})-[r:INTERACTED]->() } AS interactions")
    thread = threading.Thread(target=load)
    thread.start()
    seen = []
    with connection.driver.session(database=connection.database,
                                   default_access_mode=neo4j.READ_ACCESS) as session:
        while not done.is_set() or not seen:
            try:
                with session.begin_transaction() as tx:
                    seen.append(tx.run(query, c=community).single().data())
            except neo4j.exceptions.TransientError:
                continue
    thread.join()
    assert not failure, failure
    assert [r for r in seen if r["strays"]] == [], seen
    assert [r["members"] for r in seen] == sorted(r["members"] for r in seen)
    assert [r["interactions"] for r in seen] == sorted(r["interactions"] for r in seen)
    assert len({r["interactions"] for r in seen}) > 2  # the reads really overlapped the load
    [row] = connection.read_text(MEMBERSHIP_FAULTS, {"c": community})[1]
    assert row == {"faults": 0, "strays": 0}


@pytest.mark.parametrize("kind, source, people, interactions, shares", [
    ("telegram", "telegram/result.json", 4, 5, 4),
    ("slack", "slack", 3, 6, 2),                  # the bot is no member
    ("discord", "discord/general.json", 3, 4, 0),  # the bot and its mention are not mapped
])
def test_chat_exports_load_through_the_cli_idempotently(connection, community, tmp_path, kind, source,
                                                        people, interactions, shares):
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "chat" / source
    runner = CliRunner()
    args = ["load", kind, str(fixture), "--community", community, "--rejects", str(tmp_path / "r.csv"),
            "--keep", str(tmp_path / "converted")]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert f"{people} people, {interactions} interactions, {shares} shares" in first.stderr
    assert (tmp_path / "converted" / "members.csv").is_file()
    content = community_content(connection, community)
    counts = read(connection, "MATCH (m:Member {community: $c}) RETURN count(m) AS members, "
                              "count { (:Member {community: $c})-[:SHARED]->() } AS shares", c=community)[0]
    assert counts["members"] == people and counts["shares"] == shares
    again = runner.invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert community_content(connection, community) == content
