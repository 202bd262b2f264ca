"""`graphmodel forget`: remove a member's data and keep a tombstone so loads skip them."""

from __future__ import annotations

import json

import click

from graphmodel.cli.context import AppContext, pass_app
from graphmodel.cli.options import community_option, format_option, lock_wait_option
from graphmodel.core.output import render

COLUMNS = ("member", "found", "relationships", "cascades", "scrubbed")


@click.command("forget")
@community_option()
@click.option("--member", "-m", "members", multiple=True, required=True,
              help="A member id to forget (repeat for several).")
@click.option("--lift", is_flag=True,
              help="Remove the members' tombstones instead, so that a later load brings them back "
                   "(what forgetting removed stays removed).")
@format_option("table", "json", help="Output format of the summary.")
@lock_wait_option()
@pass_app
def forget(app: AppContext, community: str, members: tuple[str, ...], lift: bool, fmt: str,
           lock_wait: float) -> None:
    """Remove members' data from a community: their node with every interaction, share,
    invitation, role and attendance, the cascades rooted at them, and their id from stored
    results (circles, findings, run figures). A tombstone (a digest of the id, not the id)
    is kept, so loading the same export again skips their rows, and the load summary
    counts them; tombstones stay when the community is deleted. Waits for a job, load,
    analysis or fission run holding the community (--lock-wait). Run analyze and fission again for figures without them.

    \b
    Example:
        graphmodel forget --community camp-7 --member wxid_abc123
        graphmodel forget --community camp-7 --member wxid_abc123 --lift
    """
    if lift:
        lifted = [{"member": m, "lifted": app.model.lift_tombstone(community, m, lock_wait=lock_wait)} for m in members]
        click.echo(json.dumps(lifted, ensure_ascii=False, indent=2) if fmt == "json"
                   else render(("member", "lifted"), lifted, "table"))
        return
    done = [app.model.forget(community, member, lock_wait=lock_wait) for member in members]
    rows = [{"member": d.member, "found": d.found, "relationships": d.relationships, "cascades": d.cascades,
             "scrubbed": d.scrubbed} for d in done]
    click.echo(json.dumps(rows, ensure_ascii=False, indent=2) if fmt == "json" else render(COLUMNS, rows, "table"))
    missing = [d.member for d in done if not d.found]
    if missing:
        app.echo(f"not in community {community!r}: {', '.join(missing)}; tombstones kept, so loads skip them")
    if len(missing) < len(done):
        app.echo(f"run `graphmodel analyze --community {community}` (and fission) again for figures without them")
