"""Chat exports mapped onto the model: replies, mentions, reactions, joins, departures, forwards,
and what could not be mapped, counted by kind. The fixtures in tests/fixtures/chat are shaped as
each exporter's writer emits them (each says which); the real samples are in
test_chat_real_samples.py."""

import json
import shutil
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat import convert_export

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "chat"


def edges(conversion, table):
    rows = getattr(conversion, table)
    if table == "interactions":
        return sorted((r["source"], r["target"], r["type"]) for r in rows)
    return sorted((r["source"], r["target"], r["channel"], r["joined"]) for r in rows)


def iso(value):
    return value.isoformat() if value else None


# Telegram ----------------------------------------------------------------------------------
def test_telegram(tmp_path):
    c = convert_export("telegram", FIXTURES / "telegram" / "result.json", tmp_path)
    assert edges(c, "interactions") == [
        ("user1001", "user1004", "reply"),       # 王老师 welcomes Omar
        ("user1002", "user1001", "reaction"),    # 👍 from 李雷
        ("user1002", "user1001", "reply"),
        ("user1003", "user1001", "reaction"),    # 👍 from Hanna
        ("user1004", "user1003", "mention"),     # a mention_name with a user id
    ]
    assert edges(c, "shares") == [
        ("user1001", "user1002", "invite", True),   # invited by name, resolved to the id
        ("user1001", "user1003", "forward", False),  # Hanna forwards 王老师
        ("user1001", "user1003", "invite", True),
        ("user1002", "user1004", "link", True),      # Omar joins by 李雷's link
    ]
    assert iso(c.members["user1004"]["joined_at"]) == "2024-03-02T20:00:00+00:00"
    assert c.members["user1002"]["name"] == "李雷"
    assert c.skipped == {"mentions by @username (the export has no usernames)": 1,
                         "forwards from outside the chat": 1, "replies to a message not in the export": 1}
    assert (tmp_path / "members.csv").is_file() and (tmp_path / "shares.csv").is_file()


def test_telegram_forum_group(tmp_path):
    # tests/fixtures/chat/telegram/forum: the shapes the issue lists, as SerializeMessage writes them.
    c = convert_export("telegram", FIXTURES / "telegram" / "forum", tmp_path)
    mia, kim, lee, dana, ola = "user1001", "user1002", "user1003", "user1005", "user1008"
    # Dana never posts: invited by name, her reaction and the mention_name give her id, so the
    # recruitment lands on the same node as her ties (not on a "name:" node).
    assert edges(c, "shares") == [(mia, dana, "invite", True), (kim, lee, "link", True)]
    assert edges(c, "interactions") == [(kim, mia, "reply"), (dana, kim, "reaction"), (ola, dana, "mention")]
    assert not any(m.startswith(("name:", "channel")) for m in c.members)  # no group-as-member, no name nodes
    assert c.skipped == {
        "messages sent as the group or a channel (no person)": 1,
        "people named in service messages whose account is deleted (no name)": 1,  # members: [..., null]
        "people named in service messages by a name several people share": 1,     # two people named Sam
        "reactions without a reactor (the export lists only recent reactors)": 2,
        "replies to a message in another chat": 1,                                # reply_to_peer_id
        "service messages: topic_created": 1}
    # 11 replies to the topic's first message (10, topic_created): a topic post, no reply, no count.
    reaction = next(i for i in c.interactions if i["type"] == "reaction")
    assert iso(reaction["at"]) == "2024-06-01T12:10:00+00:00"  # recent[].date 20:10 local at UTC+08:00
    assert "UTC+08:00" in c.notes[0] and "date_unixtime" in c.notes[0]
    assert iso(c.members[lee]["left_at"]) is None and c.joins == 3  # removed at 21:00, back by link at 22:00
    assert iso(c.members[ola]["joined_at"]) == "2024-06-02T01:00:00+00:00"  # join_group_by_request


def test_telegram_utc_offset_given(tmp_path):
    c = convert_export("telegram", FIXTURES / "telegram" / "forum", tmp_path, {"utc_offset": "+02:00"})
    reaction = next(i for i in c.interactions if i["type"] == "reaction")
    assert iso(reaction["at"]) == "2024-06-01T18:10:00+00:00"
    assert c.notes == ["Telegram times written without an offset (reactions; messages without "
                       "date_unixtime) read as UTC+02:00 (as given by --utc-offset)"]


def test_telegram_html_export_is_named(tmp_path):
    (tmp_path / "messages.html").write_text("<html></html>", encoding="utf-8")
    with pytest.raises(InputError, match="HTML export: export the chat again with format \"Machine-readable JSON\""):
        convert_export("telegram", tmp_path, tmp_path / "out")


# Slack -------------------------------------------------------------------------------------
def test_slack(tmp_path):
    c = convert_export("slack", FIXTURES / "slack", tmp_path)
    assert edges(c, "interactions") == [
        ("U01AAA", "U02BBB", "mention"),
        ("U02BBB", "U01AAA", "reaction"),
        ("U02BBB", "U01AAA", "reply"),
        ("U03CCC", "U01AAA", "mention"),   # <@U01AAA|ana>
        ("U03CCC", "U01AAA", "reaction"),
        ("U03CCC", "U01AAA", "reply"),
    ]
    assert edges(c, "shares") == [("U01AAA", "U02BBB", "invite", True), ("U01AAA", "U03CCC", "invite", True)]
    assert c.members["U02BBB"]["name"] == "张伟" and "U04DDD" not in c.members  # the bot is no member
    assert iso(c.members["U03CCC"]["joined_at"]).startswith("2024-01-01T00:03")
    assert c.skipped == {"bots (no members)": 1, "messages by bots": 1}


def _slack_copy(tmp_path):
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "slack", export)
    return export


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_slack_private_channels_dms_and_unlisted_folders_are_read(tmp_path):
    # Slack's Business+ export layout (slack.com/help/articles/220556107): groups.json for private
    # channels (folders by name), mpims.json for group DMs (by name), dms.json for DMs (by id).
    export = _slack_copy(tmp_path)
    _write(export / "groups.json", [{"id": "G01PRV", "name": "core-team", "created": 1704067200,
                                     "members": ["U01AAA", "U02BBB"]}])
    _write(export / "core-team" / "2024-01-05.json", [
        {"type": "message", "user": "U02BBB", "text": "<@U01AAA> 私聊一下排期", "ts": "1704420000.000100"}])
    _write(export / "dms.json", [{"id": "D01DM", "created": 1704067200, "members": ["U01AAA", "U03CCC"]}])
    _write(export / "D01DM" / "2024-01-05.json", [
        {"type": "message", "user": "U03CCC", "text": "thanks for the intro", "ts": "1704420100.000100"},
        {"type": "message", "user": "U01AAA", "text": "any time", "ts": "1704420200.000100"}])
    _write(export / "mpims.json", [{"id": "C01MP", "name": "mpdm-ana--zhangwei--minjun-1",
                                    "members": ["U01AAA", "U02BBB", "U03CCC"]}])
    _write(export / "mpdm-ana--zhangwei--minjun-1" / "2024-01-06.json", [
        {"type": "message", "user": "U02BBB", "text": "周五见", "ts": "1704510000.000100",
         "reactions": [{"name": "+1", "users": ["U03CCC"], "count": 2}]}])
    _write(export / "old-archive" / "2023-12-01.json", [
        {"type": "message", "user": "U03CCC", "text": "from before the lists", "ts": "1701400000.000100"}])
    c = convert_export("slack", export, tmp_path / "out")
    got = Counter((i["source"], i["target"], i["type"]) for i in c.interactions)
    assert got[("U02BBB", "U01AAA", "mention")] == 1              # the private channel
    assert got[("U03CCC", "U01AAA", "message")] == 1 and got[("U01AAA", "U03CCC", "message")] == 1  # the DM
    assert got[("U03CCC", "U02BBB", "reaction")] == 1             # the group DM
    assert c.messages == 4 + 1 + 2 + 1 + 1  # the fixture's 4, the private channel, the DM, the group DM, the folder
    assert c.notes == ["read 2 channels, 1 private channel, 1 group DM, 1 DM",
                       "1 folder(s) no conversation list names, read as channels: old-archive"]
    assert c.skipped["reactions without a reactor (the export lists only some)"] == 1


def test_slack_bots_never_become_members_and_channel_joins_are_one_recruitment(tmp_path):
    export = _slack_copy(tmp_path)
    _write(export / "random" / "2024-01-04.json", [
        {"type": "message", "user": "U04DDD", "bot_id": "B01", "text": "<@U01AAA> standup?", "ts": "1704330000.1"},
        {"type": "message", "user": "U01AAA", "text": "<@U04DDD> later", "ts": "1704330100.1",
         "reactions": [{"name": "robot_face", "users": ["U04DDD"], "count": 1}]},
        {"type": "message", "subtype": "channel_join", "user": "U02BBB", "inviter": "U03CCC",
         "text": "<@U02BBB> has joined the channel", "ts": "1704330200.1"},
        {"type": "message", "subtype": "channel_leave", "user": "U02BBB", "text": "<@U02BBB> has left",
         "ts": "1704330300.1"}])
    c = convert_export("slack", export, tmp_path / "out")
    assert "U04DDD" not in c.members
    assert c.skipped["replies, mentions and reactions involving bots"] == 2  # the mention and the reaction
    assert c.skipped["messages by bots"] == 2
    # 张伟 joined general (invited by ana) and then random (invited by minjun): one recruitment.
    assert [s for s in edges(c, "shares") if s[1] == "U02BBB"] == [("U01AAA", "U02BBB", "invite", True)]
    assert c.skipped["joins of another channel by someone already in (no new recruitment)"] == 1
    assert c.members["U02BBB"]["left_at"] is None  # left random, still in general


def test_slack_leaving_the_last_channel_is_a_departure(tmp_path):
    export = _slack_copy(tmp_path)
    _write(export / "general" / "2024-01-09.json", [
        {"type": "message", "subtype": "channel_leave", "user": "U02BBB", "text": "<@U02BBB> has left the channel",
         "ts": "1704790000.000000"}])
    c = convert_export("slack", export, tmp_path / "out")
    assert iso(c.members["U02BBB"]["left_at"]) == "2024-01-09T08:46:40+00:00"
    assert c.members["U02BBB"]["left_reason"] == "left" and c.departures == 1


# Discord -----------------------------------------------------------------------------------
def test_discord(tmp_path):
    c = convert_export("discord", FIXTURES / "discord", tmp_path)
    alice, bob, chen = (f"31000000000000000{i}" for i in (1, 2, 3))
    assert edges(c, "interactions") == sorted([
        (bob, alice, "reaction"), (chen, alice, "reaction"), (bob, alice, "reply"), (bob, alice, "mention")])
    assert c.shares == []
    assert c.members[chen]["name"] == "陈晨" and "310000000000000009" not in c.members
    assert iso(c.members[chen]["joined_at"]) == "2024-04-01T10:00:00+00:00"
    assert c.skipped == {"replies to a message not in the export": 1, "bots (no members)": 1,
                         "messages by bots": 1}


def _dce_user(ident, name, bot=False):
    # JsonMessageWriter.WriteUserAsync: id, name, discriminator, nickname, color, isBot, roles, avatarUrl
    return {"id": ident, "name": name, "discriminator": "0000", "nickname": name, "color": None, "isBot": bot,
            "roles": [], "avatarUrl": ""}


def _dce_message(ident, kind, author, content="", **extra):
    # JsonMessageWriter.WriteMessageAsync: id, type, timestamp, ..., content, author, attachments,
    # components, embeds, stickers, reactions, mentions, then reference {type, messageId,
    # channelId, guildId} for every referencing message, forwardedMessage for forwards.
    message = {"id": ident, "type": kind, "timestamp": f"2024-06-01T10:{int(ident[-2:]):02d}:00+00:00",
               "timestampEdited": None, "callEndedTimestamp": None, "isPinned": False, "content": content,
               "author": author, "attachments": [], "components": [], "embeds": [], "stickers": [],
               "reactions": [], "mentions": []}
    message.update(extra)
    return message


def test_discord_pins_forwards_deleted_users_and_duplicates(tmp_path):
    ana, ben, gone1, gone2 = (_dce_user("401", "ana"), _dce_user("402", "ben"),
                              _dce_user("456226577798135808", "Deleted User"),
                              _dce_user("456226577798135808", "Deleted User"))
    ref = lambda kind, target: {"type": kind, "messageId": target, "channelId": "9", "guildId": "8"}  # noqa: E731
    messages = [
        _dce_message("1001", "Default", ana, "hello"),
        _dce_message("1002", "ChannelPinnedMessage", ben, "Pinned a message.", reference=ref("Default", "1001")),
        _dce_message("1003", "Default", ben, "", reference=ref("Forward", "1001"),
                     forwardedMessage={"timestamp": "2024-06-01T10:01:00+00:00", "content": "hello"}),
        _dce_message("1004", "Default", ben, "fwd from elsewhere", reference=ref("Forward", "7777")),
        _dce_message("1005", "Default", gone1, "old post"),
        _dce_message("1006", "Reply", ana, "re", reference=ref("Default", "1005")),
        _dce_message("1007", "Default", gone2, "another old post"),
        _dce_message("1008", "Reply", ben, "yes", reference=ref("Default", "1001"), mentions=[ana]),
        _dce_message("1008", "Reply", ben, "yes", reference=ref("Default", "1001"), mentions=[ana]),
        _dce_message("1009", "RecipientAdd", ana, "Added ben to the group.", mentions=[ben]),
        _dce_message("1010", "RecipientRemove", ben, "Left the group.", mentions=[ben]),
    ]
    path = tmp_path / "dm.json"
    _write(path, {"guild": {"id": "0", "name": "Direct Messages"}, "channel": {"id": "9", "type": "DirectGroupTextChat"},
                  "messages": messages, "messageCount": len(messages)})
    c = convert_export("discord", path, tmp_path / "out")
    assert edges(c, "interactions") == [("402", "401", "mention"), ("402", "401", "reply")]  # 1008 only
    assert edges(c, "shares") == [("401", "402", "forward", False), ("401", "402", "invite", True)]
    assert sorted(c.members) == ["401", "402"]  # the deleted users are no hub member
    assert c.skipped == {"system messages: ChannelPinnedMessage": 1, "forwards of a message not in the export": 1,
                         "messages and ties of deleted users (Discord shows them all as one \"Deleted User\")": 3,
                         "messages given twice (the same id)": 1}
    assert c.messages == 5  # 1001, 1003, 1004, 1006, 1008: no system notice, no duplicate
    assert c.members["402"]["left_reason"] == "left"


# WeChat ------------------------------------------------------------------------------------
def test_wechat_memotrace_csv(tmp_path):
    # tests/fixtures/chat/wechat/memotrace: written as WeChatMsg's CSVExporter.to_csv writes it.
    # 19 records: 11 messages and 8 system messages (Type 10000).
    c = convert_export("wechat", FIXTURES / "wechat" / "memotrace" / "AI学习营_utf8.csv", tmp_path)
    wang, li, han, zhao, sun = "wxid_wang001", "wxid_lilei02", "wxid_hmm003", "wxid_zhaomin4", "wxid_sun0005"
    qian = "name:wechat:7:钱多多"  # joined by link, never posted: kept by name within the group
    assert (c.records, c.messages, len(c.members), c.joins, c.departures) == (19, 11, 8, 6, 1)
    assert edges(c, "shares") == sorted([
        (wang, li, "invite", True), (wang, han, "invite", True),  # 你邀请"李雷、韩梅梅": 你 is the IsSender
        (li, zhao, "invite", True), (han, sun, "qrcode", True), (li, qian, "link", True),
        (sun, zhao, "qrcode", True)])                              # 赵敏 removed, then back by QR code
    assert edges(c, "interactions") == [(wang, han, "mention"), (wang, li, "mention")]
    assert c.members[qian]["left_reason"] == "left" and iso(c.members[qian]["left_at"]) == "2024-03-02T12:00:00+00:00"
    assert c.members[zhao]["left_at"] is None  # the rejoin made her a current member again
    assert c.skipped == {"quotes whose quoted message the export does not name": 1,
                         "mentions of everyone (@所有人)": 1, "mentions of a name several members share": 1,
                         "mentions of a name no member of the group shows": 1,
                         "system messages other than joins and departures": 1}
    assert c.notes == [] and c.rejects == []  # CreateTime is Unix time: no offset to assume


def test_wechat_bad_records_are_rejected_by_file_line_and_field(tmp_path):
    path = tmp_path / "AI学习营_utf8.csv"
    good = (FIXTURES / "wechat" / "memotrace" / "AI学习营_utf8.csv").read_bytes()
    path.write_bytes(good + "20,7,1,0,0,abc,0,时间坏了,,,赵敏,wxid_zhaomin4\r\n21,7,1,0\r\n".encode())
    c = convert_export("wechat", path, tmp_path / "out")
    assert [(r.file, r.line, r.field) for r in c.rejects] == [
        (str(path), 21, "CreateTime"), (str(path), 22, "IsSender")]  # the first field missing
    assert c.rejects[0].reason == "'abc' is not a Unix time in seconds"
    assert c.rejects[1].reason == "the record has 4 fields; the header has 12"
    assert (c.records, c.messages) == (21, 11)  # the good records all converted


def test_wechat_chatlog_csv(tmp_path):
    # tests/fixtures/chat/wechat/chatlog: written as chatlog's Message.CSV writes it (Go csv, "\n").
    # 9 records: 6 messages and 3 system messages.
    c = convert_export("wechat", FIXTURES / "wechat" / "chatlog", tmp_path)
    zhou, wu, zheng = "wxid_zhou01", "wxid_wutong2", "wxid_zhenghao"
    assert (c.records, c.messages, len(c.members), c.joins, c.departures) == (9, 6, 3, 2, 1)
    assert edges(c, "interactions") == [(wu, zhou, "reply"), (zhou, wu, "mention")]  # the quote names zhou
    assert edges(c, "shares") == [(wu, zheng, "qrcode", True), (zhou, wu, "invite", True)]
    assert c.skipped == {"quotes whose quoted message the export does not name": 1}  # "> [引用]"
    assert c.notes == ["chatlog's Time (the chatlog machine's local time) read as UTC+08:00 (assumed; "
                       "pass --utc-offset to change it)"]
    assert iso(c.members[wu]["joined_at"]) == "2024-05-01T12:00:00+00:00"
    shifted = convert_export("wechat", FIXTURES / "wechat" / "chatlog", tmp_path / "b", {"utc_offset": "+0"})
    assert iso(shifted.members[wu]["joined_at"]) == "2024-05-01T20:00:00+00:00"


def test_wechat_several_talkers_need_talker(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    shutil.copy(FIXTURES / "wechat" / "chatlog" / "读书会.csv", folder / "a.csv")
    (folder / "b.csv").write_text("Time,SenderName,Sender,TalkerName,Talker,Content\n"
                                  "2024-05-03 10:00:00,小林,wxid_lin,跑团,999@chatroom,早\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"holds 2 chats; pick one with --talker .*20817761234@chatroom \(读书会"):
        convert_export("wechat", folder, tmp_path / "out")
    c = convert_export("wechat", folder, tmp_path / "out", {"talker": "跑团"})
    assert list(c.members) == ["wxid_lin"]
    with pytest.raises(InputError, match="no chat 'nope'"):
        convert_export("wechat", folder, tmp_path / "out", {"talker": "nope"})


def test_wechat_all_messages_csv_and_other_files_are_named(tmp_path):
    allmsgs = tmp_path / "messages.csv"
    allmsgs.write_text("localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime\n1,7,1,0,0,1,0,x,\n",
                       encoding="utf-8-sig")
    with pytest.raises(InputError, match="all-messages CSV, which has no Sender column"):
        convert_export("wechat", allmsgs, tmp_path / "out")
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"other\.csv: line 1: not a WeChat CSV export"):
        convert_export("wechat", other, tmp_path / "out")


# WeCom -------------------------------------------------------------------------------------
def test_wecom_groups_list_and_callbacks(tmp_path):
    # tests/fixtures/chat/wecom: two groupchat/get responses, a groupchat/list page, callback XML.
    c = convert_export("wecom", FIXTURES / "wecom", tmp_path)
    union = "ozynqsulJFCZ2z1aYeS8h-nuasdA0"
    wang, li, zhao = "WangLaoShi", "LiZhuJiao", "ZhaoYunYing"
    assert (c.records, len(c.members), c.joins, c.departures) == (10, 9, 10, 1)
    # 王小二 is in both groups under two group nicknames: one member, by unionid; the two 张三
    # (one with a unionid, one without) stay two people.
    assert f"{union}1" in c.members and sum(m["name"] == "张三" for m in c.members.values()) == 2
    assert edges(c, "shares") == sorted([
        (wang, li, "invite", True), (wang, zhao, "invite", True), (li, f"{union}1", "qrcode", True),
        (li, f"{union}2", "link", True), (zhao, "wmOgQhDgAAcust0003", "invite", True),
        (f"{union}1", f"{union}5", "invite", True)])
    assert c.members[wang]["declared_role"] == ["manager"] and c.members[li]["declared_role"] == ["manager"]
    assert c.members[zhao]["declared_role"] == ["executor"] and c.members[f"{union}1"]["declared_role"] is None
    assert c.members["wmOgQhDgAAcust0003"]["left_reason"] == "removed"  # QuitScene 1
    assert c.members[f"{union}4"]["left_at"] is None     # left group 1 (QuitScene 0), joined group 2 later
    assert c.members[f"{union}1"]["left_at"] is None     # left group 1, still in group 2
    assert c.skipped == {"joins of another group by someone already in (no new recruitment)": 2,
                         "groups listed by groupchat/list without their groupchat/get response": 1,
                         "callback members no groupchat/get of the source shows (kept by userid)": 1,
                         "change_external_chat events other than members joining or leaving": 1}
    assert c.notes == ["2 WeCom groups read into one community"]


def test_wecom_one_group_by_talker_and_api_errors(tmp_path):
    folder = tmp_path / "wecom"
    shutil.copytree(FIXTURES / "wecom", folder)
    (folder / "failed.json").write_text('{"errcode": 40003, "errmsg": "invalid userid"}', encoding="utf-8")
    c = convert_export("wecom", folder, tmp_path / "out", {"talker": "AI学习营 二群"})
    assert sorted(c.members) == ["LiZhuJiao", "ozynqsulJFCZ2z1aYeS8h-nuasdA01", "ozynqsulJFCZ2z1aYeS8h-nuasdA04",
                                 "ozynqsulJFCZ2z1aYeS8h-nuasdA05"]
    [reject] = c.rejects
    assert (Path(reject.file).name, reject.line, reject.field) == ("failed.json", 1, "errcode")
    assert "40003 invalid userid" in reject.reason


def test_wecom_xml_with_entities_is_refused(tmp_path):
    path = tmp_path / "events.xml"
    path.write_text('<!DOCTYPE x [<!ENTITY a "b">]><xml><Event>&a;</Event></xml>', encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE or entities"):
        convert_export("wecom", path, tmp_path / "out")


# QQ ----------------------------------------------------------------------------------------
def test_qq_group_with_titles_joins_and_departures(tmp_path):
    # tests/fixtures/chat/qq/全部消息记录.txt: GB18030 with CRLF, two chats.
    path = FIXTURES / "qq" / "全部消息记录.txt"
    with pytest.raises(InputError, match=r"holds 2 chats; pick one with --talker .*Python学习群 \(8 messages\); 摄影群"):
        convert_export("qq", path, tmp_path)
    c = convert_export("qq", path, tmp_path, {"talker": "Python学习群"})
    zhang, li, wang, qiang, hei = "10001", "20002", "30003", "40004", "name:qq:Python学习群:小黑"
    assert (c.messages, len(c.members), c.joins, c.departures) == (4, 5, 2, 2)
    assert edges(c, "interactions") == [(li, zhang, "mention"), (wang, qiang, "mention"), (qiang, wang, "mention")]
    assert edges(c, "shares") == [(li, qiang, "invite", True)]  # 小李邀请阿强加入了本群: resolved to 40004
    assert c.members[qiang]["left_reason"] == "left" and c.members[hei]["left_reason"] == "removed"
    assert c.members[zhang]["declared_role"] == ["manager"] and c.members[wang]["declared_role"] == ["manager"]
    assert c.skipped == {"mentions of a nickname no one in the chat shows": 1}
    assert iso(c.members[li]["joined_at"]) == "2024-03-01T12:01:00+00:00"


# WhatsApp ----------------------------------------------------------------------------------
def test_whatsapp_ios_export(tmp_path):
    # tests/fixtures/chat/whatsapp/WhatsApp Chat - Makers/_chat.txt: the iOS layout (day first).
    c = convert_export("whatsapp", FIXTURES / "whatsapp" / "WhatsApp Chat - Makers", tmp_path)
    alice, bob, carol, dave = (f"name:whatsapp:Makers:{n}" for n in ("Alice", "Bob", "Carol", "Dave"))
    phone = "wa:+447700900123"  # a phone number is an id of its own, not scoped to the chat
    assert (c.records, c.messages, len(c.members), c.joins, c.departures) == (11, 4, 5, 6, 1)
    assert edges(c, "shares") == sorted([(alice, bob, "invite", True), (alice, carol, "invite", True),
                                         (alice, phone, "invite", True), (alice, dave, "invite", True)])
    assert edges(c, "interactions") == [(dave, alice, "mention")]
    assert c.members[carol]["left_reason"] == "left" and c.members[dave]["left_at"] is None  # removed, re-added
    assert c.skipped == {"system lines other than joins and departures": 1}
    assert c.notes[0] == "dates read as DMY (only that order fits every date); --date-order to force"


def test_whatsapp_android_twelve_hour_clock(tmp_path):
    c = convert_export("whatsapp", FIXTURES / "whatsapp" / "WhatsApp Chat with Family.txt", tmp_path,
                       {"utc_offset": "+01:00"})
    mum = "name:whatsapp:Family:Mum"
    assert (c.messages, list(c.members)) == (2, [mum])
    assert iso(c.members[mum]["joined_at"]) == "2023-12-25T20:06:00+00:00"  # 9:06 pm at UTC+01:00
    assert c.skipped == {"system lines about the exporter (\"you\"), whom the export does not name": 2,
                         "system lines other than joins and departures": 1}


def test_whatsapp_not_an_export(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.txt: line 1: not a WhatsApp chat export"):
        convert_export("whatsapp", path, tmp_path / "out")


# every kind -----------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["telegram", "slack", "discord", "wecom"])
def test_not_an_export_is_a_clear_error(kind, tmp_path):
    bad = tmp_path / "export.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(InputError) as error:
        convert_export(kind, bad if kind != "slack" else tmp_path, tmp_path / "out")
    assert str(tmp_path) in str(error.value)


def test_broken_json_names_the_file(tmp_path):
    bad = tmp_path / "result.json"
    bad.write_text('{"messages": [', encoding="utf-8")
    with pytest.raises(InputError, match="result.json"):
        convert_export("telegram", bad, tmp_path / "out")


def test_options_are_checked_per_kind(tmp_path):
    with pytest.raises(InputError, match="the slack export takes no 'utc_offset' option"):
        convert_export("slack", FIXTURES / "slack", tmp_path, {"utc_offset": "+8"})
    with pytest.raises(InputError, match=r"'\+25:00' is not a UTC offset"):
        convert_export("telegram", FIXTURES / "telegram" / "forum", tmp_path, {"utc_offset": "+25:00"})
    with pytest.raises(InputError, match="'YDM' is not a date order"):
        convert_export("whatsapp", FIXTURES / "whatsapp" / "WhatsApp Chat with Family.txt", tmp_path,
                       {"date_order": "YDM"})
    with pytest.raises(InputError, match="'since' is not an export option"):
        convert_export("qq", FIXTURES / "qq" / "全部消息记录.txt", tmp_path, {"since": "2024"})


def test_a_converted_departure_is_written_to_the_members_table(tmp_path):
    convert_export("whatsapp", FIXTURES / "whatsapp" / "WhatsApp Chat - Makers", tmp_path)
    text = (tmp_path / "members.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "member_id,name,joined_at,is_member,declared_role,threshold,left_at,left_reason"
    assert "name:whatsapp:Makers:Carol,Carol,2020-12-09T23:16:05+00:00,true,,,2020-12-14T10:00:00+00:00,left" in text


def test_the_timeline_of_joins_and_departures():
    from graphmodel.loaders.chat.common import ChatConversion

    c = ChatConversion("test")
    t = [datetime(2024, 1, d, tzinfo=UTC) for d in range(1, 8)]
    c.member("a", "A")
    c.member("b", "B")
    c.member("bot", "Bot", bot=True)
    c.join("b", t[0], by="a", channel="invite")
    c.join("b", t[0].replace(second=30))                     # the same join seen twice: no count
    c.join("b", t[1], by="a", channel="invite")              # already in: no new recruitment
    c.leave("b", t[2], "removed")
    c.join("b", t[3], by="a", channel="link")                # back: current again, recruited again
    c.join("x", t[1], by="bot", channel="invite")            # a bot's invitation: no share
    c.leave("x", t[4], "left")
    c.leave("y", None, "left")                               # a departure without a time: counted
    assert c.interaction("a", "a", "reply", t[0]) is False and c.interaction("a", "bot", "mention", t[0]) is False
    assert edges(c, "shares") == [("a", "b", "invite", True), ("a", "b", "link", True)]
    assert c.members["b"]["left_at"] is None and iso(c.members["b"]["joined_at"]) == "2024-01-01T00:00:00+00:00"
    assert iso(c.members["x"]["left_at"]) == "2024-01-05T00:00:00+00:00" and c.members["x"]["left_reason"] == "left"
    assert "bot" not in c.members and (c.joins, c.departures) == (3, 1)
    assert c.skipped == {"joins of someone already in (no new recruitment)": 1, "departures without a time": 1,
                         "replies to one's own message": 1, "replies, mentions and reactions involving bots": 1,
                         "bots (no members)": 1, "shares involving bots": 1}
