"""Who is doing something: a process id that says whether that process is still alive.

Locks and analysis runs record their owner as ``host:pid:nonce``; a record whose
owner is a process on this host that no longer exists was abandoned (the
process was killed) and may be taken over or cleaned up.
"""

from __future__ import annotations

import os
import socket
import uuid


def new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_is_gone(owner: str | None) -> bool:
    """True when ``owner`` names a process on this host that no longer exists."""
    host, _, rest = (owner or "").partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
