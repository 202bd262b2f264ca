"""Stable, salted pseudonyms for reports shared outside the team.

A member's pseudonym is ``M-`` and ten letters and digits from an HMAC-SHA256 of the
community and the member id, keyed with a secret salt: the same member gets the same
pseudonym in every report, format and language made with the same salt, and without the
salt nobody can tell which member it stands for (nor test a guess). The salt comes from
``GRAPHMODEL_PSEUDONYM_SALT`` or, when that is unset, from the file ``pseudonym-salt`` in
GRAPHMODEL_HOME, made with 32 random bytes on first use (readable by its owner only). It
is never printed.

``pseudonymise(data, community, members, pseudonyms)`` rewrites any report data (dataclasses, dicts,
lists, strings, at any depth) so that no member id or name remains: a string that is a
member's id or name becomes the pseudonym, members named inside sentences are replaced
where they stand as words (``graphmodel.core.mentions``), and a record's ``name`` follows
its ``member_id``. Inside sentences, tokens shorter than two characters and numbers of
fewer than four digits are left alone: they cannot be told apart from counts and circle
numbers there (as whole values they are replaced all the same). A name that is a word of
the report's own vocabulary (a role, a severity, a health verdict: a member called
``leader``) is replaced only where it stands as a record's name, so the report still reads.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import hmac
import os
import secrets
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from graphmodel.analysis.results import SEVERITIES
from graphmodel.core.errors import ConfigurationError
from graphmodel.core.mentions import Mentions
from graphmodel.core.model import roles
from graphmodel.fission.roles import ROOT_CLASSES
from graphmodel.history import NO_ROLE

SALT_ENV = "GRAPHMODEL_PSEUDONYM_SALT"
SALT_FILE = "pseudonym-salt"
MIN_SALT = 16  # characters
PREFIX = "M-"

T = TypeVar("T")


@dataclass(frozen=True)
class Pseudonyms:
    """Pseudonyms keyed with ``salt`` (kept out of ``repr``)."""

    salt: bytes = field(repr=False)

    def of(self, community: str, member_id: str) -> str:
        digest = hmac.new(self.salt, f"{community}\x1f{member_id}".encode(), "sha256").digest()
        return PREFIX + base64.b32encode(digest).decode("ascii")[:10]


def load_salt(home: Path | None, environ: Mapping[str, str] = os.environ) -> Pseudonyms:
    """The pseudonyms of this installation: the salt from ``GRAPHMODEL_PSEUDONYM_SALT``, else
    from ``HOME/pseudonym-salt`` (created on first use)."""
    value = environ.get(SALT_ENV)
    if value is not None:
        if len(value.strip()) < MIN_SALT:
            raise ConfigurationError(f"{SALT_ENV} is set but shorter than {MIN_SALT} characters; "
                                     f"set it to a long random secret, or unset it to use "
                                     f"GRAPHMODEL_HOME/{SALT_FILE}")
        return Pseudonyms(value.strip().encode())
    if home is None:
        raise ConfigurationError(f"pseudonyms need a salt: set {SALT_ENV}, or GRAPHMODEL_HOME for the "
                                 f"file {SALT_FILE} in it")
    path = Path(home) / SALT_FILE
    try:
        salt = path.read_bytes().strip()
    except FileNotFoundError:
        salt = _create_salt(path)
    except OSError as error:
        raise ConfigurationError(f"cannot read the pseudonym salt {path}: {error.strerror}") from None
    if len(salt) < MIN_SALT:
        raise ConfigurationError(f"the pseudonym salt {path} holds fewer than {MIN_SALT} characters; "
                                 f"remove it to have a new one made (pseudonyms will change)")
    return Pseudonyms(salt)


def _create_salt(path: Path) -> bytes:
    salt = secrets.token_hex(32).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made meanwhile by another run
        return path.read_bytes().strip()
    except OSError as error:
        raise ConfigurationError(f"cannot create the pseudonym salt {path}: {error.strerror}; "
                                 f"set {SALT_ENV} instead") from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(salt + b"\n")
    return salt


def pseudonymise(data: T, community: str, members: Iterable[tuple[str, str | None]], pseudonyms: Pseudonyms) -> T:
    """``data`` with every member id and name of ``members`` ((id, name) pairs) replaced by
    the member's pseudonym."""
    return _Rewriter(community, members, pseudonyms).walk(data)


class _Tokens(Collection[str]):
    """Member ids and names that may be replaced inside sentences (a view, nothing copied)."""

    def __init__(self, ids: Collection[str], names: Mapping[str, str]) -> None:
        self.ids, self.names = ids, names

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and (token in self.ids or token in self.names) and _in_sentences(token)

    def __iter__(self) -> Iterator[str]:
        yield from (t for t in self.ids if _in_sentences(t))
        yield from (t for t in self.names if _in_sentences(t))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _in_sentences(token: str) -> bool:
    return len(token.strip()) >= 2 and not (token.isdigit() and len(token) < 4)


@cache
def vocabulary() -> frozenset[str]:
    """The report's own words that stand as values in its data (roles, severities, verdicts)."""
    return frozenset({*roles(), *SEVERITIES, *ROOT_CLASSES, NO_ROLE, "healthy", "watch", "attention"})


class _Rewriter:
    def __init__(self, community: str, members: Iterable[tuple[str, str | None]], pseudonyms: Pseudonyms) -> None:
        self.community, self.pseudonyms = community, pseudonyms
        self.ids: set[str] = set()
        self.names: dict[str, str] = {}  # name -> the first id (in sort order) of the members bearing it
        words = vocabulary()
        for ident, name in members:
            self.ids.add(ident)
            if name and name not in words and (name not in self.names or ident < self.names[name]):
                self.names[name] = ident
        self._pseudonyms: dict[str, str] = {}
        self._texts: dict[str, str] = {}
        tokens = _Tokens(self.ids, self.names)
        lengths = {len(t) for t in self.ids} | {len(t) for t in self.names}
        self.mentions = Mentions(tokens, self.exact, lengths)

    def pseudonym(self, member_id: str) -> str:
        found = self._pseudonyms.get(member_id)
        if found is None:
            found = self._pseudonyms[member_id] = self.pseudonyms.of(self.community, member_id)
        return found

    def exact(self, text: str) -> str:
        """The pseudonym for a member id or name (``text`` itself otherwise)."""
        if text in self.ids:
            return self.pseudonym(text)
        if text in self.names:
            return self.pseudonym(self.names[text])
        return text

    def text(self, text: str) -> str:
        found = self.exact(text)
        if found is not text:
            return found
        rewritten = self._texts.get(text)
        if rewritten is None:
            rewritten = self._texts[text] = self.mentions.replace(text)
        return rewritten

    def walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            out = {self.exact(k) if isinstance(k, str) else k: self.walk(v) for k, v in value.items()}
            self._name_follows_id(value, out)
            return out
        if isinstance(value, list):
            rewritten = copy.copy(value)  # keeps a list subclass and its attributes (Rows' columns)
            rewritten[:] = [self.walk(v) for v in value]
            return rewritten
        if isinstance(value, tuple):
            items = [self.walk(v) for v in value]
            return type(value)(*items) if hasattr(value, "_fields") else type(value)(items)
        if isinstance(value, (set, frozenset)):
            return type(value)(self.walk(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            record = copy.copy(value)
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            changed = {name: self.walk(v) for name, v in fields.items()}
            self._name_follows_id(fields, changed)
            for name, v in changed.items():
                object.__setattr__(record, name, v)  # frozen dataclasses too: this is a fresh copy
            return record
        return value

    def _name_follows_id(self, original: Mapping[str, Any], rewritten: dict[str, Any]) -> None:
        """A record's name is its member's: two members may share a name, not a pseudonym."""
        member = original.get("member_id")
        if isinstance(member, str) and member in self.ids and "name" in original:
            rewritten["name"] = None if original["name"] is None else self.pseudonym(member)
