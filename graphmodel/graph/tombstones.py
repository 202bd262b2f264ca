"""Forgetting a member: their data goes, a tombstone stays so that loads skip them.

``forget_member`` removes the member's node with every relationship (interactions,
shares, invitations, roles, attendance, circle memberships), the cascades rooted at them,
and scrubs stored results that name them by id: a property holding the id, and the id inside
a sentence, read ``[forgotten]`` instead (a circle's leader, a finding, run figures, other
members' places in a cascade tree), a list loses it; a result that pointed at them loses
their name too.
The analysis and fission figures are not recomputed: run them again for figures without
the member.

The tombstone holds a SHA-256 digest of the community and the member id, never the id
itself: the graph and its backups do not show whom it stands for, while a load can still
recognise the id (anyone who already knows an id can do the same; that is what a load
needs). Tombstones outlive ``delete`` of the community, so rebuilding a community from the
same exports does not bring a forgotten member back; ``lift_tombstone`` removes one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from graphmodel.core.errors import UnknownCommunity
from graphmodel.core.mentions import Mentions
from graphmodel.graph.database import Database

FORGOTTEN = "[forgotten]"  # what a forgotten member's id becomes in stored results


@dataclass(frozen=True)
class Forgotten:
    """What forgetting one member did."""

    community: str
    member: str
    found: bool          # the member was in the graph (a tombstone is kept either way)
    relationships: int   # their interactions, shares, roles, attendance and memberships removed
    cascades: int        # cascades rooted at them removed
    scrubbed: int        # other nodes (circles, findings, runs, members) that named them, scrubbed


def tombstone_digest(community: str, member_id: str) -> str:
    return hashlib.sha256(f"{community}\x1f{member_id}".encode()).hexdigest()


class Tombstones:
    """The forgotten members of a community, for a load to test ids against (``id in tombstones``)."""

    def __init__(self, community: str, digests: frozenset[str]) -> None:
        self.community = community
        self.digests = digests
        self._seen: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self.digests)

    def __contains__(self, member_id: object) -> bool:
        if not isinstance(member_id, str):
            return False
        found = self._seen.get(member_id)
        if found is None:
            found = self._seen[member_id] = tombstone_digest(self.community, member_id) in self.digests
        return found


def tombstones(connection: Database, community: str) -> Tombstones:
    rows = connection.read("load_tombstones", community=community)
    return Tombstones(community, frozenset(r["digest"] for r in rows))


def forget_member(connection: Database, community: str, member_id: str) -> Forgotten:
    """Remove ``member_id``'s data from ``community`` and keep a tombstone (idempotent).

    The caller holds the community's lock (``GraphModel.forget`` takes it)."""
    rows = connection.write("forget_member", community=community, member=member_id,
                            digest=tombstone_digest(community, member_id))
    if not rows:
        raise UnknownCommunity(f"no community {community!r} in the graph")
    [row] = rows
    scrubbed = _scrub(connection, community, member_id, row["name"])
    return Forgotten(community, member_id, bool(row["found"]), row["relationships"], row["cascades"], scrubbed)


def lift_tombstone(connection: Database, community: str, member_id: str) -> bool:
    """Remove the tombstone of ``member_id``: later loads bring them back. Whether there was one."""
    rows = connection.write("tombstone_lift", community=community, digest=tombstone_digest(community, member_id))
    return bool(rows and rows[0]["lifted"])


def _scrub(connection: Database, community: str, member_id: str, name: str | None) -> int:
    mentions = Mentions({member_id}, lambda _: FORGOTTEN)
    changes = []
    for hit in connection.read("forget_mentions", community=community, member=member_id):
        properties: dict[str, Any] = {}
        pointed = False
        for key, value in hit["properties"]:
            if value == member_id:
                properties[key], pointed = FORGOTTEN, True  # readers may need the property: it stays
            elif isinstance(value, list):
                kept = [mentions.replace(v) if isinstance(v, str) else v for v in value if v != member_id]
                pointed = pointed or len(kept) < len(value)
                if kept != value:
                    properties[key] = kept
            elif isinstance(value, str) and (scrubbed := mentions.replace(value)) != value:
                properties[key] = scrubbed
        if pointed and not hit["is_member"] and name is not None and hit["name"] == name:
            properties["name"] = None  # a record about the member carried their name too
        if properties:
            changes.append({"node": hit["node"], "properties": properties})
    if changes:
        connection.write("forget_scrub", rows=changes)
    return len(changes)
