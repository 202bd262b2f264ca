"""``Rows``: a list of typed results that also turns into a pandas DataFrame.

Every tabular result (leaders, connectors, circles, imbalances, role mismatches,
cascades, spreaders, query rows) is a ``Rows`` of dataclasses or dicts::

    result.leaders[0].evidence        # a RankedMember
    result.leaders.to_pandas()        # one column per field
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pandas

T = TypeVar("T")


class Rows(list[T]):
    """A list of dataclass instances (or dicts) with ``to_pandas()``."""

    def __init__(self, items: Iterable[T] = (), columns: Sequence[str] | None = None) -> None:
        super().__init__(items)
        self.columns = tuple(columns) if columns is not None else None

    def to_pandas(self) -> pandas.DataFrame:
        """One row per item, one column per field (nested values stay as Python objects)."""
        import pandas

        records = [_record(item) for item in self]
        columns = list(self.columns) if self.columns is not None else None
        return pandas.DataFrame.from_records(records, columns=columns)


def _record(item: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
    if isinstance(item, dict):
        return item
    raise TypeError(f"Rows holds dataclasses or dicts, not {type(item).__name__}")
