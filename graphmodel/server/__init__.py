"""The embedded default: a local Neo4j Community server with the GDS plugin."""

from graphmodel.server.local import LocalServer, ServerStatus
from graphmodel.server.versions import GDS_VERSION, NEO4J_VERSION

__all__ = ["LocalServer", "ServerStatus", "NEO4J_VERSION", "GDS_VERSION"]
