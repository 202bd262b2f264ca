"""Settings: each declared once, with its environment variable; and the config file.

Precedence: command-line flag (or ``graphmodel.connect(...)`` keyword) > environment
variable > config file > default. The config file is TOML, at ``--config`` /
``$GRAPHMODEL_CONFIG`` or ``<home>/config.toml``, with the setting names as keys and the
analysis parameters in tables (docs/settings.md)::

    bolt_port = 7688
    heap = "8g"

    [analysis]
    gamma = 0.8

    [thresholds]
    dunbar_large = 120

The file is read once, strictly: an unknown setting or table is an error naming the
file and the key. The tables' keys are checked by the options they set
(``AnalysisOptions``, ``Thresholds``, ``FissionOptions``) when the facade builds them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from graphmodel.core.errors import ConfigurationError


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: Any
    parse: Callable[[str], Any]
    help: str
    secret: bool = False


def _port(value: str) -> int:
    port = int(value)
    if not 1 <= port <= 65535:
        raise ValueError(f"{port} is not a TCP port")
    return port


def _memory(value: str) -> str:
    text = str(value).strip().lower()
    if not text or not text[:-1].isdigit() or text[-1] not in "kmg":
        raise ValueError(f"{value!r} is not a size such as 512m or 4g")
    return text


def _seconds(value: str) -> float:
    seconds = float(value)
    if not 0 <= seconds <= 3600:
        raise ValueError(f"{value!r} is not a number of seconds from 0 to 3600")
    return seconds


def _optional_port(value: str) -> int | None:
    return None if str(value).strip().lower() in ("", "off", "none") else _port(value)


def _threads(value: str) -> int:
    threads = int(value)
    if not 1 <= threads <= 256:
        raise ValueError(f"{threads} is not a thread count from 1 to 256")
    return threads


def default_threads() -> int:
    """Threads the client uses at once for one command: the machine's CPU count."""
    return os.cpu_count() or 2


SETTINGS: tuple[Setting, ...] = (
    Setting("home", "GRAPHMODEL_HOME", None, str,
            "Folder of the local server, its data, logs and password file."),
    Setting("uri", "NEO4J_URI", None, str,
            "Bolt URI of an existing Neo4j (bolt://, neo4j://, neo4j+s://...); "
            "unset: the local server."),
    Setting("username", "NEO4J_USERNAME", "neo4j", str, "Neo4j user name."),
    Setting("password", "NEO4J_PASSWORD", None, str,
            "Neo4j password; unset with the local server: its password file.", secret=True),
    Setting("database", "NEO4J_DATABASE", "neo4j", str, "Neo4j database name."),
    Setting("retry_seconds", "GRAPHMODEL_RETRY_SECONDS", 30.0, _seconds,
            "How long a transaction is retried after a transient error (a deadlock, a cluster "
            "leader change, a lost connection) before the command fails."),
    Setting("bolt_port", "GRAPHMODEL_BOLT_PORT", 7687, _port,
            "Bolt port of the local server (always bound to 127.0.0.1)."),
    Setting("http_port", "GRAPHMODEL_HTTP_PORT", None, _optional_port,
            "HTTP port of the local server (Neo4j Browser); off unless set."),
    Setting("heap", "GRAPHMODEL_HEAP", "6g", _memory,
            "Maximum JVM heap of the local server (GDS graphs live here)."),
    Setting("pagecache", "GRAPHMODEL_PAGECACHE", "8g", _memory,
            "Page cache of the local server."),
    Setting("threads", "GRAPHMODEL_THREADS", None, _threads,
            "Threads the client uses at once (concurrent writes, GDS searches); "
            "unset: the CPU count."),
)

#: the tables of the config file: analysis parameters, the norms, fission options
CONFIG_TABLES = ("analysis", "thresholds", "fission")

_BY_NAME = {s.name: s for s in SETTINGS}


def default(name: str) -> Any:
    """The default value of a setting."""
    return _BY_NAME[name].default


@dataclass(frozen=True)
class Settings:
    home: Path
    uri: str | None
    username: str
    password: str | None
    database: str
    retry_seconds: float
    bolt_port: int
    http_port: int | None
    heap: str
    pagecache: str
    threads: int
    config_file: Path
    tables: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)

    @property
    def uses_local_server(self) -> bool:
        return self.uri is None

    def __repr__(self) -> str:  # never show the password
        shown = {f.name: getattr(self, f.name) for f in fields(self)}
        if shown["password"] is not None:
            shown["password"] = "***"
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + ")"


def default_home() -> Path:
    return Path(platformdirs.user_data_dir("graphmodel", appauthor=False))


def config_file(home: Path, environ: dict[str, str], explicit: str | Path | None = None) -> Path:
    """The config file's path: ``explicit`` (``--config``), else $GRAPHMODEL_CONFIG, else in home."""
    chosen = explicit or environ.get("GRAPHMODEL_CONFIG")
    return Path(chosen).expanduser() if chosen else home / "config.toml"


def read_config(path: Path) -> dict[str, Any]:
    """The config file's contents ({} when there is none), checked strictly."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"cannot read config file {path}: {exc}") from exc
    unknown = sorted(set(data) - (set(_BY_NAME) - {"home"}) - set(CONFIG_TABLES))
    if unknown:
        raise ConfigurationError(
            f"{path}: unknown setting(s) {', '.join(unknown)}; known settings: "
            f"{', '.join(n for n in _BY_NAME if n != 'home')}; tables: {', '.join(CONFIG_TABLES)}"
        )
    for table in CONFIG_TABLES:
        if table in data and not isinstance(data[table], dict):
            raise ConfigurationError(f"{path}: {table} must be a table ([{table}]), not a value")
    for name in _BY_NAME:
        if name in data and isinstance(data[name], dict):
            raise ConfigurationError(f"{path}: {name} is a setting, not a table")
    return data


def load_settings(
    overrides: dict[str, Any] | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Resolve every setting: flag > environment > config file > default.

    ``overrides`` may also hold ``config``: the config file to read instead of
    $GRAPHMODEL_CONFIG or ``<home>/config.toml``.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    environ = dict(os.environ if environ is None else environ)
    unknown = sorted(set(overrides) - set(_BY_NAME) - {"config"})
    if unknown:
        raise ConfigurationError(
            f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(_BY_NAME)}, config")

    home_value = overrides.get("home") or environ.get("GRAPHMODEL_HOME")
    home = Path(home_value).expanduser() if home_value else default_home()
    path = config_file(home, environ, overrides.get("config"))
    file_values = read_config(path)

    resolved: dict[str, Any] = {"home": home}
    for setting in SETTINGS:
        if setting.name == "home":
            continue
        if setting.name in overrides:
            raw, origin = overrides[setting.name], "the command line"
        elif environ.get(setting.env):
            raw, origin = environ[setting.env], setting.env
        elif setting.name in file_values:
            raw, origin = file_values[setting.name], f"the config file {path}"
        else:
            resolved[setting.name] = setting.default
            continue
        try:
            resolved[setting.name] = setting.parse(raw)
        except (TypeError, ValueError) as exc:
            shown = "***" if setting.secret else repr(raw)
            raise ConfigurationError(
                f"{setting.name} from {origin} is invalid ({shown}): {exc}"
            ) from exc
    if resolved["threads"] is None:
        resolved["threads"] = default_threads()
    tables = {name: dict(file_values.get(name, {})) for name in CONFIG_TABLES}
    return Settings(**resolved, config_file=path, tables=tables)


def checked_table(values: dict[str, Any], defaults: Any, table: str, source: str | Path | None,
                  aliases: dict[str, str] | None = None, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The keys of a config table for the dataclass instance ``defaults``, checked strictly.

    Each key must name a field of ``defaults`` (or one of ``aliases``, mapped to a field)
    and its value must have the default's type (an int where the default is a float is
    fine; a list where it is a tuple, of the same length). ``source`` names the file in
    the error.
    """
    where = f"{source}: " if source else ""
    known = {f.name: f.name for f in fields(defaults) if f.name not in exclude} | dict(aliases or {})
    checked: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigurationError(
                f"{where}[{table}] has no key {key!r}; known: {', '.join(sorted(known))}")
        name = known[key]
        checked[name] = _typed(value, getattr(defaults, name), f"{where}[{table}] {key}")
    return checked


def _typed(value: Any, default: Any, what: str) -> Any:
    def fail(expected: str) -> ConfigurationError:
        return ConfigurationError(f"{what} must be {expected}, not {value!r}")

    number = (int, float)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise fail("true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail("an integer")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, number):
            raise fail("a number")
        return float(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise fail("a string")
        return value
    if isinstance(default, tuple):
        if (not isinstance(value, (list, tuple)) or len(value) != len(default)
                or any(isinstance(v, bool) or not isinstance(v, number) for v in value)):
            raise fail(f"a list of {len(default)} numbers")
        return tuple(float(v) for v in value)
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise fail("a table")
        unknown = sorted(set(value) - set(default))
        if unknown:
            raise ConfigurationError(f"{what} has no key {', '.join(map(repr, unknown))}; "
                                     f"known: {', '.join(default)}")
        if any(isinstance(v, bool) or not isinstance(v, number) for v in value.values()):
            raise fail("a table of numbers")
        return {**default, **{k: float(v) for k, v in value.items()}}
    return value
