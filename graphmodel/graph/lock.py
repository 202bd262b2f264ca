"""A per-community lock kept in the graph, so it holds across machines.

Loads, analyses, fission runs and jobs of one community take it, so none of them sees or
writes a community another is changing; runs of different communities go in parallel.
The holder heartbeats while it runs. A lock whose holder stopped heartbeating
for ``stale_after`` seconds is taken over, and so is one whose holder is a
process on this host that no longer exists, so a killed run never blocks the
next one forever.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from graphmodel.core.errors import LockTimeout
from graphmodel.core.owner import new_owner, owner_is_gone
from graphmodel.graph.database import Database

LOCK_WAIT = 3600.0  # seconds to wait for another run of the community, by default
STALE_AFTER = 120  # seconds without a heartbeat after which a lock is taken over


@dataclass(frozen=True)
class LockState:
    acquired: bool
    holder: str
    heartbeat: str


class CommunityLock:
    """``with CommunityLock(connection, community):`` serialises runs per community.

    ``wait``: seconds to wait for the holder to finish (0: refuse at once); then
    ``LockTimeout``. Not re-entrant: a second lock of the same community in the same process
    waits for the first like any other run.
    """

    def __init__(self, connection: Database, community: str, *, wait: float = LOCK_WAIT,
                 stale_after: int = STALE_AFTER, heartbeat_every: float = 20.0,
                 echo: Callable[[str], None] = lambda _: None) -> None:
        self.connection = connection
        self.community = community
        self.owner = new_owner()
        self.wait = wait
        self.stale_after = stale_after
        self.heartbeat_every = heartbeat_every
        self.echo = echo
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def try_acquire(self, dead_owner: str = "") -> LockState:
        row = self.connection.write(
            "job_lock_acquire", community=self.community, owner=self.owner,
            stale_after=self.stale_after, dead_owner=dead_owner,
        )[0]
        return LockState(row["acquired"], row["holder"], row["heartbeat"])

    def acquire(self) -> None:
        deadline = time.monotonic() + self.wait
        announced = False
        while True:
            state = self.try_acquire()
            if not state.acquired and owner_is_gone(state.holder):
                state = self.try_acquire(state.holder)
            if state.acquired:
                break
            if time.monotonic() >= deadline:
                waited = "refused at once (--lock-wait 0)" if self.wait <= 0 else f"waited {self.wait:g} s"
                raise LockTimeout(
                    f"community {self.community!r} is locked by another run (a load, analysis, fission "
                    f"or job: {state.holder}, last heartbeat {state.heartbeat}); {waited}. "
                    f"Rerun when it is done, or wait for it with --lock-wait SECONDS. A crashed run's "
                    f"lock expires {self.stale_after} s after its last heartbeat."
                )
            if not announced:
                self.echo(f"waiting for the run holding community {self.community!r} ({state.holder})")
                announced = True
            time.sleep(min(2.0, max(0.1, deadline - time.monotonic())))
        self._thread = threading.Thread(target=self._beat, name="graphmodel-lock", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat_every):
            try:
                self.connection.write("job_lock_heartbeat", community=self.community, owner=self.owner)
            except Exception:  # the run itself will report a lost server
                pass

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.connection.write("job_lock_release", community=self.community, owner=self.owner)

    def __enter__(self) -> CommunityLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
