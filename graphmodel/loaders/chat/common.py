"""What every chat converter shares: the accumulated members and edges, and writing them."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.core.interchange import InterchangeWriter


@dataclass
class ChatConversion:
    """Members and edges found in one export, with what could not be mapped."""

    source: str
    members: dict[str, dict[str, Any]] = field(default_factory=dict)
    interactions: list[dict[str, Any]] = field(default_factory=list)
    shares: list[dict[str, Any]] = field(default_factory=list)
    messages: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def member(self, ident: Any, name: str | None = None, joined_at: datetime | None = None,
               is_member: bool = True) -> str | None:
        """Note a user (first name seen wins; the earliest join wins); returns the id."""
        if ident is None or str(ident).strip() == "":
            return None
        ident = str(ident)
        entry = self.members.setdefault(ident, {"member_id": ident, "name": None, "joined_at": None,
                                                "is_member": is_member})
        if name and not entry["name"]:
            entry["name"] = name
        if joined_at and (entry["joined_at"] is None or joined_at < entry["joined_at"]):
            entry["joined_at"] = joined_at
        entry["is_member"] = entry["is_member"] or is_member
        return ident

    def interaction(self, source: str | None, target: str | None, kind: str, at: datetime | None) -> None:
        if source and target and source != target:
            self.interactions.append({"source": source, "target": target, "type": kind, "at": at})

    def share(self, source: str | None, target: str | None, at: datetime | None, channel: str,
              joined: bool) -> None:
        if source and target and source != target:
            self.shares.append({"source": source, "target": target, "at": at, "channel": channel,
                                "joined": joined})

    def skip(self, what: str, n: int = 1) -> None:
        self.skipped[what] = self.skipped.get(what, 0) + n

    def write(self, directory: Path) -> dict[str, int]:
        with InterchangeWriter(directory) as writer:
            writer.write("members", sorted(self.members.values(), key=lambda m: m["member_id"]))
            writer.write("interactions", self.interactions)
            writer.write("shares", self.shares)
            return dict(writer.counts)


def convert_export(kind: str, source: str | Path, directory: str | Path) -> ChatConversion:
    """Convert the export at ``source`` (``kind``: telegram, slack or discord) into
    interchange tables in ``directory``."""
    from graphmodel.loaders.chat import EXPORT_KINDS

    if kind not in EXPORT_KINDS:
        raise InputError(f"unknown chat export kind {kind!r}; known: {', '.join(EXPORT_KINDS)}")
    source = Path(source)
    if not source.exists():
        raise InputError(f"{source}: no such file or folder")
    module = importlib.import_module(f"graphmodel.loaders.chat.{kind}")
    conversion = module.convert(source)
    conversion.write(Path(directory))
    return conversion


def from_unix(seconds: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(seconds), timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def from_iso(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def read_json(path: Path) -> Any:
    import json

    try:
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{path}: not a readable JSON export ({error})") from error


def load_export(connection, kind: str, source: str | Path, community: str, *, name: str | None = None,
                reject_path: str | Path | None = None, keep: str | Path | None = None,
                dry_run: bool = False, progress=None, lock: bool = True, echo=lambda _: None):
    """Convert a chat export and load it; returns (conversion, load summary).

    The interchange tables go to ``keep`` when given (to inspect or load again),
    else to a temporary folder removed afterwards. ``lock`` and ``echo`` as for ``load_directory``.
    """
    import tempfile

    from graphmodel.loaders.directory import load_directory

    with tempfile.TemporaryDirectory(prefix="graphmodel-chat-") as scratch:
        directory = Path(keep) if keep else Path(scratch)
        conversion = convert_export(kind, source, directory)
        summary = load_directory(connection, directory, community, name=name, dry_run=dry_run,
                                 reject_path=reject_path, progress=progress, lock=lock, echo=echo)
    return conversion, summary
