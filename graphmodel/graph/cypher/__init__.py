"""Named Cypher queries shipped as package files.

Every query lives in ``graphmodel/graph/cypher/<name>.cypher``. A file may start
with ``//`` comment lines; the first one is the query's description, and lines
of the form ``// param: name - what it is`` document its parameters (the
named-query catalogue shows both). A parameter may declare a type and a default:
``// param: limit (int) = 20 - how many rows`` (``= ""`` for an empty string); types are string (the default),
int, float, bool, date, datetime and list (comma-separated strings). Queries
take values only as parameters.

Files named ``query_<name>.cypher`` form the analysts' catalogue
(``graphmodel query --list``); the rest serve the library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from graphmodel.core.errors import QueryNotFound

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(
    r'^//\s*param:\s*(\w+)\s*(?:\((\w+)\))?\s*(?:=\s*("[^"]*"|\S+))?\s*-\s*(.*)$'
)
PARAM_TYPES = ("string", "int", "float", "bool", "date", "datetime", "list", "map")


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    type: str = "string"
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    description: str
    params: tuple[Param, ...]


def names() -> list[str]:
    """Every named query, sorted."""
    root = resources.files(__name__)
    return sorted(
        entry.name.removesuffix(".cypher")
        for entry in root.iterdir()
        if entry.name.endswith(".cypher")
    )


@cache
def load(name: str) -> NamedQuery:
    """The named query ``name``; raises QueryNotFound for an unknown name."""
    if not _NAME.match(name):
        raise QueryNotFound(f"{name!r} is not a query name (lowercase letters, digits, _)")
    entry = resources.files(__name__).joinpath(f"{name}.cypher")
    if not entry.is_file():
        raise QueryNotFound(f"no named query {name!r}; `graphmodel query --list` shows them")
    text = entry.read_text(encoding="utf-8")
    description = ""
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        match = _PARAM.match(stripped)
        if match:
            kind = match.group(2) or "string"
            if kind not in PARAM_TYPES:
                raise ValueError(f"{name}.cypher: parameter type {kind!r} not in {PARAM_TYPES}")
            default = match.group(3)
            if default is not None and default.startswith('"'):
                default = default[1:-1]
            params.append(Param(match.group(1), match.group(4).strip(), kind, default))
        elif not description:
            description = stripped.lstrip("/").strip()
    return NamedQuery(name=name, text=text, description=description, params=tuple(params))


def text(name: str) -> str:
    """The Cypher text of the named query."""
    return load(name).text
