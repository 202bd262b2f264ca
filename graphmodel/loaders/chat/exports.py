"""The chat exports graphmodel reads, and converting and loading one.

``EXPORTS`` is the one list of export kinds: the ``graphmodel load KIND`` commands (with the
kind's options), the ``load_chat`` job step and ``GraphModel.load_export`` all come from it.
docs/exports.md describes each.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.graph.database import Database
from graphmodel.loaders.chat import discord, qq, slack, telegram, wechat, wecom, whatsapp
from graphmodel.loaders.chat.common import ChatConversion
from graphmodel.loaders.chat.options import ExportOptions, export_options
from graphmodel.loaders.directory import LoadSummary, Progress, SourceRead, load_directory


@dataclass(frozen=True)
class ExportKind:
    name: str
    convert: Callable[[Path, ExportOptions], ChatConversion]
    what: str      # what the source is, for help texts
    example: str   # a command line
    about: str     # what the command's help says of this kind (its times, its chats)
    options: tuple[str, ...] = ()  # the options.OPTIONS it takes


EXPORTS: dict[str, ExportKind] = {kind.name: kind for kind in (
    ExportKind("telegram", telegram.convert, "a Telegram Desktop JSON export (result.json, or its folder)",
               "graphmodel load telegram ChatExport_2024-05-01/result.json --community fans",
               "Times written without an offset (reactions, old entries) are read with --utc-offset, else "
               "with the offset the export's own date/date_unixtime pairs show, else as UTC.", ("utc_offset",)),
    ExportKind("slack", slack.convert,
               "a Slack export folder, Slack's or slackdump's (unzipped: users.json, channels.json, "
               "groups.json, mpims.json, dms.json, a folder per conversation)",
               "graphmodel load slack acme-slack-export/ --community acme",
               "Every conversation the folder holds is read; the workspace is the community."),
    ExportKind("discord", discord.convert, "DiscordChatExporter JSON (a file, or a folder of them)",
               "graphmodel load discord exports/guild-general.json --community guild",
               "Export with DiscordChatExporter --format Json; a folder is read whole."),
    ExportKind("wechat", wechat.convert,
               "a WeChat group's CSV export, from WeChatMsg/MemoTrace or chatlog (a file or a folder of them)",
               "graphmodel load wechat 聊天记录/AI学习营_utf8.csv --community ai-camp",
               "One group per community: --talker picks one when the CSV holds several. chatlog's local "
               "Time is read as UTC+08:00 unless --utc-offset says otherwise.", ("talker", "utc_offset")),
    ExportKind("wecom", wecom.convert,
               "WeCom (企业微信) customer groups: groupchat/get responses, groupchat/list pages and "
               "change_external_chat callback events (a file or a folder of them)",
               "graphmodel load wecom wecom-groups/ --community ai-camp",
               "Every group in the source goes into the community; --talker picks one (chat_id or name).",
               ("talker",)),
    ExportKind("qq", qq.convert, "a QQ group's message-manager TXT export (UTF-8, GB18030 or UTF-16)",
               "graphmodel load qq 全部消息记录.txt --community qq-fans --talker 学习群",
               "One group per community: --talker picks one of the file's 消息对象. Times are read as "
               "UTC+08:00 unless --utc-offset says otherwise.", ("talker", "utc_offset")),
    ExportKind("whatsapp", whatsapp.convert,
               "a WhatsApp \"Export chat\" TXT (Android or iOS layout; the .txt or its unzipped folder)",
               "graphmodel load whatsapp \"WhatsApp Chat with Makers.txt\" --community makers",
               "The date order is detected (--date-order forces it); times are the phone's, read as UTC "
               "unless --utc-offset says otherwise.", ("date_order", "utc_offset")),
)}


def convert_export(kind: str, source: str | Path, directory: str | Path,
                   options: Mapping[str, Any] | None = None) -> ChatConversion:
    """Convert the export at ``source`` (``kind``: one of ``EXPORTS``; ``options``: the kind's,
    by name) into interchange tables in ``directory``."""
    if kind not in EXPORTS:
        raise InputError(f"unknown chat export kind {kind!r}; known: {', '.join(EXPORTS)}")
    chosen = export_options(kind, EXPORTS[kind].options, options)
    source = Path(source)
    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    conversion = EXPORTS[kind].convert(source, chosen)
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
                writers: int = 2, drop_names: bool = False, options: Mapping[str, Any] | None = None) -> ExportLoad:
    """Convert a chat export and load it.

    The interchange tables go to ``keep`` when given (to inspect or load again),
    else to a temporary folder removed afterwards (they hold the export's names even with
    ``drop_names``). Records of the export that could not be read go to the reject file
    first. ``lock``, ``echo``, ``writers`` and ``drop_names`` as for ``load_directory``;
    ``options`` as for ``convert_export``.
    """
    with tempfile.TemporaryDirectory(prefix="graphmodel-chat-") as scratch:
        directory = Path(keep) if keep else Path(scratch)
        conversion = convert_export(kind, source, directory, options)
        read = SourceRead(f"{kind} export", Path(source).name, conversion.records, tuple(conversion.rejects))
        summary = load_directory(connection, directory, community, name=name, dry_run=dry_run,
                                 reject_path=reject_path, progress=progress, lock=lock, echo=echo,
                                 writers=writers, drop_names=drop_names, source=read)
    return ExportLoad(conversion, summary)
