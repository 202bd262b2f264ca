"""Create the model's constraints and indexes, and record the schema version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from graphmodel.core.errors import IncompatibleServer
from graphmodel.core.model import roles
from graphmodel.graph import cypher
from graphmodel.graph.database import Database

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class SchemaResult:
    version: int
    statements: int
    roles: int


def statements() -> list[str]:
    """The schema statements of ``schema.cypher``, one per entry."""
    body = "\n".join(
        line for line in cypher.text("schema").splitlines() if not line.lstrip().startswith("//")
    )
    return [part.strip() for part in body.split(";") if part.strip()]


def fingerprint() -> str:
    """A hash of the schema statements and the vocabulary: changes when either does."""
    text = "\n".join(statements()) + repr(sorted(roles()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _recorded(connection: Database) -> dict | None:
    rows = connection.read("schema_version_get")
    return rows[0] if rows else None


def current_version(connection: Database) -> int | None:
    recorded = _recorded(connection)
    return recorded["version"] if recorded else None


def init_schema(connection: Database) -> SchemaResult:
    """Idempotently create constraints, indexes and the role vocabulary."""
    found = current_version(connection)
    if found is not None and found > SCHEMA_VERSION:
        raise IncompatibleServer(
            f"the graph has schema version {found}, newer than this graphmodel "
            f"({SCHEMA_VERSION}); upgrade graphmodel."
        )
    texts = statements()
    connection.run_statements("schema", [*texts, "CALL db.awaitIndexes(300)"])
    vocabulary = [
        {"name": r.name, "en": r.en, "zh": r.zh, "family": r.family} for r in roles().values()
    ]
    written = connection.write("schema_version_set", version=SCHEMA_VERSION, roles=vocabulary,
                               fingerprint=fingerprint())
    return SchemaResult(SCHEMA_VERSION, len(texts), written[0]["roles"])


def ensure_schema(connection: Database) -> None:
    """Create the schema on first use, or when this graphmodel's schema changed."""
    recorded = _recorded(connection)
    if recorded is None or recorded["fingerprint"] != fingerprint():
        init_schema(connection)
