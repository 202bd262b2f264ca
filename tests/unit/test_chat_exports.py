"""Chat exports mapped onto the model: replies, mentions, reactions, joins, forwards."""

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
    assert c.members["user1004"]["joined_at"].isoformat() == "2024-03-02T20:00:00+00:00"
    assert c.members["user1002"]["name"] == "李雷"
    assert c.skipped == {"mentions by @username (the export has no usernames)": 1,
                         "forwards from outside the chat": 1, "replies to a message not in the export": 1}
    assert (tmp_path / "members.csv").is_file() and (tmp_path / "shares.csv").is_file()


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
    assert c.members["U02BBB"]["name"] == "张伟" and c.members["U04DDD"]["is_member"] is False
    assert c.members["U03CCC"]["joined_at"].isoformat().startswith("2024-01-01T00:03")


def test_discord(tmp_path):
    c = convert_export("discord", FIXTURES / "discord", tmp_path)
    alice, bob, chen, bot = (f"31000000000000000{i}" for i in (1, 2, 3, 9))
    assert edges(c, "interactions") == sorted([
        (bob, alice, "reaction"), (chen, alice, "reaction"), (bob, alice, "reply"), (bob, alice, "mention"),
        (bot, chen, "mention")])
    assert c.shares == []
    assert c.members[chen]["name"] == "陈晨" and c.members[bot]["is_member"] is False
    assert c.members[chen]["joined_at"].isoformat() == "2024-04-01T10:00:00+00:00"
    assert c.skipped == {"replies to a message not in the export": 1}


@pytest.mark.parametrize("kind", ["telegram", "slack", "discord"])
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
