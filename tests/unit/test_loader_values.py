"""Parsing values, detecting encodings, reading and validating rows: no server."""

import gc
import json
import weakref

import pytest

from graphmodel.core.errors import InputError
from graphmodel.core.interchange import TABLES
from graphmodel.loaders.encoding import detect_encoding
from graphmodel.loaders.reader import MAX_FIELD, Reject, SourceRow, check_header, read_table
from graphmodel.loaders.validate import TableValidator, interaction_key, relationship_key
from graphmodel.loaders.values import BadValue, parse_bool, parse_roles, parse_time, parse_weight


@pytest.mark.parametrize("text, millis", [
    ("2024-01-05", 1704412800000),
    ("2024-01-05T10:00:00Z", 1704448800000),
    ("2024-01-05 18:00:00+08:00", 1704448800000),
    ("2024-01-05T10:00:00", 1704448800000),
    ("1704448800", 1704448800000),
    ("1704448800000", 1704448800000),
    ("1704448800.25", 1704448800250),
    ("2024-01-05T10:00:00.123456Z", 1704448800123),
    ("1969-12-31T23:59:59Z", -1000),
    ("1969-12-31T23:59:59.5Z", -500),
])
def test_times(text, millis):
    assert parse_time(text) == millis


@pytest.mark.parametrize("text", ["yesterday", "2024-13-01", "nan", "inf", ""])
def test_bad_times(text):
    with pytest.raises(BadValue):
        parse_time(text)


def test_booleans_weights_roles():
    assert parse_bool("TRUE") and not parse_bool("否") and parse_bool("是")
    with pytest.raises(BadValue):
        parse_bool("maybe")
    assert parse_weight("2.5") == 2.5
    for bad in ("0", "-1", "x", "nan"):
        with pytest.raises(BadValue):
            parse_weight(bad)
    assert parse_roles("KOL|管理员| 意见领袖 ") == ["leader", "manager"]
    with pytest.raises(BadValue, match="unknown role 'wizard'"):
        parse_roles("leader|wizard")


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_encodings(tmp_path):
    text = "member_id,name\nm1,阿明\n"
    assert detect_encoding(write(tmp_path / "a.csv", text)) == "utf-8"
    assert detect_encoding(write(tmp_path / "b.csv", "\ufeff" + text)) == "utf-8-sig"
    assert detect_encoding(write(tmp_path / "c.csv", text, "gb18030")) == "gb18030"
    with pytest.raises(InputError, match="UTF-16"):
        detect_encoding(write(tmp_path / "d.csv", text, "utf-16"))


def test_gb18030_rows_read_back_as_text(tmp_path):
    path = write(tmp_path / "members.csv", "member_id,name,declared_role\nm1,阿明,群主\n", "gb18030")
    [row] = list(read_table(path, TABLES["members"]))
    assert row == SourceRow("members.csv", 2, {"member_id": "m1", "name": "阿明", "declared_role": "群主"})


def test_header_problems_are_errors_before_anything(tmp_path):
    with pytest.raises(InputError, match="required column.*member_id"):
        check_header(write(tmp_path / "members.csv", "id,name\n1,a\n"), TABLES["members"])
    with pytest.raises(InputError, match="more than once"):
        check_header(write(tmp_path / "m2.csv", "member_id,name,name\n1,a,b\n"), TABLES["members"])
    with pytest.raises(InputError, match="empty"):
        check_header(write(tmp_path / "m3.csv", ""), TABLES["members"])


def test_unreadable_lines_become_rejects_and_the_rest_reads(tmp_path):
    data = (b"source,target\n" + b"a,b\n" + b"\xff\xfe,c\n" + b"c,d\x00\n"
            + b'"multi\nline",e\n' + b"x,y,z\n" + b"f,g\r\n" + b"h,i\rj,k\n")
    path = tmp_path / "interactions.csv"
    path.write_bytes(data)
    items = list(read_table(path, TABLES["interactions"]))
    good = [(i.line, i.values["source"], i.values["target"]) for i in items if isinstance(i, SourceRow)]
    bad = [(i.line, i.reason) for i in items if isinstance(i, Reject)]
    assert good == [(2, "a", "b"), (5, "multi\nline", "e"), (8, "f", "g"), (9, "h", "i"), (9, "j", "k")]
    assert [line for line, _ in bad] == [3, 4, 7]
    assert "not valid" in bad[0][1] and "NUL" in bad[1][1] and "3 fields" in bad[2][1]


def test_jsonl(tmp_path):
    lines = [json.dumps({"member_id": "m1", "name": "阿明", "is_member": False}, ensure_ascii=False),
             "not json", json.dumps([1, 2]), ""]
    path = write(tmp_path / "members.jsonl", "\n".join(lines) + "\n")
    items = list(read_table(path, TABLES["members"]))
    assert items[0] == SourceRow("members.jsonl", 1, {"member_id": "m1", "name": "阿明", "joined_at": None,
                                                      "is_member": "false", "declared_role": None,
                                                      "threshold": None, "left_at": None, "left_reason": None})
    assert [(i.line, type(i).__name__) for i in items[1:]] == [(2, "Reject"), (3, "Reject")]


def test_validation_reasons_name_the_field():
    members = TableValidator("members", "c1")
    row = members.check(SourceRow("members.csv", 2, {"member_id": "m1", "joined_at": "2024-01-01",
                                                     "declared_role": "KOL", "is_member": None}))
    assert row["id"] == "m1" and row["roles"] == ["leader"] and row["is_member"] is True
    again = members.check(SourceRow("members.csv", 3, {"member_id": "m1", "joined_at": "2024-01-01",
                                                       "declared_role": "KOL", "is_member": None}))
    assert not isinstance(again, Reject)  # an identical repeat is harmless
    conflict = members.check(SourceRow("members.csv", 4, {"member_id": "m1", "name": "other"}))
    assert isinstance(conflict, Reject) and conflict.field == "member_id" and conflict.line == 4
    interactions = TableValidator("interactions", "c1")
    for values, field in [({"source": None, "target": "b"}, "source"),
                          ({"source": "a", "target": "b", "type": "hug"}, "type"),
                          ({"source": "a", "target": "b", "weight": "-2"}, "weight"),
                          ({"source": "a", "target": "b", "at": "soon"}, "at")]:
        reject = interactions.check(SourceRow("interactions.csv", 9, values))
        assert isinstance(reject, Reject) and reject.field == field, values
    roles = TableValidator("roles", "c1")
    reject = roles.check(SourceRow("roles.csv", 2, {"member_id": "a", "role": "leader",
                                                    "since": "2024-02-01", "until": "2024-01-01"}))
    assert isinstance(reject, Reject) and reject.field == "until"


def test_keys_depend_on_content_and_community():
    assert relationship_key("c1", "interacted", "a", "b") == relationship_key("c1", "interacted", "a", "b")
    assert relationship_key("c1", "interacted", "a", "b") != relationship_key("c2", "interacted", "a", "b")


def test_keys_stay_those_already_in_graphs():
    # a changed key would make the next load of a community duplicate every relationship
    assert relationship_key("c1", "interacted", "a", "b", "reply", 1704448800000) == "e3d1ac4f2f9ca931d5c459c0cc3772ea"
    assert relationship_key("c1", "declared", "a", "leader", None) == "1f5d633d1db4f31cbecb8e15ef0a240c"
    for at in (1704448800000, None):
        assert interaction_key("c1", "a", "b", "reply", at) == relationship_key("c1", "interacted", "a", "b",
                                                                                 "reply", at)
    assert interaction_key("c1", "a", "b", "reply", None) == "79f8a6ec2a2f32b5555988f4f77901c2"


def test_plain_and_quoted_lines_read_the_same_and_long_fields_are_refused(tmp_path):
    # Lines without quotes are split directly, the others by the csv module: the same values either way.
    long = "x" * (MAX_FIELD + 1)
    data = ("source,target,type,weight,at\n"
            " a , b ,reply,,\n"
            '" a "," b ",reply,"",\n'
            '"a,1",b\n'
            f"{long},b\n"
            f'"{long}\nend",b\n'
            "c,d\n")
    path = write(tmp_path / "interactions.csv", data)
    items = list(read_table(path, TABLES["interactions"]))
    good = [(i.line, i.values) for i in items if isinstance(i, SourceRow)]
    row = {"source": "a", "target": "b", "type": "reply", "weight": None, "at": None}
    assert good == [(2, row), (3, row),
                    (4, {"source": "a,1", "target": "b", "type": None, "weight": None, "at": None}),
                    (8, {"source": "c", "target": "d", "type": None, "weight": None, "at": None})]
    assert [(i.line, i.field) for i in items if isinstance(i, Reject)] == [(5, "source"), (6, "source")]


def test_times_that_look_like_dates_or_numbers():
    assert parse_time("2024-01-01") == 1704067200000
    assert parse_time("2024-01-01 10:00:00+08:00") == 1704074400000
    assert parse_time("1706918400") == parse_time("1706918400000") == 1706918400000
    assert parse_time("1.2e-5") == 0  # a number whose fifth character is a dash
    for bad in ("2024-13-01", "nan", "soon"):
        with pytest.raises(BadValue):
            parse_time(bad)


def test_a_validator_is_freed_when_its_table_is_done():
    # a validator keeps every member's row (``seen``); in a reference cycle it would stay until
    # the next full garbage collection, which a load defers
    validator = TableValidator("members", "c1")
    validator.check(SourceRow("members.csv", 2, {"member_id": "a"}))
    gone = weakref.ref(validator)
    gc.disable()
    try:
        del validator
        assert gone() is None
    finally:
        gc.enable()
