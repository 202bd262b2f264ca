"""Loading community data: the interchange format (``graphmodel.core.interchange``) and chat exports."""

from graphmodel.loaders.directory import LoadSummary, TableSummary, load_directory

__all__ = ["LoadSummary", "TableSummary", "load_directory"]
