"""Loading community data: the interchange format (``graphmodel.core.interchange``) and chat exports."""

from graphmodel.loaders.directory import LoadSummary, TableSummary, load_directory

__all__ = ["LoadSummary", "TableSummary", "load_directory"]
from graphmodel.loaders.job_step import LOAD_STEP  # noqa: E402  (registers the job step kind)

__all__ += ["LOAD_STEP"]
