"""graphmodel: a community knowledge model on Neo4j and Graph Data Science.

    import graphmodel
    gm = graphmodel.connect()
    gm.analyze("camp-7").leaders.to_pandas()

``connect``, ``GraphModel`` and ``run_job_file`` come from ``graphmodel.facade``, loaded
on first use so that importing a part of the library (``graphmodel.analysis``) loads
only that part.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("graphmodel")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"

if TYPE_CHECKING:
    from graphmodel.facade import GraphModel, connect, run_job_file

__all__ = ["GraphModel", "__version__", "connect", "run_job_file"]


def __getattr__(name: str) -> Any:
    if name in ("GraphModel", "connect", "run_job_file"):
        from graphmodel import facade

        return getattr(facade, name)
    raise AttributeError(f"module 'graphmodel' has no attribute {name!r}")
