"""Communities as a whole: delete, a content checksum to compare two states, and the latest
time recorded in one (what an analysis without ``--as-of`` looks from)."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graphmodel.graph.database import Database

# Properties that record when something ran rather than what the data is.
VOLATILE_PROPERTIES = frozenset({"loaded_at", "started_at", "finished_at", "heartbeat_at",
                                 "acquired_at", "updated_at", "owner"})
# Relationship keys are digests of the content and the community; the content they
# stand for is compared property by property instead.
DERIVED_PROPERTIES = frozenset({"key"})
# Significant digits floats are compared at: GDS sums in parallel, so centralities of two
# runs over the same graph may differ in the last bits (about 1e-16 relative).
FLOAT_DIGITS = 9


@dataclass(frozen=True)
class CommunityContent:
    nodes: int
    relationships: int
    checksum: str  # sha256 over the sorted, canonical node and relationship records
    records: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def differences(self, other: CommunityContent, limit: int = 5) -> list[str]:
        """Up to ``limit`` records on each side that the other lacks (to explain a mismatch)."""
        mine, theirs = set(self.records), set(other.records)
        return ([f"- {r}" for r in sorted(mine - theirs)[:limit]]
                + [f"+ {r}" for r in sorted(theirs - mine)[:limit]])


def delete_community(connection: Database, community: str, attempts: int = 5) -> int:
    """Remove the community and all of its nodes; returns how many nodes went.

    The delete runs in batches outside a managed transaction, so a deadlock with
    another writer is retried here (what was deleted stays deleted).
    """
    for attempt in range(attempts):
        try:
            rows = connection.run_auto("community_delete", community=community)
            return rows[0]["removed"] if rows else 0
        except neo4j.exceptions.TransientError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5 * (attempt + 1))
    return 0


def community_content(connection: Database, community: str,
                      ignore: Iterable[str] = VOLATILE_PROPERTIES | DERIVED_PROPERTIES,
                      neutral: Iterable[str] = ()) -> CommunityContent:
    """Counts and a checksum of everything a community holds, independent of load order.

    Two graphs with the same checksum hold the same nodes, labels, properties and
    relationships (the community id itself is left out, so two communities loaded
    from the same files compare equal). Strings in ``neutral`` (e.g. analysis run ids,
    which name the moment they ran) are compared as placeholders too; floats are compared
    at ``FLOAT_DIGITS`` significant digits.
    """
    skip = {"community", *ignore}

    placeholders = [(text, f"<{i}>") for i, text in enumerate(sorted(neutral, key=len, reverse=True))]

    def _neutral(value: Any) -> Any:
        # keys and ids may embed the community id (and run ids): compare them without it
        if isinstance(value, list):
            return [_neutral(v) for v in value]
        if isinstance(value, float):  # parallel sums differ in the last bits from run to run
            return float(f"{value:.{FLOAT_DIGITS}g}")
        if not isinstance(value, str):
            return value
        for text, placeholder in placeholders:
            value = value.replace(text, placeholder)
        return value.replace(community, "<community>")

    def _clean(properties: dict[str, Any]) -> dict[str, Any]:
        return {k: _neutral(v) for k, v in properties.items() if k not in skip}

    nodes = sorted(_canonical({"labels": sorted(r["labels"]), **_clean(r["properties"])})
                   for r in connection.read("community_content_nodes", community=community))
    relationships = sorted(
        _canonical({"type": r["type"], "from": [sorted(r["from_labels"]), _neutral(r["from_id"])],
                    "to": [sorted(r["to_labels"]), _neutral(r["to_id"])], **_clean(r["properties"])})
        for r in connection.read("community_content_relationships", community=community))
    digest = hashlib.sha256()
    for line in (*nodes, "--", *relationships):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return CommunityContent(len(nodes), len(relationships), digest.hexdigest(), (*nodes, *relationships))


def _canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)


def recorded_latest(connection: Database, community: str, keep: bool = True) -> int | None:
    """The community's latest recorded time (epoch ms: its newest interaction, join or
    departure), as kept on it; for a community loaded before it was kept, walked from its
    members (and then kept, with ``keep``). None when nothing has a time, or the community
    is unknown."""
    rows = connection.read("community_latest", community=community)
    if not rows:
        return None
    if rows[0]["latest"] is not None:
        return int(rows[0]["latest"])
    walked = connection.read("community_latest_scan", community=community)[0]["latest"]
    if walked is not None and keep:
        keep_latest(connection, community, int(walked))
    return None if walked is None else int(walked)


def keep_latest(connection: Database, community: str, latest_ms: int) -> None:
    """Record ``latest_ms`` as the community's latest time unless a later one is kept."""
    connection.write("community_latest_set", community=community, latest=latest_ms)
