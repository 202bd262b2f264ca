"""Files that hold members' data (reports, reject files with raw rows) are the owner's alone.

They are created with mode 0600 whatever the umask, and a file written over is set to it
too; an operator who shares one with a team widens it on purpose (``chmod g+r``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

PRIVATE_MODE = 0o600


def open_private(path: str | Path, newline: str | None = None) -> IO[str]:
    """``path`` opened to write UTF-8 text from its start, readable and writable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    try:
        os.chmod(descriptor, PRIVATE_MODE)  # a file that was there keeps its mode otherwise
    except (NotImplementedError, OSError):  # no modes to set (Windows)
        pass
    return os.fdopen(descriptor, "w", encoding="utf-8", newline=newline)


def write_private_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` as ``open_private`` opens it."""
    with open_private(path) as handle:
        handle.write(text)
