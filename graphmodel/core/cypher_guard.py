"""What analysts' Cypher may call: read-only procedures and functions, no administration.

A read transaction stops writes to the graph, but not procedures that change the server
(``gds.graph.project`` fills its memory, ``gds.graph.drop`` ends a running analysis,
``db.clearQueryCaches``), read its configuration or other users' work (``dbms.listConfig``,
``SHOW USERS``, ``SHOW TRANSACTIONS``) or end them (``TERMINATE TRANSACTIONS``). Neo4j
Community has no roles to forbid them, so the text is checked before it is sent: its tokens
are read (comments and strings skipped, backtick names unquoted, names compared without
case) and every procedure called, every namespaced function and every ``SHOW``, ``USE``,
``TERMINATE``, ``LOAD CSV`` and administration command must be on the allow-lists below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graphmodel.core.errors import QueryRefused

#: procedures that only read the schema or an index (lower case)
ALLOWED_PROCEDURES = frozenset(name.lower() for name in (
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.ping", "db.info",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.index.vector.queryNodes", "db.index.vector.queryRelationships",
))
#: namespaced functions: Cypher's own (time, duration, point, vector) and GDS's pure helpers
ALLOWED_FUNCTION_PREFIXES = ("date.", "datetime.", "localdatetime.", "localtime.", "time.", "duration.",
                             "point.", "vector.", "gds.util.", "gds.similarity.")
ALLOWED_FUNCTIONS = frozenset(("db.nameFromElementId".lower(), "gds.version"))
#: what SHOW may list: the schema and the callable procedures and functions
ALLOWED_SHOW = frozenset(("index", "indexes", "constraint", "constraints", "function", "functions",
                          "procedure", "procedures"))
# words between SHOW and what it lists (SHOW RANGE INDEXES, SHOW BUILT IN FUNCTIONS, ...)
SHOW_MODIFIERS = frozenset(("all", "range", "text", "point", "lookup", "fulltext", "vector", "btree",
                            "unique", "uniqueness", "node", "relationship", "rel", "key", "exist",
                            "existence", "property", "type", "built", "in", "user", "defined"))
# clauses that change or administer the server, refused wherever they start a clause
COMMANDS = frozenset(("use", "terminate", "grant", "deny", "revoke", "alter", "rename", "start", "stop",
                      "enable", "deallocate", "reallocate", "dryrun"))
# words that may follow a variable, a property key or a label named like a command word
# (``WITH 1 AS start RETURN start``): after them the word is not the command
CONTINUATIONS = frozenset((
    "as", "and", "or", "xor", "not", "in", "is", "starts", "ends", "contains", "asc", "desc",
    "ascending", "descending", "then", "else", "end", "when", "case", "distinct", "by", "on",
    "match", "optional", "with", "return", "where", "unwind", "call", "create", "merge", "delete",
    "detach", "set", "remove", "foreach", "load", "union", "order", "skip", "limit", "offset", "yield",
    "finish", "null", "true", "false",
))

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<number>\d[\w.]*)
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str  # word (a name, unquoted), other (punctuation)
    text: str
    quoted: bool = False


def tokens(text: str) -> list[Token]:
    """The names and punctuation of a Cypher text: comments, strings, numbers and
    parameters dropped, backtick names unquoted. An unterminated string, comment or
    backtick name is refused (the server could read the rest otherwise than this does)."""
    found: list[Token] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() != position:
            break
        position = match.end()
        kind = match.lastgroup
        value = match.group()
        if kind == "word":
            found.append(Token("word", value))
        elif kind == "quoted":
            found.append(Token("word", value[1:-1].replace("``", "`"), quoted=True))
        elif kind == "other":
            if value in "'\"`" or text.startswith("/*", match.start()):
                raise QueryRefused(f"the query has an unterminated {_what(value)} at character "
                                   f"{match.start() + 1}; refused before it reached the server")
            found.append(Token("other", value))
    return found


def _what(char: str) -> str:
    return {"'": "string", '"': "string", "`": "backtick name"}.get(char, "comment")


def check_analyst_cypher(text: str) -> None:
    """Raise ``QueryRefused`` unless every procedure, namespaced function and command in
    ``text`` is on the allow-lists (see the module's docstring)."""
    for what, name in called(text):
        if what == "procedure" and name.lower() not in ALLOWED_PROCEDURES:
            raise QueryRefused(
                f"the procedure {name} may not be called from analyst queries: they may call only "
                f"read-only procedures (db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, "
                f"db.info, db.ping and the full-text and vector index queries); GDS, dbms.* and the db.* "
                f"procedures that change the server are refused. Graph algorithms run through graphmodel "
                f"analyze and fission")
        if what == "function" and not _allowed_function(name.lower()):
            raise QueryRefused(
                f"the function {name} may not be used in analyst queries: namespaced functions are "
                f"limited to Cypher's own ({', '.join(p.rstrip('.') for p in ALLOWED_FUNCTION_PREFIXES[:8])}) "
                f"and gds.util.*, gds.similarity.*, gds.version (gds.graph.project and the other GDS "
                f"catalogue functions change the server)")
        if what == "show" and name.lower() not in ALLOWED_SHOW:
            raise QueryRefused(
                f"SHOW {name.upper()} is an administration command, refused in analyst queries (they may "
                f"use SHOW INDEXES, CONSTRAINTS, FUNCTIONS and PROCEDURES)")
        if what == "command":
            raise QueryRefused(
                f"{name.upper()} is refused in analyst queries: they read the community graph of the "
                f"configured database only (no USE, LOAD CSV, TERMINATE or administration commands)")


def _allowed_function(name: str) -> bool:
    return name in ALLOWED_FUNCTIONS or name.startswith(ALLOWED_FUNCTION_PREFIXES)


def called(text: str) -> Iterator[tuple[str, str]]:
    """What ``text`` calls: ("procedure", name), ("function", name) for namespaced functions,
    ("show", what it lists) and ("command", the word) for USE, TERMINATE, LOAD CSV and the
    administration commands."""
    found = tokens(text)
    for i, token in enumerate(found):
        if token.kind != "word" or token.quoted or _after_name_mark(found, i):
            continue
        word = token.text.lower()
        following = _next_word(found, i)
        if word == "call" and following is not None:
            yield "procedure", _qualified(found, i + 1)
        elif word == "show" and following is not None:
            yield "show", _shown(found, i + 1)
        elif word == "load" and following is not None and following.lower() == "csv":
            yield "command", "load csv"
        elif word in COMMANDS and following is not None:
            yield "command", word
    for i, token in enumerate(found):
        if token.kind == "word" and not _after_name_mark(found, i) and not _after_call(found, i):
            name, end = _name_at(found, i)
            if "." in name and end < len(found) and found[end].text == "(":
                yield "function", name


def _after_name_mark(found: list[Token], i: int) -> bool:
    """Whether the word at ``i`` is a property key, label, parameter or the inner part of a name."""
    return i > 0 and found[i - 1].kind == "other" and found[i - 1].text in ".:"


def _after_call(found: list[Token], i: int) -> bool:
    return i > 0 and found[i - 1].kind == "word" and not found[i - 1].quoted and found[i - 1].text.lower() == "call"


def _next_word(found: list[Token], i: int) -> str | None:
    """The word after ``i`` when it can start what the word at ``i`` introduces."""
    if i + 1 >= len(found) or found[i + 1].kind != "word":
        return None
    after = found[i + 1]
    return None if not after.quoted and after.text.lower() in CONTINUATIONS else after.text


def _name_at(found: list[Token], i: int) -> tuple[str, int]:
    """The dotted name starting at ``i`` (backtick parts joined as written) and the index after it."""
    parts = [found[i].text]
    end = i + 1
    while end + 1 < len(found) and found[end].text == "." and found[end + 1].kind == "word":
        parts.append(found[end + 1].text)
        end += 2
    return ".".join(parts), end


def _qualified(found: list[Token], i: int) -> str:
    return _name_at(found, i)[0]


def _shown(found: list[Token], i: int) -> str:
    """What a SHOW lists: its first word after the modifiers."""
    while i < len(found) and found[i].kind == "word" and found[i].text.lower() in SHOW_MODIFIERS:
        i += 1
    return found[i].text if i < len(found) and found[i].kind == "word" else ""
