"""The Neo4j and GDS versions, read from the one place they are pinned: pom.xml."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib import resources

_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def _pom_property(name: str) -> str:
    pom = resources.files("graphmodel.server").joinpath("pom.xml").read_text(encoding="utf-8")
    node = ET.fromstring(pom).find(f"m:properties/m:{name}", _NS)
    if node is None or not node.text:
        raise RuntimeError(f"pom.xml has no <{name}> property")
    return node.text.strip()


NEO4J_VERSION = _pom_property("neo4j.version")
GDS_VERSION = _pom_property("gds.version")

# The oldest servers graphmodel talks to (a remote Neo4j or Aura).
MIN_NEO4J = (5, 23)  # CALL (x) {...} scope clauses
MIN_GDS = (2, 5)


def parse_version(text: str) -> tuple[int, ...]:
    """'5.26.30' -> (5, 26, 30); '2025.01.0-aura' -> (2025, 1, 0)."""
    parts = []
    for piece in text.split("-")[0].split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)
