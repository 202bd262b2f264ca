"""Options a chat export kind takes beyond the source: declared once here, offered by the
``graphmodel load KIND`` command, the ``load_chat`` job step and ``GraphModel.load_export``.

Each kind lists the options it reads (``ExportKind.options``); giving one a kind does not take
is an error, not silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.loaders.chat.clock import parse_utc_offset

DATE_ORDERS = ("DMY", "MDY", "YMD")


@dataclass(frozen=True)
class ExportOptions:
    """What a converter is told beyond the source."""

    utc_offset: timedelta | None = None  # the exporter's clock, for times written without an offset
    talker: str | None = None            # which chat of an export that holds several
    date_order: str | None = None        # day/month order of the export's dates (DMY, MDY, YMD)


def _date_order(text: str) -> str:
    value = str(text).strip().upper()
    if value not in DATE_ORDERS:
        raise InputError(f"{text!r} is not a date order; one of {', '.join(DATE_ORDERS)}")
    return value


@dataclass(frozen=True)
class ExportOption:
    name: str       # the ExportOptions field, the job step parameter and (with dashes) the CLI flag
    metavar: str
    help: str
    parse: Callable[[str], Any]

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


OPTIONS: dict[str, ExportOption] = {option.name: option for option in (
    ExportOption("utc_offset", "OFFSET", "The exporting machine's UTC offset (+08:00), for times the export "
                 "writes without one [default: what the export shows, else the kind's assumption, "
                 "stated in the summary].", parse_utc_offset),
    ExportOption("talker", "CHAT", "The chat to read when the export holds several (its id or name, "
                 "as the error listing them shows).", str),
    ExportOption("date_order", "ORDER", "Order of day, month and year in the export's dates: DMY, MDY or "
                 "YMD [default: detected from the dates, stated in the summary].", _date_order),
)}


def export_options(kind: str, accepted: tuple[str, ...], values: Mapping[str, Any] | None) -> ExportOptions:
    """``values`` (option name -> text or value; None means not given) checked for ``kind``."""
    chosen: dict[str, Any] = {}
    for name, value in (values or {}).items():
        if value is None:
            continue
        if name not in OPTIONS:
            raise InputError(f"{name!r} is not an export option; known: {', '.join(OPTIONS)}")
        if name not in accepted:
            takes = ", ".join(accepted) or "none"
            raise InputError(f"the {kind} export takes no {name!r} option (it takes: {takes})")
        option = OPTIONS[name]
        chosen[name] = value if isinstance(value, timedelta) else option.parse(value)
    return ExportOptions(**chosen)
