"""graphmodel: a community knowledge model on Neo4j and Graph Data Science."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("graphmodel")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"
