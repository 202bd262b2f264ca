"""Chat exports loaded into the real server: every kind through the CLI, idempotently, with
departures on the Member nodes, export records rejected to the reject file, several exports
into one community matched only by the ids they share, and the job step's options."""

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.graph.community import community_content

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "chat"


def read(connection, query, **params):
    return connection.read_text(query, params)[1]


def members(connection, community):
    return {r["id"]: r for r in read(connection, "MATCH (m:Member {community: $c}) RETURN m.id AS id, m.name AS name, "
                                                  "toString(m.left_at) AS left_at, m.left_reason AS reason, "
                                                  "m.declared_roles AS roles, m.is_member AS member", c=community)}


@pytest.mark.parametrize("kind, source, options, people, shares, gone", [
    ("wechat", "wechat/memotrace/AI学习营_utf8.csv", [], 8, 6, {"name:wechat:7:钱多多": "left"}),
    ("wechat", "wechat/chatlog", ["--utc-offset", "+08:00"], 3, 2, {"wxid_zhenghao": "left"}),
    ("wecom", "wecom", [], 9, 6, {"wmOgQhDgAAcust0003": "removed"}),
    ("qq", "qq/全部消息记录.txt", ["--talker", "Python学习群"], 5, 1,
     {"40004": "left", "name:qq:Python学习群:小黑": "removed"}),
    ("whatsapp", "whatsapp/WhatsApp Chat - Makers", ["--date-order", "DMY"], 5, 4,
     {"name:whatsapp:Makers:Carol": "left"}),
])
def test_each_kind_loads_through_the_cli_idempotently(connection, community, tmp_path, kind, source, options,
                                                      people, shares, gone):
    args = ["load", kind, str(FIXTURES / source), "--community", community, "--rejects", str(tmp_path / "r.csv"),
            *options]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert f"{people} people" in first.stderr and f"{shares} shares" in first.stderr
    loaded = members(connection, community)
    assert len(loaded) == people and all(m["member"] for m in loaded.values())
    assert {i: m["reason"] for i, m in loaded.items() if m["left_at"]} == gone
    [counted] = read(connection, "RETURN count { (:Member {community: $c})-[:SHARED {joined: true}]->() } AS n",
                     c=community)
    assert counted["n"] == shares
    content = community_content(connection, community)
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert community_content(connection, community) == content


def test_unreadable_export_records_go_to_the_reject_file(connection, community, tmp_path):
    source = tmp_path / "AI学习营_utf8.csv"
    source.write_bytes((FIXTURES / "wechat" / "memotrace" / "AI学习营_utf8.csv").read_bytes()
                       + "20,7,1,0,0,not-a-time,0,坏行,,,赵敏,wxid_zhaomin4\r\n".encode())
    result = CliRunner().invoke(cli, ["load", "wechat", str(source), "--community", community,
                                      "--rejects", str(tmp_path / "r.csv"), "--format", "json"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["rejected"] == 1 and document["tables"][0] == {
        "table": "wechat export", "file": source.name, "read": 20, "loaded": 19, "rejected": 1, "forgotten": 0, "without_tie": 0,
        "nodes_created": 0, "relationships_created": 0}
    assert document["export"]["people"] == 8 and document["export"]["records_rejected"] == 1
    with open(tmp_path / "r.csv", encoding="utf-8") as handle:
        [reject] = list(csv.DictReader(handle))
    assert (Path(reject["file"]).name, reject["line"], reject["field"]) == (source.name, "21", "CreateTime")
    assert len(members(connection, community)) == 8  # the good records loaded


def test_several_exports_into_one_community_match_only_by_shared_ids(connection, community, tmp_path):
    # A WeChat group (WeChatMsg), another WeChat group (chatlog) and two WeCom customer groups
    # with their callbacks (one folder): 8 + 3 + 9 people, none matched by display name.
    loads = [["wechat", FIXTURES / "wechat" / "memotrace" / "AI学习营_utf8.csv"],
             ["wechat", FIXTURES / "wechat" / "chatlog"],
             ["wecom", FIXTURES / "wecom"]]
    for kind, source in loads:
        result = CliRunner().invoke(cli, ["-q", "load", kind, str(source), "--community", community,
                                          "--rejects", str(tmp_path / "r.csv")])
        assert result.exit_code == 0, result.output
    loaded = members(connection, community)
    assert len(loaded) == 8 + 3 + 9
    assert sorted(i for i, m in loaded.items() if m["name"] == "王老师") == ["WangLaoShi", "wxid_wang001"]
    assert sorted(i for i, m in loaded.items() if m["name"] == "张三") == [
        "ozynqsulJFCZ2z1aYeS8h-nuasdA02", "wmOgQhDgAAcust0003"]
    assert sorted(i for i, m in loaded.items() if m["name"] == "小明") == ["wxid_xm00006", "wxid_xm00007"]
    assert "ozynqsulJFCZ2z1aYeS8h-nuasdA01" in loaded  # 王小二 in both WeCom groups: one member, by unionid
    assert loaded["LiZhuJiao"]["roles"] == ["manager"] and loaded["ZhaoYunYing"]["roles"] == ["executor"]
    content = community_content(connection, community)
    for kind, source in reversed(loads):  # again, in the other order: the same graph
        result = CliRunner().invoke(cli, ["-q", "load", kind, str(source), "--community", community,
                                          "--rejects", str(tmp_path / "r.csv")])
        assert result.exit_code == 0, result.output
    assert community_content(connection, community) == content


def test_the_same_wechat_group_from_two_exporters_is_one_set_of_members(connection, community, tmp_path):
    # WeChatMsg's and chatlog's CSV of one group share the wxids: the people merge; a message both
    # exported (周老师's welcome at 20:01) is one tie, a message only one has is another.
    memotrace = tmp_path / "memotrace.csv"
    memotrace.write_text(
        "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\r\n"
        "1,9,1,0,0,1714564860,0,欢迎 @吴桐\u2005,2024-05-01 20:01:00,,周老师,wxid_zhou01\r\n"
        "2,9,1,0,1,1714564920,2,谢谢老师,2024-05-01 20:02:00,,吴桐,wxid_wutong2\r\n"
        "3,9,1,0,0,1714572000,0,@吴桐\u2005 晚安,2024-05-01 22:00:00,,周老师,wxid_zhou01\r\n", encoding="utf-8-sig")
    for kind, source in (("wechat", memotrace), ("wechat", FIXTURES / "wechat" / "chatlog")):
        result = CliRunner().invoke(cli, ["-q", "load", kind, str(source), "--community", community,
                                          "--rejects", str(tmp_path / "r.csv")])
        assert result.exit_code == 0, result.output
    assert sorted(members(connection, community)) == ["wxid_wutong2", "wxid_zhenghao", "wxid_zhou01"]
    [ties] = read(connection, "MATCH (:Member {community: $c, id: 'wxid_zhou01'})-[r:INTERACTED {type: 'mention'}]->"
                              "(:Member {id: 'wxid_wutong2'}) RETURN count(r) AS n", c=community)
    assert ties["n"] == 2


def test_a_job_loads_a_chat_export_with_its_options(connection, community, tmp_path):
    job = tmp_path / "job.toml"
    job.write_text(f'[job]\nname = "qq"\ncommunity = "{community}"\n\n'
                   f'[[steps]]\nkind = "load_chat"\nexport = "qq"\n'
                   f'path = "{(FIXTURES / "qq" / "全部消息记录.txt").as_posix()}"\n'
                   f'talker = "Python学习群"\nutc_offset = "+00:00"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "job", "run", str(job)])
    assert result.exit_code == 0, result.output
    [row] = read(connection, "MATCH (m:Member {community: $c, id: '20002'}) RETURN toString(m.joined_at) AS at",
                 c=community)
    assert row["at"] == "2024-03-01T20:01:00Z"  # read at the offset the job gave
    bad = tmp_path / "bad.toml"
    bad.write_text(job.read_text(encoding="utf-8").replace('talker = "Python学习群"\n', 'date_order = "DMY"\n'),
                   encoding="utf-8")
    failed = CliRunner().invoke(cli, ["-q", "job", "run", str(bad)])
    assert failed.exit_code == 2 and "the qq export takes no 'date_order' option" in failed.output  # stopped
