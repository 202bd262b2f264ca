"""The chat exports graphmodel reads, and converting and loading one.

``EXPORTS`` is the one list of export kinds: the ``graphmodel load KIND`` commands,
the ``load_chat`` job step and ``GraphModel.load_export`` all come from it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graphmodel.core.errors import InputError
from graphmodel.graph.database import Database
from graphmodel.loaders.chat import discord, slack, telegram
from graphmodel.loaders.chat.common import ChatConversion
from graphmodel.loaders.directory import LoadSummary, Progress, load_directory


@dataclass(frozen=True)
class ExportKind:
    name: str
    convert: Callable[[Path], ChatConversion]
    what: str      # what the source is, for help texts
    example: str   # a command line


EXPORTS: dict[str, ExportKind] = {kind.name: kind for kind in (
    ExportKind("telegram", telegram.convert, "a Telegram Desktop JSON export (result.json, or its folder)",
               "graphmodel load telegram ChatExport_2024-05-01/result.json --community fans"),
    ExportKind("slack", slack.convert,
               "a Slack export folder (unzipped: users.json, channels.json, channel folders)",
               "graphmodel load slack acme-slack-export/ --community acme"),
    ExportKind("discord", discord.convert, "DiscordChatExporter JSON (a file, or a folder of them)",
               "graphmodel load discord exports/guild-general.json --community guild"),
)}


def convert_export(kind: str, source: str | Path, directory: str | Path) -> ChatConversion:
    """Convert the export at ``source`` (``kind``: one of ``EXPORTS``) into
    interchange tables in ``directory``."""
    if kind not in EXPORTS:
        raise InputError(f"unknown chat export kind {kind!r}; known: {', '.join(EXPORTS)}")
    source = Path(source)
    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    conversion = EXPORTS[kind].convert(source)
    conversion.write(Path(directory))
    return conversion


@dataclass(frozen=True)
class ExportLoad:
    """What a chat export held (``conversion``) and what its load did (``summary``)."""

    conversion: ChatConversion
    summary: LoadSummary


def load_export(connection: Database | None, kind: str, source: str | Path, community: str, *,
                name: str | None = None, reject_path: str | Path | None = None,
                keep: str | Path | None = None, dry_run: bool = False, progress: Progress | None = None,
                lock: bool = True, echo: Callable[[str], None] = lambda _: None,
                writers: int = 2, drop_names: bool = False) -> ExportLoad:
    """Convert a chat export and load it.

    The interchange tables go to ``keep`` when given (to inspect or load again),
    else to a temporary folder removed afterwards (they hold the export's names even with
    ``drop_names``). ``lock``, ``echo``, ``writers`` and ``drop_names`` as for ``load_directory``.
    """
    with tempfile.TemporaryDirectory(prefix="graphmodel-chat-") as scratch:
        directory = Path(keep) if keep else Path(scratch)
        conversion = convert_export(kind, source, directory)
        summary = load_directory(connection, directory, community, name=name, dry_run=dry_run,
                                 reject_path=reject_path, progress=progress, lock=lock, echo=echo,
                                 writers=writers, drop_names=drop_names)
    return ExportLoad(conversion, summary)
