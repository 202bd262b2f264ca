"""The community model's names: node labels, relationship types, vocabularies, the role vocabulary.

docs/graph-model.md describes every node, relationship and property these names stand for.
``check_identifier`` is the whitelist check for any name that would otherwise reach a query's
text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from graphmodel.core.errors import InvalidIdentifier

NODE_LABELS = ("Community", "Member", "Outsider", "Role", "Event", "AnalysisRun", "GraphModelSchema",
               "FissionRun", "Cascade", "Circle", "Imbalance", "FissionFlag", "FissionChannel", "EchoFinding",
               "Tombstone", "CircleEvent")
RELATIONSHIP_TYPES = ("MEMBER_OF", "INTERACTED", "SHARED", "HAS_ROLE", "OF", "ATTENDED", "ROOTED_AT",
                      "IN_CIRCLE", "AT_RISK", "BECAME")
INTERACTION_TYPES = ("reply", "mention", "reaction", "message", "other")
THRESHOLDS = ("identity", "interest", "geo", "paid", "composite")
EVENT_KINDS = ("offline", "online")
DEPARTURE_REASONS = ("left", "removed")  # left of their own accord; removed by an admin


@dataclass(frozen=True)
class Role:
    name: str
    en: str
    zh: str
    family: str
    description_en: str
    description_zh: str
    aliases: tuple[str, ...]

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@cache
def roles() -> dict[str, Role]:
    """The vocabulary, by canonical name."""
    text = resources.files("graphmodel.core.vocabulary").joinpath("roles.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {
        name: Role(name=name, en=entry["en"], zh=entry["zh"], family=entry["family"],
                   description_en=entry["description_en"],
                   description_zh=entry["description_zh"], aliases=tuple(entry["aliases"]))
        for name, entry in data.items()
    }


@cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for role in roles().values():
        for alias in (role.name, role.en, role.zh, *role.aliases):
            index[alias.strip().casefold()] = role.name
    return index


def role_name(text: str) -> str | None:
    """The canonical role for an English or Chinese name or alias, or None."""
    return _alias_index().get(" ".join(text.split()).casefold())


def check_identifier(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Return ``value`` if it is on the whitelist ``allowed``; else raise."""
    if value not in allowed:
        raise InvalidIdentifier(f"{value!r} is not a known {what}; known: {', '.join(allowed)}")
    return value
