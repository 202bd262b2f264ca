"""Read what fission needs from the graph, through named queries.

The shares (and the roles) come back as lists in a single row: at a million members
that takes seconds where one record per share takes half a minute (the
per-record overhead of the driver dominates). See ``fission_*.cypher``.
The members' activity (for the quality of invitations) is read while the
roles are, in a second driver session beside the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import numpy as np

from graphmodel.core.asof import AsOf
from graphmodel.fission.forest import NO_TIME, ShareEdges
from graphmodel.fission.roles import RoleBook
from graphmodel.graph.database import Database


@dataclass(frozen=True)
class MemberActivity:
    """Every member of the community (``ids`` sorted), as parallel arrays.

    ``joined`` and ``left`` are Unix milliseconds (``NO_TIME``: not known; a departure
    only when it came before the cutoff), ``left_reason`` 'left', 'removed' or ''.
    ``started``: interactions the member started before the cutoff; ``first``: the
    first of them since joining, ``last``: the last (``NO_TIME``: none).
    ``heard_from``: for members who started none, how many others (0, 1, or 2 for
    two or more) interacted with them, and ``only_partner`` the one when it is one.
    """

    ids: np.ndarray
    joined: np.ndarray
    left: np.ndarray
    left_reason: np.ndarray
    started: np.ndarray
    first: np.ndarray
    last: np.ndarray
    heard_from: np.ndarray
    only_partner: np.ndarray

    @classmethod
    def from_columns(cls, ids, joined, left=None, left_reason=None, started=None, first=None,
                     last=None, partners=None) -> MemberActivity:
        """From the columns of ``fission_member_activity`` (any order; None: not known)."""
        n = len(ids)

        def times(values) -> np.ndarray:
            if values is None:
                return np.full(n, NO_TIME, dtype=np.int64)
            return np.fromiter((NO_TIME if v is None else v for v in values), dtype=np.int64, count=n)

        partners = partners if partners is not None else [[] for _ in range(n)]
        order = np.argsort(np.array(ids, dtype=str), kind="stable")
        columns = (
            np.array(ids, dtype=str), times(joined), times(left),
            np.array(left_reason if left_reason is not None else [""] * n, dtype=str),
            np.array(started if started is not None else [0] * n, dtype=np.int64), times(first), times(last),
            np.fromiter((min(len(p), 2) for p in partners), dtype=np.int64, count=n),
            np.array([p[0] if len(p) == 1 else "" for p in partners], dtype=str),
        )
        return cls(*(c[order] for c in columns))

    @property
    def interactions_known(self) -> bool:
        """Whether the community has any interaction to measure activity by."""
        return bool(self.started.any() or self.heard_from.any())

    def positions(self, members: np.ndarray) -> np.ndarray:
        """Index into these arrays of each member id (-1 where absent)."""
        if not self.ids.size:
            return np.full(len(members), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.ids, members), self.ids.size - 1)
        return np.where(self.ids[at] == members, at, -1)


@dataclass(frozen=True)
class FissionData:
    """Everything fission is computed from: shares, roles, joins per period, circles
    (member id -> circle of the analysis run) and the members' activity."""

    edges: ShareEdges
    book: RoleBook
    joined_per_period: Mapping[date, int]
    circles: Mapping[str, object] | None = None
    activity: MemberActivity | None = None


def read_shares(connection: Database, community: str, as_of: AsOf | None) -> ShareEdges:
    """The community's shares before the as-of cutoff, as arrays."""
    [row] = connection.read("fission_share_edges", community=community, cutoff=_cutoff(as_of))
    return ShareEdges.from_columns(row["sources"], row["targets"], row["at"], row["joined"],
                                   channels=row["channels"])


def latest_analysis_run(connection: Database, community: str, as_of: AsOf | None) -> str | None:
    """The analysis run whose inferred roles apply at the as-of time (None: no run)."""
    rows = connection.read("fission_analysis_run", community=community, cutoff=_cutoff(as_of))
    return rows[0]["run"] if rows else None


def read_role_book(connection: Database, community: str, as_of: AsOf | None,
                   run: str | None) -> RoleBook:
    cutoff = _cutoff(as_of)
    [roles] = connection.read("fission_member_roles", community=community, cutoff=cutoff, run=run)
    [outsiders] = connection.read("fission_outsiders", community=community, cutoff=cutoff)
    rows = ({"member_id": member, "role": role, "source": source}
            for member, role, source in zip(roles["members"], roles["roles"], roles["sources"], strict=True))
    return RoleBook.from_rows(rows, outsiders["outsiders"], run)


def read_joins_per_period(connection: Database, community: str, as_of: AsOf | None,
                          period: str) -> dict[date, int]:
    rows = connection.read("fission_joins_per_period", community=community,
                           cutoff=_cutoff(as_of), period=period)
    return {row["period"].to_native(): row["joined"] for row in rows}


def read_activity(connection: Database, community: str, as_of: AsOf | None) -> MemberActivity:
    """Joins, departures and the interactions each member started, before the cutoff."""
    [row] = connection.read("fission_member_activity", community=community, cutoff=_cutoff(as_of))
    return MemberActivity.from_columns(**row)


def read_circles(connection: Database, run: str | None) -> dict[str, object]:
    """Member id -> circle of the analysis run (empty: no run, or not the latest run)."""
    if run is None:
        return {}
    [row] = connection.read("fission_member_circles", run=run)
    return dict(zip(row["ids"], row["circles"]))


def read_fission_data(connection: Database, community: str, as_of: AsOf | None = None,
                      period: str = "month") -> FissionData:
    """Shares, roles (declared, and inferred from the latest fitting analysis run), joins,
    the run's circles and the members' activity."""
    run = latest_analysis_run(connection, community, as_of)
    with ThreadPoolExecutor(1) as pool:
        activity = pool.submit(read_activity, connection, community, as_of)
        edges = read_shares(connection, community, as_of)
        book = read_role_book(connection, community, as_of, run)
        joined = read_joins_per_period(connection, community, as_of, period)
        circles = read_circles(connection, run)
        return FissionData(edges=edges, book=book, joined_per_period=joined, circles=circles,
                           activity=activity.result())


def _cutoff(as_of: AsOf | None):
    return None if as_of is None else as_of.cutoff
