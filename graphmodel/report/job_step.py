"""The ``report`` step kind of job files (``graphmodel job run``)::

    [[steps]]
    kind = "report"
    format = "html"               # html, md or json
    lang = "zh"                   # en or zh
    output = "reports/camp-7.html"
"""

from __future__ import annotations

from graphmodel.jobs.steps import StepKind, StepOutcome, register


def run_report_step(connection, job, params) -> StepOutcome:
    from graphmodel.report import write_report

    fmt = params.get("format", "html")
    path = write_report(connection, job.community, job.path(params.get("output", f"{job.community}.{fmt}")),
                        fmt=fmt, lang=params.get("lang", "en"))
    return StepOutcome({"report": str(path), "bytes": path.stat().st_size}, message=f"report written to {path}")


REPORT_STEP = StepKind("report", ("format", "lang", "output"), run_report_step, "HTML, Markdown or JSON report")
register(REPORT_STEP)
