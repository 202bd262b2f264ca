"""Members named inside text: finding a member's id or name in a sentence.

Findings and evidence are sentences that may name members ("tied to the rest through
m0000042 alone"). Pseudonymised reports replace those names, and ``forget`` scrubs a
forgotten member's id from stored results; both find them the same way, here:

    Mentions({"m0000042": "M-7KQ2XM3A9Z"}).replace("through m0000042 alone")

A token is found where it stands as a word: a token that begins (ends) with a letter or
digit of a script written with spaces must not have another such letter or digit before
(after) it, so ``m1`` is not found inside ``m10``. Scripts written without spaces (Chinese,
Japanese) have no word edges, so ``张三`` is found inside ``被张三回复``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

# from U+2E80 on (CJK radicals, kana, ideographs, ...) scripts are written without spaces
_NO_SPACES = 0x2E80


def is_word_character(ch: str) -> bool:
    """A letter, digit or underscore of a script written with spaces between words."""
    return (ch.isalnum() or ch == "_") and ord(ch) < _NO_SPACES


class Mentions:
    """Tokens to find in text, each with what it is replaced by.

    ``tokens`` is any collection supporting ``in`` (a set, a dict's keys, a lazy view);
    ``lengths`` the distinct lengths of the tokens (computed from ``tokens`` when omitted);
    ``replacement(token)`` what a found token becomes.
    """

    def __init__(self, tokens: Collection[str], replacement: Callable[[str], str],
                 lengths: Iterable[int] | None = None) -> None:
        self._tokens = tokens
        self._replacement = replacement
        found = {len(t) for t in tokens} if lengths is None else set(lengths)
        self._lengths = sorted((n for n in found if n > 0), reverse=True)
        self._shortest = self._lengths[-1] if self._lengths else 0

    def replace(self, text: str) -> str:
        """``text`` with every token found as a word replaced (longest token first)."""
        if not self._lengths or len(text) < self._shortest:
            return text
        parts: list[str] = []
        i, copied, end = 0, 0, len(text)
        while i < end:
            # a token that begins with a word character cannot begin inside a word
            if i > 0 and is_word_character(text[i]) and is_word_character(text[i - 1]):
                i += 1
                continue
            for length in self._lengths:
                stop = i + length
                if stop > end:
                    continue
                candidate = text[i:stop]
                if candidate not in self._tokens:
                    continue
                if stop < end and is_word_character(candidate[-1]) and is_word_character(text[stop]):
                    continue
                parts.append(text[copied:i])
                parts.append(self._replacement(candidate))
                i = copied = stop
                break
            else:
                i += 1
        if not parts:
            return text
        parts.append(text[copied:])
        return "".join(parts)
