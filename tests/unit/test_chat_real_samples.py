"""Every real export sample in ../shared/data/chat-exports converts with the counts a hand count
of the sample gives. Each test says how it was counted (by reading the file); the samples are
read from the shared folder, never copied into the repository."""

from collections import Counter

import pytest

from graphmodel.loaders.chat import convert_export


@pytest.fixture(scope="module")
def exports(shared_data):
    return shared_data / "chat-exports"


def ties(conversion):
    return Counter((i["source"], i["target"], i["type"]) for i in conversion.interactions)


def test_telegram_desktop_supergroup(exports, tmp_path):
    # tgif-csharp-indonesia: 32 "message" entries by two people (user719119535 Kiro Honjou 16,
    # user149994951 Ronny Gunawan 16). 20 have reply_to_message_id: 5131 -> 5130 is not in the
    # excerpt, 5136 -> 5135 and 5149 -> 5146 are Kiro replying to himself, the other 17 are
    # replies between the two (Kiro to Ronny 10, Ronny to Kiro 7). One entity is a @username
    # mention (@RonnyGunawan in 5136). Every entry has date_unixtime, so no local time is read.
    c = convert_export("telegram", exports / "telegram" / "tgif-csharp-indonesia" / "result.json", tmp_path)
    assert (c.records, c.messages, len(c.members)) == (32, 32, 2)
    assert ties(c) == {("user719119535", "user149994951", "reply"): 10,
                       ("user149994951", "user719119535", "reply"): 7}
    assert c.skipped == {"replies to a message not in the export": 1, "replies to one's own message": 2,
                         "mentions by @username (the export has no usernames)": 1}
    assert c.notes == [] and c.shares == [] and c.rejects == []
    first = min(c.interactions, key=lambda i: i["at"])
    assert first["at"].isoformat() == "2022-07-07T02:34:40+00:00"  # 5133: date_unixtime 1657161280


def test_telegram_desktop_personal_chat(exports, tmp_path):
    # chat-analytics-DM_2A_7M: a personal chat, 8 entries: 6 messages (Alice 4, Bob 2) and 2
    # services (joined_telegram, phone_call). In a personal chat each message is a "message" tie
    # to the other person. Only 3674 has both date and date_unixtime: 23:11:02 local against
    # 02:11:02 UTC, so the exporter's clock was UTC-03:00, used for the entries with date only.
    c = convert_export("telegram", exports / "telegram" / "chat-analytics-DM_2A_7M", tmp_path)
    assert (c.records, c.messages, len(c.members)) == (8, 6, 2)
    assert ties(c) == {("user300000000", "user700000000", "message"): 4,
                       ("user700000000", "user300000000", "message"): 2}
    assert c.skipped == {"service messages: joined_telegram": 1, "service messages: phone_call": 1}
    [note] = c.notes
    assert "UTC-03:00" in note and "date_unixtime" in note
    [hello] = [i for i in c.interactions if (i["at"].year, i["at"].month) == (2022, 3)]  # 3645, date only
    assert hello["at"].isoformat() == "2022-03-08T16:07:42+00:00"  # 13:07:42 at UTC-03:00


def test_discord_guild_with_a_deleted_user_and_a_duplicate(exports, tmp_path):
    # SV_5A_5M: 5 entries; 459136077417021488 appears twice (one counted as a duplicate); it is
    # by "Deleted User" (counted, no member); mlomb's 3 messages remain. The reactions carry no
    # users: paul x3 and ❤ x2 on 447793085255123006, 5 reactions without a reactor.
    c = convert_export("discord", exports / "discord" / "chat-analytics-SV_5A_5M", tmp_path)
    assert (c.records, c.messages, list(c.members)) == (5, 3, ["111111111111111111"])
    assert c.interactions == [] and c.shares == []
    assert c.skipped == {
        "messages given twice (the same id)": 1,
        "messages and ties of deleted users (Discord shows them all as one \"Deleted User\")": 1,
        "reactions without a reactor (older DiscordChatExporter versions list none)": 5}


def test_discord_group_dm(exports, tmp_path):
    # GC_3A_5M: 6 entries: 3 Default messages (theplant, lombi, mlomb) and 3 system notices
    # (ChannelNameChange, ChannelIconChange, Call). mlomb's message references theplant's
    # (a Default with reference: a reply); lombi's "hey @mlomb" has no mentions[] entry.
    c = convert_export("discord", exports / "discord" / "chat-analytics-GC_3A_5M", tmp_path)
    assert (c.records, c.messages, len(c.members)) == (6, 3, 3)
    assert ties(c) == {("111111111111111111", "333333333333333333", "reply"): 1}
    assert c.members["333333333333333333"]["name"] == "theplant"  # nickname over name
    assert c.skipped == {"system messages: ChannelNameChange": 1, "system messages: ChannelIconChange": 1,
                         "system messages: Call": 1}


def test_discord_guild_folder_with_a_thread(exports, tmp_path):
    # dcef-example-guild, 3 files: general 35 entries (31 Default, 3 GuildMemberJoin: Thomas,
    # Patrick, aLittleSpammyBot, 1 ThreadCreated), chill talk 6 (5 Default, 1 Reply), the thread
    # 5 (3 Default, 2 Reply): 42 messages by 4 people (the "bot" is a user account, isBot false).
    # Replies: general Adam->Thomas, Patrick->Adam; chill talk Thomas->aLittleSpammyBot; thread
    # Adam->Patrick, Patrick->Adam. Mentions: Adam->Thomas, Thomas->Adam, Patrick->Adam.
    # Reactions without users: general 👀, pepeheart, kekw x2, pepefloorcry; thread thisisfine: 6.
    c = convert_export("discord", exports / "discord" / "dcef-example-guild", tmp_path)
    adam, thomas, patrick, spammy = "521486476985155645", "896568767994532880", "627848643557663699", \
        "521486476985321458"
    assert (c.records, c.messages, len(c.members), c.joins) == (46, 42, 4, 3)
    assert ties(c) == {(adam, thomas, "reply"): 1, (patrick, adam, "reply"): 2, (thomas, spammy, "reply"): 1,
                       (adam, patrick, "reply"): 1, (adam, thomas, "mention"): 1, (thomas, adam, "mention"): 1,
                       (patrick, adam, "mention"): 1}
    assert c.skipped == {"system messages: ThreadCreated": 1,
                         "reactions without a reactor (older DiscordChatExporter versions list none)": 6}
    assert c.shares == []  # GuildMemberJoin names no inviter


def test_slack_export(exports, tmp_path):
    # slack-export-viewer-testarchive: 158 entries in 2 channels. 94 bot_message, 3 bot_add,
    # 8 channel_join (4 people each in enrique, then again in traveling-sailor: hamza joins
    # first, the other three with inviter hamza: 3 recruitments; the second channel's 4 joins
    # are no recruitment), 53 messages by people (49 plain, 3 file_share, 1 file_comment).
    # <@U…> mentions in the plain messages: hamza -> abilinski 9, hamza -> doubledeez 4,
    # abilinski -> hamza 1. The file_comment is doubledeez on his own file; the one reaction is
    # on a bot's message; integration_logs.json holds 30 entries.
    c = convert_export("slack", exports / "slack" / "slack-export-viewer-testarchive", tmp_path)
    hamza, abilinski, doubledeez = "U0BMQB6JE", "U0BMYT2FL", "U0BMS113R"
    assert (c.records, c.messages, len(c.members), c.joins) == (158, 53, 4, 4)
    assert ties(c) == {(hamza, abilinski, "mention"): 9, (hamza, doubledeez, "mention"): 4,
                       (abilinski, hamza, "mention"): 1}
    assert sorted((s["source"], s["target"], s["channel"], s["joined"]) for s in c.shares) == [
        (hamza, "U0BMM2FEH", "invite", True), (hamza, doubledeez, "invite", True),
        (hamza, abilinski, "invite", True)]
    assert c.skipped == {"messages by bots": 94, "system messages: bot_add": 3,
                         "joins of another channel by someone already in (no new recruitment)": 4,
                         "replies to one's own message": 1,
                         "replies, mentions and reactions involving bots": 1, "integration log entries": 30}
    assert c.notes == ["read 2 channels, 0 private channels, 0 group DMs, 0 DMs"]


def test_slackdump_export(exports, tmp_path):
    # slackdump-source-export-dir: users.json 10 users, 6 flagged is_bot (one deleted): 4 people.
    # One channel, 16 entries: 1 channel_join (YTX35…, no inviter), 1 tombstone (a deleted thread
    # parent), 1 message by a bot user (UO0EC43A4792, is_bot), 13 messages by people. Thread
    # replies (thread_ts != ts): YTX35 -> WgO26 (UOF82…), WgO26 -> himself, WgO26 -> YTX35,
    # YTX35 -> the tombstone's author (parent_user_id UO1D8E698D). dms/groups/mpims are empty.
    c = convert_export("slack", exports / "slack" / "slackdump-source-export-dir", tmp_path)
    assert (c.records, c.messages, len(c.members), c.joins) == (16, 13, 4, 1)
    assert "UO0EC43A4792" not in c.members  # a bot that posts with a user id stays out
    assert ties(c) == {("UOB5F987BF17", "UOF82F39AE", "reply"): 1, ("UOF82F39AE", "UOB5F987BF17", "reply"): 1,
                       ("UOB5F987BF17", "UO1D8E698D", "reply"): 1}
    assert c.skipped == {"bots (no members)": 6, "deleted messages (a thread's removed first message)": 1,
                         "messages by bots": 1, "replies to one's own message": 1}
    assert c.notes == ["read 1 channel, 0 private channels, 0 group DMs, 0 DMs"]


def test_qq_message_manager(exports, tmp_path):
    # log-painter-header1: one chat (消息对象 湖之仆从…), 9 message headers: 6 by people
    # (骰娘-Roll100 1, 暗夜 2 (one empty), 岁寒 1, 黄山真君 2) and 3 by 系统消息: "真核生物独幕剧加入本群。"
    # (a join of someone who never posts: kept by name within the chat) and two that are neither
    # a join nor a departure ("[图片]2", "3\n4"). Times are 12-hour: 8:49:12 PM at UTC+08:00.
    c = convert_export("qq", exports / "qq" / "log-painter-header1" / "全部消息记录.txt", tmp_path)
    joined = "name:qq:湖之仆从（PST 8pm | BJT 11am）:真核生物独幕剧"
    assert (c.records, c.messages, len(c.members), c.joins) == (9, 6, 5, 1)
    assert c.members[joined]["joined_at"].isoformat() == "2019-09-23T12:49:12+00:00"
    assert c.members["87200175"]["name"] == "骰娘-Roll100"
    assert c.skipped == {"system messages other than joins and departures": 2}
    assert c.notes == ["QQ message times (local, without an offset) read as UTC+08:00 (assumed; "
                       "pass --utc-offset to change it)"]


def test_qq_message_manager_email_senders(exports, tmp_path):
    # log-painter-header1-email: no 消息对象 header, 3 messages: 礼(852649), kp(100550) and
    # 围观<indo@qq.com> (an email instead of a QQ number).
    c = convert_export("qq", exports / "qq" / "log-painter-header1-email", tmp_path)
    assert (c.records, c.messages, sorted(c.members)) == (3, 3, ["100550", "852649", "indo@qq.com"])
    assert c.skipped == {}


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_qq_in_the_encodings_the_message_manager_writes(exports, tmp_path, encoding):
    # The same sample re-encoded as the message manager also writes it (GB18030 is its default;
    # "Unicode" is UTF-16 with a byte order mark): the same result.
    text = (exports / "qq" / "log-painter-header1" / "全部消息记录.txt").read_text(encoding="utf-8")
    path = tmp_path / "全部消息记录.txt"
    path.write_text(text.replace("\n", "\r\n"), encoding=encoding)
    c = convert_export("qq", path, tmp_path / "out")
    assert (c.records, c.messages, len(c.members), c.joins) == (9, 6, 5, 1)


def test_whatsapp_android_export(exports, tmp_path):
    # chat-analytics-4A_11M: 14 lines, all on 12/9/20: the encryption notice, "Alice created
    # group", "Alice added you" (the exporter, whom the export never names), then 11 messages by
    # Bob 2, Eve 2, Alice 3, Mallory 2, Trent 2. Every date fits both day/month orders, so the
    # month-first reading is stated; the times are read as UTC, stated.
    c = convert_export("whatsapp", exports / "whatsapp" / "chat-analytics-4A_11M", tmp_path)
    alice = "name:whatsapp:Some cool group chat:Alice"
    assert (c.records, c.messages, len(c.members), c.joins) == (14, 11, 5, 1)
    assert c.members[alice]["joined_at"].isoformat() == "2020-12-09T23:16:00+00:00"
    assert c.skipped == {"system lines about the exporter (\"you\"), whom the export does not name": 1,
                         "system lines other than joins and departures": 1}
    assert c.notes[0].startswith("dates read as MDY") and "--date-order DMY" in c.notes[0]
    assert "UTC+00:00 (assumed" in c.notes[1]
    forced = convert_export("whatsapp", exports / "whatsapp" / "chat-analytics-4A_11M", tmp_path / "dmy",
                            {"date_order": "DMY"})
    assert forced.members[alice]["joined_at"].isoformat() == "2020-09-12T23:16:00+00:00"
    assert forced.notes[0] == "dates read as DMY (--date-order)"
