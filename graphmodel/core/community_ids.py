"""Community ids where they enter, and the file names made from them.

An id is kept exactly as given in the graph (``Community.id``, every node's ``community``).
It must not be empty, be longer than ``MAX_COMMUNITY_ID`` characters, or hold control
characters (a line break, NUL, a bidirectional override that shows the text in another
order than it is stored). Anything else is a valid id, ``/`` and ``..`` included: file
names come from ``file_slug``, never from the id itself.

The limit leaves room around the id: analysis run ids and GDS graph names are the id with
about 30 more characters, and a file name (``<slug>-report.html``,
``graphmodel-rejects-<slug>.csv``) must stay under the 255 bytes file systems allow.
"""

from __future__ import annotations

import hashlib
import unicodedata

from graphmodel.core.errors import InvalidCommunityId

MAX_COMMUNITY_ID = 200  # characters
SLUG_BYTES = 80  # the readable part of a file name made from an id, in UTF-8 bytes
# Unicode's bidirectional formatting characters: they make text display in another order
# than it is stored (the "right-to-left override" trick), so an id could read as another
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def checked_community(value: object) -> str:
    """``value`` if it is a valid community id; else ``InvalidCommunityId`` saying why."""
    if not isinstance(value, str):
        raise InvalidCommunityId(f"a community id must be text; got {type(value).__name__}")
    if not value.strip():
        raise InvalidCommunityId("the community id is empty; give one with --community ID")
    if len(value) > MAX_COMMUNITY_ID:
        raise InvalidCommunityId(f"the community id is {len(value):,} characters long; at most "
                                 f"{MAX_COMMUNITY_ID} are allowed (it starts {value[:40]!r})")
    for position, char in enumerate(value, start=1):
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in BIDI_CONTROLS:
            kind = "a bidirectional control character" if char in BIDI_CONTROLS else "a control character"
            raise InvalidCommunityId(f"the community id {value!r} holds {kind} (U+{ord(char):04X}) at "
                                     f"position {position}; use letters, digits and punctuation")
    return value


def file_slug(community: str) -> str:
    """A file-name-safe form of a community id: its letters, digits, ``-``, ``_`` and ``.``
    (anything else becomes ``-``, never a leading dot), at most ``SLUG_BYTES`` bytes. When
    that changed the id, a digest of the id follows, so ids that differ only in what was
    replaced (``a/b``, ``a?b``) get different file names."""
    kept = "".join(ch if ch in "-_." or unicodedata.category(ch)[0] in "LN" else "-" for ch in community)
    while "--" in kept:
        kept = kept.replace("--", "-")
    kept = kept.strip("-").lstrip(".")
    slug = _cut(kept, SLUG_BYTES)
    if slug == community and slug:
        return slug
    digest = hashlib.blake2b(community.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    return f"{slug}-{digest}" if slug else f"community-{digest}"


def _cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` UTF-8 bytes, on a character boundary."""
    encoded = text.encode("utf-8", "replace")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", "ignore").rstrip("-.")
