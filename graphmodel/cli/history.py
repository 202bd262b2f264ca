"""`graphmodel history`: how roles changed between analysis runs."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from graphmodel.core.asof import AS_OF
from graphmodel.cli import AppContext, pass_app
from graphmodel.core.output import render


@click.command("history")
@click.option("--community", "-c", required=True, help="The community id.")
@click.option("--member", "-m", default=None, help="Show this member's role history only.")
@click.option("--as-of", "as_of", type=AS_OF, default=None,
              help="Only analysis runs that looked from before the end of this date (or instant).")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of role names in tables.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@pass_app
def history(app: AppContext, community: str, member: str | None, as_of, lang: str,
            fmt: str) -> None:
    """Role change across analysis runs: the role mix per run, role transitions
    between consecutive runs (seed user -> follower -> KOL, leader -> lurker),
    leaders gained and lost, and the fission runs over time; with --member, that
    member's roles run by run.

    \b
    Example:
        graphmodel history --community demo
        graphmodel history --community demo --member m0 --format json
    """
    from graphmodel import history as library

    connection = app.connect()
    if member is not None:
        found = library.member_role_history(connection, community, member, as_of)
        if fmt == "json":
            _echo_json({**asdict(found), "path": list(found.path)})
            return
        label = lambda role: library.role_label(role, lang)  # noqa: E731
        rows = [{"run": s.run, "seen": s.seen, "primary": label(s.primary),
                 "roles": ", ".join(label(r) for r in s.roles)} for s in found.steps]
        click.echo(f"{member} in {community}: " + " -> ".join(label(r) for r in found.path))
        click.echo(render(("run", "seen", "primary", "roles"), rows, "table"))
        return
    found = library.community_role_history(connection, community, as_of)
    runs = library.fission_runs(connection, community)
    if fmt == "json":
        _echo_json({**asdict(found), "fission_runs": runs})
        return
    label = lambda role: library.role_label(role, lang)  # noqa: E731
    roles = [r for r in library.ROLE_PRECEDENCE
             if any(m.counts.get(r) for m in found.mix)] + sorted(
        {r for m in found.mix for r in m.counts if r not in library.ROLE_PRECEDENCE})
    mix_rows = [{"run": m.run, "seen": m.seen, "members": m.members,
                 **{label(r): m.counts.get(r, 0) for r in roles}} for m in found.mix]
    _section(f"Role mix per analysis run 角色结构 ({community})",
             ("run", "seen", "members", *[label(r) for r in roles]), mix_rows)
    _section("Role transitions 角色转变", ("from_run", "to_run", "from_role", "to_role",
                                         "members", "examples"),
             [{**asdict(t), "from_role": label(t.from_role), "to_role": label(t.to_role),
               "examples": ", ".join(t.examples)} for t in found.transitions])
    _section("Leaders gained and lost 意见领袖增减", ("from_run", "to_run", "kept", "gained", "lost"),
             [{**asdict(c), "gained": ", ".join(c.gained) or "-", "lost": ", ".join(c.lost) or "-"}
              for c in found.leaders])
    _section("Fission runs 裂变分析记录", ("run", "as_of", "started_at", "cascades", "reached",
                                       "largest", "max_depth", "mean_virality",
                                       "critical_headcount"), runs)


def _section(title: str, columns, rows: list[dict[str, Any]]) -> None:
    click.echo(f"\n{title}")
    click.echo(render(columns, rows, "table"))


def _echo_json(data: dict[str, Any]) -> None:
    from graphmodel.fission.analysis import jsonable

    click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
