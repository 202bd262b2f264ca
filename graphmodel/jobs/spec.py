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
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphmodel.core.errors import ConfigurationError


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

    def path(self, value: str) -> Path:
        """A path from the job file, relative to the file's folder."""
        candidate = Path(value).expanduser()
        return candidate if candidate.is_absolute() else self.base_dir / candidate


def parse_job(data: dict[str, Any], base_dir: Path, source: Path | None = None) -> JobSpec:
    from graphmodel.jobs.steps import step_kinds

    STEP_KINDS = step_kinds()
    where = str(source) if source else "the job"
    job = data.get("job")
    if not isinstance(job, dict):
        raise ConfigurationError(f"{where}: needs a [job] table with name and community")
    for key in ("name", "community"):
        if not isinstance(job.get(key), str) or not job[key].strip():
            raise ConfigurationError(f"{where}: [job] needs a non-empty string {key!r}")
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
        name=job["name"].strip(), community=job["community"].strip(), steps=tuple(steps),
        base_dir=base_dir, community_name=job.get("community_name"), source=source,
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
