"""The demo: the whole pipeline on the bundled demo community."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from graphmodel.connection import Connection

DEMO_COMMUNITY = "demo"
Echo = Callable[[str], None]


@dataclass
class DemoResult:
    community: str
    steps: list[str] = field(default_factory=list)
    top_members: list[dict[str, Any]] = field(default_factory=list)


def run_demo(connection: Connection, echo: Echo = lambda _: None) -> DemoResult:
    """Rank the members of the demo community with GDS PageRank."""
    result = DemoResult(DEMO_COMMUNITY)
    connection.write("demo_seed_minimal", community=DEMO_COMMUNITY)
    result.steps.append("wrote the demo community")
    rows = connection.read("demo_gds_check", community=DEMO_COMMUNITY,
                           graph=f"{DEMO_COMMUNITY}-demo-check")
    result.top_members = rows[0]["top"] if rows else []
    result.steps.append(f"GDS PageRank over {rows[0]['nodes'] if rows else 0} members")
    return result
