import json

from graphmodel.core.output import render

ROWS = [{"member": "张三", "score": 0.123456789, "tags": ["a", "b"]}, {"member": "=cmd()", "score": None, "tags": []}]


def test_json_keeps_unicode_and_rounds():
    data = json.loads(render(["member", "score", "tags"], ROWS, "json"))
    assert data[0] == {"member": "张三", "score": 0.123457, "tags": ["a", "b"]}


def test_csv_neutralises_formulas():
    text = render(["member", "score"], ROWS, "csv")
    lines = text.splitlines()
    assert lines[0] == "member,score"
    assert lines[2].startswith("'=cmd()")


def test_table_has_headers_and_values():
    text = render(["member", "score"], ROWS, "table")
    assert "member" in text and "张三" in text
