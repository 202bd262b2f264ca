"""Input that cannot be read is an error naming it, never a table left out; what loads
without a tie is counted; hostile nesting is a named error, not a crash."""

import csv
import json
import os

import pytest
from click.testing import CliRunner

from graphmodel.cli import cli
from graphmodel.core.errors import InputError
from graphmodel.loaders import load_directory
from graphmodel.loaders.chat import convert_export

MEMBERS = "member_id,name\ng1,Gao\ng2,Guo\ng3,Gu\n"
INTERACTIONS = "source,target,type\ng1,g1,message\ng1,g2,reply\ng2,g2,reaction\ng3,g1,reply\n"
SHARES = "source,target,joined\ng3,g3,false\ng1,g3,true\n"


def write(directory, **tables):
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.mark.parametrize("make, says", [
    (lambda p: p.mkdir(), "a folder, not a file"),
    (lambda p: (os.symlink(p.with_name("loop-b"), p), os.symlink(p, p.with_name("loop-b"))),
     "Too many levels of symbolic links"),
    (lambda p: os.symlink(p.with_name("gone.csv"), p), "a link to nothing"),
])
@pytest.mark.parametrize("table", ["members.csv", "interactions.csv", "shares.jsonl"])
def test_a_table_that_cannot_be_read_is_an_error_naming_it(connection, community, tmp_path, table, make, says):
    export = write(tmp_path / "export", **{"members.csv": MEMBERS} if table != "members.csv" else {})
    make(export / table)
    with pytest.raises(InputError, match=f"{table}: {says}") as error:
        load_directory(connection, export, community, reject_path=tmp_path / "r.csv")
    assert str(export / table) in str(error.value)
    assert connection.read_text("MATCH (m:Member {community: $c}) RETURN m LIMIT 1", {"c": community})[1] == []
    result = CliRunner().invoke(cli, ["-q", "load", "csv", str(export), "--community", community, "--dry-run"])
    assert result.exit_code == 2 and str(export / table) in result.output and says in result.output


def test_a_table_without_read_permission_is_an_error_naming_it(connection, community, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files without read permission")
    export = write(tmp_path / "export", **{"members.csv": MEMBERS})
    (export / "members.csv").chmod(0)
    with pytest.raises(InputError, match="members.csv: Permission denied"):
        load_directory(connection, export, community)


def test_interactions_and_shares_of_a_member_with_themselves_are_counted(connection, community, tmp_path):
    export = write(tmp_path / "export", **{"members.csv": MEMBERS, "interactions.csv": INTERACTIONS,
                                           "shares.csv": SHARES})
    result = CliRunner().invoke(cli, ["-q", "load", "csv", str(export), "--community", community,
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    by_table = {t["table"]: t for t in summary["tables"]}
    assert (by_table["interactions"]["loaded"], by_table["interactions"]["without_tie"]) == (4, 2)
    assert (by_table["shares"]["loaded"], by_table["shares"]["without_tie"]) == (2, 1)
    assert summary["without_tie"] == 3
    table = CliRunner().invoke(cli, ["-q", "load", "csv", str(export), "--community", community])
    assert "3 interactions or shares of a member with themselves: counted as that member's activity" in table.output
    # the analysis counts them as activity, with no tie
    [row] = connection.read_text("MATCH (m:Member {community: $c, id: 'g1'}) "
                                 "RETURN count { (m)-[:INTERACTED]->(m) } AS own", {"c": community})[1]
    assert row["own"] == 1


def test_a_chat_reply_to_oneself_is_counted_as_not_mapped(tmp_path):
    export = tmp_path / "result.json"
    export.write_text(json.dumps({"name": "g", "type": "private_supergroup", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "from": "A", "from_id": "user1", "text": "hi"},
        {"id": 2, "type": "message", "date": "2024-01-01T10:01:00", "from": "A", "from_id": "user1", "text": "me",
         "reply_to_message_id": 1},
        {"id": 3, "type": "message", "date": "2024-01-01T10:02:00", "from": "B", "from_id": "user2", "text": "yo",
         "reply_to_message_id": 1},
    ]}), encoding="utf-8")
    conversion = convert_export("telegram", export, tmp_path / "out")
    assert [(i["source"], i["target"]) for i in conversion.interactions] == [("user2", "user1")]
    assert conversion.skipped == {"replies to one's own message": 1}


def test_an_export_nested_deeper_than_json_reads_is_an_error_naming_the_file(community, tmp_path):
    export = tmp_path / "result.json"
    export.write_text('{"messages": [' + "[" * 100_000 + "]" * 100_000 + "]}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-q", "load", "telegram", str(export), "--community", community, "--dry-run"])
    assert result.exit_code == 2, result.output
    assert str(export) in result.output and "nested too deeply" in result.output
    assert "unexpected error" not in result.output and "RecursionError" not in result.output


def test_a_jsonl_line_nested_too_deeply_is_rejected_and_the_rest_loads(connection, community, tmp_path):
    export = write(tmp_path / "export", **{"members.jsonl": '{"member_id": "a"}\n'
                                           + '{"member_id": "b", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                                           + '{"member_id": "c"}\n'})
    rejects = tmp_path / "r.csv"
    summary = load_directory(connection, export, community, reject_path=rejects)
    assert (summary.loaded, summary.rejected) == (2, 1)
    with open(rejects, encoding="utf-8", newline="") as handle:
        [reject] = list(csv.DictReader(handle))
    assert (reject["file"], reject["line"], reject["reason"]) == ("members.jsonl", "2",
                                                                  "JSON nested too deeply to read")
