"""Read what fission needs from the graph, through named queries.

The shares come back as four lists in a single row: at a million members
that takes seconds where one record per share takes half a minute (the
per-record overhead of the driver dominates). See ``fission_*.cypher``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from graphmodel.core.asof import AsOf
from graphmodel.fission.forest import ShareEdges
from graphmodel.fission.roles import RoleBook
from graphmodel.graph.database import Database


@dataclass(frozen=True)
class FissionData:
    """Everything fission is computed from: shares, roles, joins per period, circles."""

    edges: ShareEdges
    book: RoleBook
    joined_per_period: Mapping[date, int]
    circles: Mapping[str, object] | None = None


def read_shares(connection: Database, community: str, as_of: AsOf | None) -> ShareEdges:
    """The community's shares before the as-of cutoff, as arrays."""
    [row] = connection.read("fission_share_edges", community=community, cutoff=_cutoff(as_of))
    return ShareEdges.from_columns(row["sources"], row["targets"], row["at"], row["joined"])


def latest_analysis_run(connection: Database, community: str, as_of: AsOf | None) -> str | None:
    """The analysis run whose inferred roles apply at the as-of time (None: no run)."""
    rows = connection.read("fission_analysis_run", community=community, cutoff=_cutoff(as_of))
    return rows[0]["run"] if rows else None


def read_role_book(connection: Database, community: str, as_of: AsOf | None,
                   run: str | None) -> RoleBook:
    cutoff = _cutoff(as_of)
    rows = connection.read("fission_member_roles", community=community, cutoff=cutoff, run=run)
    [outsiders] = connection.read("fission_outsiders", community=community, cutoff=cutoff)
    return RoleBook.from_rows(rows, outsiders["outsiders"], run)


def read_joins_per_period(connection: Database, community: str, as_of: AsOf | None,
                          period: str) -> dict[date, int]:
    rows = connection.read("fission_joins_per_period", community=community,
                           cutoff=_cutoff(as_of), period=period)
    return {row["period"].to_native(): row["joined"] for row in rows}


def read_fission_data(connection: Database, community: str, as_of: AsOf | None = None,
                      period: str = "month") -> FissionData:
    """Shares, roles (declared, and inferred from the latest fitting analysis run) and joins."""
    run = latest_analysis_run(connection, community, as_of)
    return FissionData(
        edges=read_shares(connection, community, as_of),
        book=read_role_book(connection, community, as_of, run),
        joined_per_period=read_joins_per_period(connection, community, as_of, period),
    )


def _cutoff(as_of: AsOf | None):
    return None if as_of is None else as_of.cutoff
