"""Settings: each declared once, with its environment variable.

Precedence: command-line flag > environment variable > config file > default.
The config file is TOML, at ``$GRAPHMODEL_CONFIG`` or ``<home>/config.toml``,
with the setting names as keys::

    bolt_port = 7688
    heap = "8g"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable

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
)

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


def config_file(home: Path, environ: dict[str, str]) -> Path:
    explicit = environ.get("GRAPHMODEL_CONFIG")
    return Path(explicit) if explicit else home / "config.toml"


def _read_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"cannot read config file {path}: {exc}") from exc
    unknown = sorted(set(data) - set(_BY_NAME) - {"analysis", "thresholds"})
    if unknown:
        raise ConfigurationError(
            f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(_BY_NAME)}"
        )
    return data


def load_settings(
    overrides: dict[str, Any] | None = None, environ: dict[str, str] | None = None
) -> Settings:
    """Resolve every setting: flag > environment > config file > default."""
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    environ = dict(os.environ if environ is None else environ)

    home_value = overrides.get("home") or environ.get("GRAPHMODEL_HOME")
    home = Path(home_value).expanduser() if home_value else default_home()
    file_values = _read_config(config_file(home, environ))

    resolved: dict[str, Any] = {"home": home}
    for setting in SETTINGS:
        if setting.name == "home":
            continue
        if setting.name in overrides:
            raw, origin = overrides[setting.name], "the command line"
        elif environ.get(setting.env):
            raw, origin = environ[setting.env], setting.env
        elif setting.name in file_values:
            raw, origin = file_values[setting.name], "the config file"
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
    return Settings(**resolved)


def analysis_config(settings: Settings, environ: dict[str, str] | None = None) -> dict[str, Any]:
    """The ``[analysis]`` and ``[thresholds]`` tables of the config file."""
    environ = dict(os.environ if environ is None else environ)
    data = _read_config(config_file(settings.home, environ))
    return {"analysis": data.get("analysis", {}), "thresholds": data.get("thresholds", {})}
