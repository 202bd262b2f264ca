"""Start, stop and inspect the local Neo4j + GDS server.

The server runs Neo4j's own entry point (``org.neo4j.server.CommunityEntryPoint``)
on a classpath of ``plugins/*:lib/*``, as Neo4j's launcher does. It listens on
127.0.0.1 only, with auth on; the password is generated at the first start and
kept in ``<home>/password`` (mode 0600, the password alone).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graphmodel.core.config import default
from graphmodel.core.errors import JavaNotFound, PortInUse, ServerError
from graphmodel.server import assembly

MIN_JAVA = 17
_ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
_DEFAULT_USER = "neo4j"
# A node with more relationships than this keeps them grouped by type and direction (Neo4j's
# default is 50). A member has a few dozen of many types (interactions both ways, shares, roles
# and circles of every run), and nearly every query follows one type: grouped, it walks only
# that type's and counts a degree without walking at all (docs/server.md). A node is grouped
# when it gains the relationship that takes it over the threshold.
GROUPING_THRESHOLD = 8
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "-Dorg.neo4j.gds.utils.GdsFeatureToggles.useUncompressedAdjacencyList=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

Echo = Callable[[str], None]


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    uri: str
    home: Path
    password_file: Path
    neo4j_version: str | None = None
    gds_version: str | None = None


def java_executable() -> str:
    """The java binary (JAVA_HOME first), checked to be Java 17 or newer."""
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else shutil.which("java")
    if not java or not Path(java).exists():
        raise JavaNotFound(
            f"Java {MIN_JAVA}+ is needed to run the local Neo4j server and none was found "
            "(JAVA_HOME unset and no java on PATH). Install a JDK (Debian: apt-get install "
            "openjdk-17-jdk-headless) or set NEO4J_URI to use an existing Neo4j."
        )
    result = subprocess.run([java, "-version"], capture_output=True, text=True)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if not match:
        raise JavaNotFound(f"cannot tell the version of {java}: {result.stderr.strip()}")
    major = int(match.group(1))
    if major == 1:  # "1.8.0" style
        major = int(match.group(2) or 0)
    if major < MIN_JAVA:
        raise JavaNotFound(
            f"{java} is Java {major}; Neo4j 5 needs Java {MIN_JAVA}+. Point JAVA_HOME at a newer JDK."
        )
    return java


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _port_answers(port: int, host: str = "127.0.0.1") -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped) counts as gone.
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _exit_status(pid: int) -> str:
    with contextlib.suppress(ChildProcessError):
        _, status = os.waitpid(pid, os.WNOHANG)
        if os.WIFEXITED(status):
            return f"exit code {os.WEXITSTATUS(status)}"
        if os.WIFSIGNALED(status):
            return f"killed by signal {os.WTERMSIG(status)}"
    return "it is gone"


def _tail(path: Path, lines: int) -> list[str]:
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - 64 * 1024 * max(1, lines // 50)))
        data = handle.read().decode("utf-8", errors="replace")
    return data.splitlines()[-lines:]


class LocalServer:
    """A Neo4j Community + GDS server under ``home``, bound to 127.0.0.1."""

    def __init__(
        self,
        home: Path,
        bolt_port: int = default("bolt_port"),
        heap: str = default("heap"),
        pagecache: str = default("pagecache"),
        http_port: int | None = default("http_port"),
    ) -> None:
        self.home = Path(home)
        self.bolt_port = bolt_port
        self.heap = heap
        self.pagecache = pagecache
        self.http_port = http_port

    @classmethod
    def from_settings(cls, settings) -> LocalServer:
        return cls(
            settings.home,
            bolt_port=settings.bolt_port,
            heap=settings.heap,
            pagecache=settings.pagecache,
            http_port=settings.http_port,
        )

    # paths ---------------------------------------------------------------
    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def run_dir(self) -> Path:
        return self.home / "run"

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def _password_marker(self) -> Path:
        return self.data_dir / ".graphmodel-password-set"

    @property
    def username(self) -> str:
        return _DEFAULT_USER

    # password ------------------------------------------------------------
    def password(self) -> str:
        """The generated password (created, mode 0600, on first use)."""
        self.home.mkdir(parents=True, exist_ok=True)
        if not self.password_file.exists():
            if self._password_marker.exists():
                raise ServerError(
                    f"the password file {self.password_file} is missing but the database in "
                    f"{self.data_dir} already has a password. Restore the file, or remove "
                    f"{self.data_dir} to start over with an empty database."
                )
            with contextlib.suppress(FileExistsError):
                fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(24))
        os.chmod(self.password_file, 0o600)
        return self.password_file.read_text().strip()

    # state -----------------------------------------------------------------
    def pid(self) -> int | None:
        """The server's pid if it is running, else None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        if _pid_alive(pid):
            with contextlib.suppress(OSError):
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
                if _ENTRY_POINT not in cmdline:
                    pid = -1
            if pid > 0:
                return pid
        self.pid_file.unlink(missing_ok=True)
        return None

    def is_running(self) -> bool:
        return self.pid() is not None

    def status(self) -> ServerStatus:
        pid = self.pid()
        neo4j_version = gds_version = None
        if pid is not None:
            with contextlib.suppress(Exception):
                neo4j_version, gds_version = self._versions()
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            uri=self.uri,
            home=self.home,
            password_file=self.password_file,
            neo4j_version=neo4j_version,
            gds_version=gds_version,
        )

    def logs(self, lines: int = 50) -> str:
        """The last lines of neo4j.log (and of the console log when it has any)."""
        parts = []
        for path in (self.logs_dir / "neo4j.log", self.console_log):
            tail = _tail(path, lines)
            if tail:
                parts.append(f"==> {path} <==\n" + "\n".join(tail))
        return "\n\n".join(parts) if parts else f"no logs yet in {self.logs_dir}"

    # start / stop ------------------------------------------------------------
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        with open(self.run_dir / "server.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def start(self, echo: Echo = lambda _: None, timeout: float = 180.0) -> ServerStatus:
        """Start the server and wait until Bolt answers and gds.version() works.

        Raises ServerError with a clear message (and the last log lines) on failure;
        a server that is already running is left alone and reported as such.
        """
        with self._lock():
            if self.is_running():
                echo(f"The local server is already running at {self.uri}.")
                return self.status()
            java = java_executable()
            if not port_is_free(self.bolt_port):
                raise PortInUse(
                    f"port {self.bolt_port} on 127.0.0.1 is in use by another program. Stop "
                    f"it, or choose another port: GRAPHMODEL_BOLT_PORT=7688 (or --bolt-port)."
                )
            if self.http_port is not None and not port_is_free(self.http_port):
                raise PortInUse(f"HTTP port {self.http_port} on 127.0.0.1 is in use.")
            folder = assembly.assemble(self.home, echo)
            password = self.password()
            self._write_conf(folder)
            for directory in (self.data_dir, self.logs_dir, self.run_dir, self.home / "import"):
                directory.mkdir(parents=True, exist_ok=True)
            command = [
                java, "-cp", f"{folder / 'plugins'}/*:{folder / 'lib'}/*",
                "-Xms1g", f"-Xmx{self.heap}", *_JVM_FLAGS,
                _ENTRY_POINT, f"--home-dir={self.home}", f"--config-dir={self.conf_dir}",
            ]
            echo(f"Starting the local Neo4j server at {self.uri} ...")
            # posix_spawn rather than Popen: the server outlives this process, so no
            # Popen object is left to complain about a child that still runs.
            console = str(self.console_log)
            pid = os.posix_spawn(
                java, command, dict(os.environ),
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_OPEN, 1, console, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600),
                    (os.POSIX_SPAWN_DUP2, 1, 2),
                ],
                setsid=True,
            )
            self.pid_file.write_text(str(pid))
            try:
                self._wait_ready(pid, password, timeout)
            except BaseException:
                self._terminate(pid, grace=30)
                self.pid_file.unlink(missing_ok=True)
                raise
            status = self.status()
            echo(f"Neo4j {status.neo4j_version} with GDS {status.gds_version} is up at {self.uri}.")
            return status

    def stop(self, echo: Echo = lambda _: None, timeout: float = 120.0) -> bool:
        """Stop the server cleanly; False if it was not running."""
        with self._lock():
            pid = self.pid()
            if pid is None:
                echo("The local server is not running.")
                return False
            echo("Stopping the local Neo4j server ...")
            clean = self._terminate(pid, grace=timeout)
            self.pid_file.unlink(missing_ok=True)
            echo("Stopped." if clean else "Stopped (killed after the grace period).")
            return True

    def _terminate(self, pid: int, grace: float) -> bool:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            if not _pid_alive(pid):
                return True
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        return False

    def _write_conf(self, folder: Path) -> None:
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        http = (
            f"server.http.enabled=true\nserver.http.listen_address=127.0.0.1:{self.http_port}\n"
            if self.http_port is not None
            else "server.http.enabled=false\n"
        )
        conf = (
            "# Written by graphmodel at each start; edit graphmodel's settings instead.\n"
            "server.default_listen_address=127.0.0.1\n"
            "server.default_advertised_address=127.0.0.1\n"
            f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}\n"
            "server.bolt.tls_level=DISABLED\n"
            f"{http}"
            "server.https.enabled=false\n"
            "dbms.security.auth_enabled=true\n"
            "dbms.security.procedures.unrestricted=gds.*\n"
            "dbms.security.procedures.allowlist=gds.*\n"
            "dbms.usage_report.enabled=false\n"
            f"server.directories.data={self.data_dir}\n"
            f"server.directories.logs={self.logs_dir}\n"
            f"server.directories.run={self.run_dir}\n"
            f"server.directories.plugins={folder / 'plugins'}\n"
            f"server.directories.lib={folder / 'lib'}\n"
            f"server.directories.import={self.home / 'import'}\n"
            "server.memory.heap.initial_size=1g\n"
            f"server.memory.heap.max_size={self.heap}\n"
            f"server.memory.pagecache.size={self.pagecache}\n"
            "db.tx_log.rotation.retention_policy=2 days 2G\n"
            "server.logs.gc.enabled=false\n"
            f"db.relationship_grouping_threshold={GROUPING_THRESHOLD}\n"
        )
        path = self.conf_dir / "neo4j.conf"
        path.write_text(conf, encoding="utf-8")

    def _wait_ready(self, pid: int, password: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not _port_answers(self.bolt_port):
            if not _pid_alive(pid):
                raise ServerError(self._failure(f"the server exited ({_exit_status(pid)})"))
            if time.monotonic() > deadline:
                raise ServerError(self._failure(f"Bolt did not answer within {timeout:.0f} s"))
            time.sleep(0.3)
        if not self._password_marker.exists():
            self._set_initial_password(password)
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if not _pid_alive(pid):
                raise ServerError(self._failure(f"the server exited ({_exit_status(pid)})"))
            try:
                self._versions(password)
                return
            except Exception as exc:  # the server is still coming up
                last_error = exc
                time.sleep(0.5)
        raise ServerError(self._failure(f"gds.version() did not answer: {last_error}"))

    def _set_initial_password(self, password: str) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError

        try:
            with GraphDatabase.driver(self.uri, auth=(_DEFAULT_USER, "neo4j")) as driver:
                with driver.session(database="system") as session:
                    session.run(
                        "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                        old="neo4j", new=password,
                    ).consume()
        except AuthError as exc:
            raise ServerError(
                f"the new database in {self.data_dir} no longer has Neo4j's initial password, "
                "so graphmodel could not set its own. Remove that folder to start over."
            ) from exc
        self._password_marker.write_text("")

    def _versions(self, password: str | None = None) -> tuple[str, str]:
        from neo4j import GraphDatabase

        auth = (_DEFAULT_USER, password if password is not None else self.password())
        with GraphDatabase.driver(self.uri, auth=auth, connection_timeout=5) as driver:
            records, _, _ = driver.execute_query(
                "CALL dbms.components() YIELD versions "
                "RETURN versions[0] AS neo4j, gds.version() AS gds"
            )
        return records[0]["neo4j"], records[0]["gds"]

    def _failure(self, reason: str) -> str:
        lines = _tail(self.logs_dir / "neo4j.log", 20) + _tail(self.console_log, 20)
        shown = "\n".join(lines[-30:]) or "(no log lines)"
        return (
            f"The local Neo4j server did not start: {reason}.\n"
            f"Logs: {self.logs_dir} (graphmodel server logs). Last lines:\n{shown}"
        )
