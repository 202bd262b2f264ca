"""What every chat converter shares: the accumulated members and edges, and writing them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graphmodel.core.errors import InputError
from graphmodel.core.interchange import InterchangeWriter

# how a member's interaction with themselves is counted among what an export held but did not map
_TO_THEMSELVES = {"reply": "replies to their own messages", "mention": "mentions of themselves",
                  "reaction": "reactions to their own messages"}


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
        if source and target and source == target:
            self.skip(_TO_THEMSELVES.get(kind, f"{kind} interactions of a member with themselves"))
        elif source and target:
            self.interactions.append({"source": source, "target": target, "type": kind, "at": at})

    def share(self, source: str | None, target: str | None, at: datetime | None, channel: str,
              joined: bool) -> None:
        if source and target and source == target:
            self.skip("shares of a member to themselves")
        elif source and target:
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


def from_unix(seconds: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(seconds), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def from_iso(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def read_json(path: Path) -> Any:
    import json

    try:
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{path}: not a readable JSON export ({error})") from error
    except RecursionError:  # json gives up on nesting deeper than the interpreter's stack
        raise InputError(f"{path}: not a readable JSON export (its values are nested too deeply to "
                         f"read; a chat export nests a few levels)") from None
