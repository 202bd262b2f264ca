"""The job file: TOML naming the community and the steps with their parameters.

    [job]
    name = "nightly"
    community = "demo"

    [[steps]]
    kind = "load_csv"
    path = "exports/demo"      # relative to the job file

    [[steps]]
    kind = "analyze"

    [[steps]]
    kind = "report"
    format = "html"
    lang = "zh"
    output = "reports/demo.html"

    [analysis]                 # optional: over the config file's tables, for this job only
    gamma = 0.8

A job file may carry ``[analysis]``, ``[thresholds]`` and ``[fission]`` tables; their keys
replace the config file's for this job and are checked the same way (docs/jobs.md).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphmodel.core.community_ids import checked_community
from graphmodel.core.config import CONFIG_TABLES
from graphmodel.core.errors import ConfigurationError, InvalidCommunityId
from graphmodel.jobs.steps import STEP_KINDS


@dataclass(frozen=True)
class StepSpec:
    kind: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobSpec:
    name: str
    community: str
    steps: tuple[StepSpec, ...]
    base_dir: Path
    community_name: str | None = None
    source: Path | None = None
    tables: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)


def parse_job(data: dict[str, Any], base_dir: Path, source: Path | None = None) -> JobSpec:
    where = str(source) if source else "the job"
    unknown_tables = sorted(set(data) - {"job", "steps", *CONFIG_TABLES})
    if unknown_tables:
        raise ConfigurationError(f"{where}: unknown table(s) {', '.join(unknown_tables)}; a job file has "
                                 f"[job], [[steps]] and optionally {', '.join(f'[{t}]' for t in CONFIG_TABLES)}")
    for table in CONFIG_TABLES:
        if table in data and not isinstance(data[table], dict):
            raise ConfigurationError(f"{where}: {table} must be a table ([{table}])")
    job = data.get("job")
    if not isinstance(job, dict):
        raise ConfigurationError(f"{where}: needs a [job] table with name and community")
    extra = sorted(set(job) - {"name", "community", "community_name"})
    if extra:
        raise ConfigurationError(f"{where}: [job] has unknown key(s) {', '.join(extra)}; "
                                 f"it takes name, community and community_name")
    for key in ("name", "community"):
        if not isinstance(job.get(key), str) or not job[key].strip():
            raise ConfigurationError(f"{where}: [job] needs a non-empty string {key!r}")
    try:
        community = checked_community(job["community"].strip())
    except InvalidCommunityId as exc:
        raise InvalidCommunityId(f"{where}: [job] community: {exc}") from None
    steps_data = data.get("steps")
    if not isinstance(steps_data, list) or not steps_data:
        raise ConfigurationError(f"{where}: needs at least one [[steps]] table")
    steps = []
    for number, step in enumerate(steps_data, start=1):
        kind = step.get("kind") if isinstance(step, dict) else None
        if kind not in STEP_KINDS:
            raise ConfigurationError(
                f"{where}: step {number} has kind {kind!r}; known kinds: {', '.join(STEP_KINDS)}"
            )
        params = {k: v for k, v in step.items() if k != "kind"}
        unknown = sorted(set(params) - set(STEP_KINDS[kind].params))
        if unknown:
            raise ConfigurationError(
                f"{where}: step {number} ({kind}) has unknown parameter(s) {', '.join(unknown)}; "
                f"it takes: {', '.join(STEP_KINDS[kind].params) or 'none'}"
            )
        steps.append(StepSpec(kind, params))
    return JobSpec(
        name=job["name"].strip(), community=community, steps=tuple(steps),
        base_dir=base_dir, community_name=job.get("community_name"), source=source,
        tables={t: dict(data[t]) for t in CONFIG_TABLES if t in data},
    )


def load_job(path: Path) -> JobSpec:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigurationError(f"job file {path} does not exist") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"cannot read job file {path}: {exc}") from exc
    return parse_job(data, path.resolve().parent, path)
