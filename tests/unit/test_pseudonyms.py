"""Pseudonyms and finding members inside text, without a server."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

import pytest

from graphmodel.analysis.results import RankedMember, RoleImbalance
from graphmodel.core.errors import ConfigurationError
from graphmodel.core.mentions import Mentions
from graphmodel.core.tables import Rows
from graphmodel.report.pseudonyms import SALT_ENV, SALT_FILE, Pseudonyms, load_salt, pseudonymise

SALT = Pseudonyms(b"sixteen or more characters")
MEMBERS = [("wxid_abc", "Bea"), ("m1", "Bea"), ("m10", "张三"), ("42", None), ("123456", "x")]


def p(member: str) -> str:
    return SALT.of("c", member)


@pytest.mark.parametrize(("text", "expected"), [
    ("through m1 alone", "through <m1> alone"),
    ("m10 and m1", "<m10> and <m1>"),
    ("m100 is someone else", "m100 is someone else"),
    ("(m1 - m10)", "(<m1> - <m10>)"),
    ("xm1", "xm1"),
    ("wxid_abc1", "wxid_abc1"),          # the underscore and digits continue the word
    ("被张三回复", "被<张三>回复"),        # no word edges in Chinese
    ("张三丰", "<张三>丰"),
    ("", ""),
])
def test_mentions_are_found_as_words(text, expected):
    tokens = {"m1", "m10", "wxid_abc", "张三"}
    assert Mentions(tokens, lambda t: f"<{t}>").replace(text) == expected


def test_the_longest_token_wins():
    assert Mentions({"Bea", "Bea Li"}, lambda t: "#").replace("Bea Li and Bea") == "# and #"


def test_pseudonyms_are_stable_salted_and_per_community():
    assert SALT.of("c", "m1") == Pseudonyms(b"sixteen or more characters").of("c", "m1")
    assert SALT.of("c", "m1") != Pseudonyms(b"another salt, just as long").of("c", "m1")
    assert SALT.of("c", "m1") != SALT.of("d", "m1")
    assert SALT.of("c", "m1").startswith("M-") and len(SALT.of("c", "m1")) == 12
    assert "sixteen" not in repr(SALT)


@dataclass(frozen=True)
class Holder:
    member_id: str
    name: str | None
    note: str


def test_every_id_and_name_is_replaced_at_any_depth():
    data = {
        "leaders": Rows([RankedMember("m10", "张三", 1.0, 1, "addressed by 3", "被 3 位")], columns=("member_id",)),
        "roles": {"m1": ["leader"], "42": ["lurker"]},
        "finding": RoleImbalance("single_connector", "m1", "x", "medium", ("m1",), "through m1 alone",
                                 "只通过 m1 相连", "lever", "对策"),
        "pair": ("m1", "m10"),
        "set": {"wxid_abc"},
        "holder": Holder("wxid_abc", "Bea", "Bea wrote to 张三"),
        "row": {"member_id": "m1", "name": "Bea", "count": 42, "text": "42 members, 3 circles, 123456 shares"},
        "untouched": ["leader", 3, None, "m100"],
    }
    out = pseudonymise(data, "c", MEMBERS, SALT)
    assert out["leaders"][0].member_id == p("m10") and out["leaders"][0].name == p("m10")
    assert isinstance(out["leaders"], Rows) and out["leaders"].columns == ("member_id",)
    assert set(out["roles"]) == {p("m1"), p("42")}
    assert out["finding"].observed == p("m1") and out["finding"].members == (p("m1"),)
    assert out["finding"].message == f"through {p('m1')} alone" and p("m1") in out["finding"].message_zh
    assert out["pair"] == (p("m1"), p("m10")) and out["set"] == {p("wxid_abc")}
    # a name follows its record's member: two members called Bea keep two pseudonyms
    assert out["holder"].name == p("wxid_abc") and out["row"]["name"] == p("m1")
    assert out["holder"].note == f"{p('m1')} wrote to {p('m10')}"  # a free-standing name: the first Bea (by id)
    # short numbers inside sentences stay (counts look the same); long ones are ids
    assert out["row"]["count"] == 42 and out["row"]["text"] == f"42 members, 3 circles, {p('123456')} shares"
    assert out["untouched"] == ["leader", 3, None, "m100"]
    assert data["roles"] == {"m1": ["leader"], "42": ["lurker"]}  # the input is left as it was


def test_the_salt_comes_from_the_environment_or_a_private_file(tmp_path):
    assert load_salt(tmp_path, {SALT_ENV: "an environment salt, long"}) == Pseudonyms(b"an environment salt, long")
    made = load_salt(tmp_path, {})
    path = tmp_path / SALT_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_salt(tmp_path, {}) == made  # the same salt next time: stable pseudonyms
    with pytest.raises(ConfigurationError) as short:
        load_salt(tmp_path, {SALT_ENV: "tiny-salt"})
    assert SALT_ENV in str(short.value) and "tiny-salt" not in str(short.value)
    with pytest.raises(ConfigurationError):
        load_salt(None, {})
    path.write_text("x\n")
    with pytest.raises(ConfigurationError) as bad:
        load_salt(tmp_path, {})
    assert str(path) in str(bad.value)


def test_a_name_that_is_a_word_of_the_report_is_replaced_only_as_a_records_name():
    data = {"roles": {"m2": ["leader"]}, "severity": "high", "row": {"member_id": "m2", "name": "leader"},
            "evidence": "a leader of 3 circles"}
    out = pseudonymise(data, "c", [("m2", "leader")], SALT)
    assert out["roles"] == {p("m2"): ["leader"]} and out["severity"] == "high"
    assert out["row"]["name"] == p("m2") and out["evidence"] == "a leader of 3 circles"
