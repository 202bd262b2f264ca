"""The ``analyze`` step kind of job files (``graphmodel job run``)::

    [[steps]]
    kind = "analyze"
    as_of = "2024-06-30"     # optional
"""

from __future__ import annotations

from graphmodel.jobs.steps import StepKind, StepOutcome, register


def run_analyze_step(connection, job, params) -> StepOutcome:
    from graphmodel.analysis import AnalysisOptions, analyze

    result = analyze(connection, job.community, AnalysisOptions(),
                     as_of=params.get("as_of"))
    high = [f for f in result.imbalances if f.severity == "high"]
    counts = {"analysis_run": result.run.id, "members": result.run.members, "leaders": len(result.leaders),
              "connectors": len(result.connectors), "circles": len(result.circles),
              "imbalances": len(result.imbalances), "high_severity": len(high)}
    return StepOutcome(counts, failed_checks=len(high) if params.get("fail_on_high") else 0, message=(
        f"{len(result.leaders)} leaders, {len(result.connectors)} connectors, {len(result.circles)} circles, "
        f"{len(result.imbalances)} imbalance findings ({len(high)} high)"))


ANALYZE_STEP = StepKind("analyze", ("as_of", "fail_on_high"), run_analyze_step,
                        "leaders, connectors, circles, roles and imbalances (GDS)")
register(ANALYZE_STEP)
