"""docs/exports.md's worked example runs as written and prints what the page shows: a WeChat
group and its WeCom customer groups loaded into one community, analysed, their fission
computed and a report written."""

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from graphmodel.cli import cli

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "exports.md"


def worked_example() -> tuple[list[list[str]], list[str]]:
    """The example's commands, and the text blocks the page shows after them."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Worked example"):]
    block = re.search(r"<!-- worked example[^>]*-->\n```bash\n(.*?)```", section, re.S).group(1)
    shown = re.findall(r"```text\n(.*?)```", section, re.S)
    return [shlex.split(line) for line in block.splitlines() if line.strip()], shown


def test_the_worked_example_runs_as_written(connection, community, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the example's paths are relative to the repository
    commands, shown = worked_example()
    assert [c[:3] for c in commands] == [["graphmodel", "load", "wechat"], ["graphmodel", "load", "wecom"],
                                         ["graphmodel", "cypher", commands[2][2]],
                                         ["graphmodel", "analyze", "--community"],
                                         ["graphmodel", "fission", "--community"],
                                         ["graphmodel", "report", "--community"]]
    report = tmp_path / "ai-camp.html"
    substitute = {"ai-camp": community, "c=ai-camp": f"c={community}", "ai-camp.html": str(report)}
    results = []
    for command in commands:
        args = [substitute.get(arg, arg) for arg in command[1:]]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, (command, result.output)
        results.append(result)
    wechat, wecom, departures = shown[:3]
    assert wechat.strip() in results[0].stderr
    assert wecom.strip() in results[1].stderr
    rows = [line for line in departures.splitlines() if line.startswith("│")]
    assert [r.split("│")[1:-1] for r in rows] == [
        r.split("│")[1:-1] for r in results[2].stdout.splitlines() if r.startswith("│")]
    # one community of both sources: 17 members, 15 of them current (two left before the end)
    assert re.search(r"members\s+│\s+15\b", results[3].stdout)
    assert re.search(r"shares\s+│\s+12\b", results[4].stdout) and re.search(r"cascades\s+│\s+2\b", results[4].stdout)
    deepest = connection.read_text("MATCH (m:Member {community: $c}) WHERE m.cascade_generation IS NOT NULL "
                                   "RETURN m.id AS id, m.cascade_generation AS generation, m.cascade_root AS root "
                                   "ORDER BY generation DESC, id LIMIT 2", {"c": community})[1]
    assert [(r["id"], r["generation"], r["root"]) for r in deepest][0] == (
        "ozynqsulJFCZ2z1aYeS8h-nuasdA05", 3, "WangLaoShi")  # 王老师 -> 李助教 -> 王小二 -> 周八, as the page says
    assert deepest[1]["generation"] < 3
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
