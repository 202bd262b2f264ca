"""The step kinds a job can run, each a thin adapter over a library call.

A step returns a ``StepOutcome``: counts for the run record, how many input
rows were rejected and how many checks failed (both make the job's exit code
1), and a one-line message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from graphmodel.graph.connection import Connection
    from graphmodel.jobs.spec import JobSpec


@dataclass
class StepOutcome:
    counts: dict[str, Any] = field(default_factory=dict)
    rejected: int = 0
    failed_checks: int = 0
    message: str = ""


StepFunction = Callable[["Connection", "JobSpec", dict[str, Any]], StepOutcome]


@dataclass(frozen=True)
class StepKind:
    name: str
    params: tuple[str, ...]
    run: StepFunction
    help: str


def _init(connection, job, params) -> StepOutcome:
    from graphmodel.graph.schema import init_schema

    result = init_schema(connection)
    return StepOutcome({"schema_version": result.version}, message="schema ready")


STEP_KINDS: dict[str, StepKind] = {
    "init": StepKind("init", (), _init, "create constraints and indexes"),
}


# Each area's module registers its own step kind when imported.
STEP_MODULES = ("graphmodel.loaders.job_step", "graphmodel.analysis.job_step", "graphmodel.fission.job_step",
                "graphmodel.report.job_step")


def register(kind: StepKind) -> None:
    """Add a step kind (each area's module registers its own)."""
    STEP_KINDS[kind.name] = kind


def step_kinds() -> dict[str, StepKind]:
    """Every step kind, with each area's module imported."""
    import importlib

    for module in STEP_MODULES:
        importlib.import_module(module)
    return STEP_KINDS
