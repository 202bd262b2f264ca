"""`graphmodel history`: how roles changed between analysis runs."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from graphmodel import history as library
from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import as_of_option, community_option, format_option, lang_option
from graphmodel.core.asof import AsOf
from graphmodel.core.output import render
from graphmodel.fission.analysis import jsonable


@click.command("history")
@community_option()
@click.option("--member", "-m", default=None, help="Show this member's role history only.")
@as_of_option(help="Only analysis runs that looked from before the end of this date (or instant).")
@lang_option("Language of role names in tables.")
@format_option("table", "json")
@pass_app
def history(app: AppContext, community: str, member: str | None, as_of: AsOf | None, lang: str,
            fmt: str) -> None:
    """Role change across analysis runs: the role mix per run, role transitions
    between consecutive runs (seed user -> follower -> KOL, leader -> lurker),
    leaders gained and lost, what became of the circles from run to run (formed,
    grown, shrunk, split, merged, dissolved; those that continued are counted), and
    the fission runs over time; with --member, that member's roles run by run.

    \b
    Example:
        graphmodel history --community demo
        graphmodel history --community demo --member m0 --format json
    """
    if member is not None:
        steps = app.model.history(community, member=member, as_of=as_of)
        assert isinstance(steps, library.MemberRoleHistory)
        if fmt == "json":
            _echo_json({**asdict(steps), "path": list(steps.path)})
            return
        label = lambda role: library.role_label(role, lang)  # noqa: E731
        rows = [{"run": s.run, "seen": s.seen, "primary": label(s.primary),
                 "roles": ", ".join(label(r) for r in s.roles)} for s in steps.steps]
        click.echo(f"{member} in {community}: " + " -> ".join(label(r) for r in steps.path))
        click.echo(render(("run", "seen", "primary", "roles"), rows, "table"))
        return
    found = app.model.history(community, as_of=as_of)
    assert isinstance(found, library.RoleHistory)
    runs = app.model.fission_runs(community)
    events = app.model.circle_events(community, as_of=as_of)
    if fmt == "json":
        _echo_json({**asdict(found), "fission_runs": runs, "circle_events": [asdict(e) for e in events]})
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
    changed = [e for e in events if e.event != "continue"]
    _section(f"Circle events 圈子演变 ({len(events) - len(changed)} continued 延续)",
             ("run_before", "run_after", "event", "before", "after", "overlap", "shared", "moved", "joined"),
             [{**asdict(e), "before": ", ".join(map(str, e.before)) or "-",
               "after": ", ".join(map(str, e.after)) or "-"} for e in changed])
    _section("Fission runs 裂变分析记录", ("run", "as_of", "started_at", "cascades", "reached",
                                       "largest", "max_depth", "mean_virality",
                                       "critical_headcount"), runs)


def _section(title: str, columns, rows: list[dict[str, Any]]) -> None:
    click.echo(f"\n{title}")
    click.echo(render(columns, rows, "table"))


def _echo_json(data: dict[str, Any]) -> None:
    click.echo(json.dumps(jsonable(data), ensure_ascii=False, indent=2))
