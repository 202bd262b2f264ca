"""Communities as a whole: delete, and a content checksum to compare two states."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any, Iterable

import neo4j

from graphmodel.connection import Connection

# Properties that record when something ran rather than what the data is.
VOLATILE_PROPERTIES = frozenset({"loaded_at", "started_at", "finished_at", "heartbeat_at",
                                 "acquired_at", "updated_at"})
# Relationship keys are digests of the content and the community; the content they
# stand for is compared property by property instead.
DERIVED_PROPERTIES = frozenset({"key"})


@dataclass(frozen=True)
class CommunityContent:
    nodes: int
    relationships: int
    checksum: str  # sha256 over the sorted, canonical node and relationship records


def delete_community(connection: Connection, community: str, attempts: int = 5) -> int:
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


def community_content(connection: Connection, community: str,
                      ignore: Iterable[str] = VOLATILE_PROPERTIES | DERIVED_PROPERTIES) -> CommunityContent:
    """Counts and a checksum of everything a community holds, independent of load order.

    Two graphs with the same checksum hold the same nodes, labels, properties and
    relationships (the community id itself is left out, so two communities loaded
    from the same files compare equal).
    """
    skip = {"community", *ignore}

    def _neutral(value: Any) -> Any:
        # keys and ids may embed the community id: compare them without it
        return value.replace(community, "<community>") if isinstance(value, str) else value

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
    return CommunityContent(len(nodes), len(relationships), digest.hexdigest())


def _canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
