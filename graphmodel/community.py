"""Communities as a whole: list and delete."""

from __future__ import annotations

from graphmodel.connection import Connection


def delete_community(connection: Connection, community: str) -> int:
    """Remove the community and all of its nodes; returns how many nodes went."""
    rows = connection.run_auto("community_delete", community=community)
    return rows[0]["removed"] if rows else 0
