"""The graph layer: the connection (the one seam to Neo4j), Cypher files, schema, locks."""
