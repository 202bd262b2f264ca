"""Which text encoding an input file is in: UTF-8 (with or without BOM) or GB18030."""

from __future__ import annotations

import codecs
from pathlib import Path

from graphmodel.core.errors import InputError

SAMPLE_BYTES = 4 << 20
ENCODINGS = ("utf-8", "gb18030")


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-8`` or ``gb18030``; InputError when the file is neither.

    The encoding under which the fewest lines of a sample fail to decode wins
    (UTF-8 on a tie: strict UTF-8 rejects GB18030 bytes). A file where more
    than 1% of the sampled lines decode in neither is refused before anything
    is written; single undecodable lines are rejected by the reader, not guessed.
    """
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
        complete = len(sample) < SAMPLE_BYTES
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{path}: UTF-16 text is not supported; save it as UTF-8 or GB18030")
    if not complete:  # do not judge a character cut at the end of the sample
        sample = sample[:sample.rfind(b"\n") + 1] or sample
    lines = sample.splitlines()
    failures = {encoding: _undecodable(lines, encoding) for encoding in ENCODINGS}
    best = min(ENCODINGS, key=lambda e: failures[e])  # UTF-8 first on a tie
    if failures[best] <= max(1, len(lines) // 100):
        return best  # a few broken lines are rejected by the reader, the rest loads
    raise InputError(f"{path}: the file is neither UTF-8 nor GB18030 text ({failures[best]} of the "
                     f"first {len(lines)} lines do not decode); convert it to UTF-8 "
                     f"(e.g. iconv -f <encoding> -t UTF-8)")


def _undecodable(lines: list[bytes], encoding: str) -> int:
    failed = 0
    for line in lines:
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            failed += 1
    return failed
