"""The ``fission`` step kind of job files (``graphmodel job run``)::

    [[steps]]
    kind = "fission"
    as_of = "2024-06-30"     # optional
    period = "week"          # optional: day, week, month
"""

from __future__ import annotations

from graphmodel.jobs.steps import StepKind, StepOutcome, register


def run_fission_step(connection, job, params) -> StepOutcome:
    from graphmodel.fission.analysis import FissionOptions, fission_summary

    options = FissionOptions.from_config(
        None, **{k: params.get(k) for k in ("period", "layering_depth", "top")})
    summary = fission_summary(connection, job.community, params.get("as_of"), options,
                              write=params.get("write", True))
    counts = {"fission_run": summary.run, "shares": summary.shares, "reached": summary.reached,
              "joins": summary.joins, "cascades": summary.cascades, "largest": summary.largest,
              "max_depth": summary.max_depth, "deep_cascades": summary.deep_cascades}
    return StepOutcome(counts, message=(
        f"{summary.cascades} cascades from {summary.shares} shares; largest {summary.largest}, "
        f"deepest {summary.max_depth} generations"))


FISSION_STEP = StepKind("fission", ("as_of", "period", "layering_depth", "top", "write"),
                        run_fission_step, "cascade trees, drivers and critical points")
register(FISSION_STEP)
