"""Reports operators act on: HTML (one offline file), Markdown and JSON, in English and Chinese.

    from graphmodel.report import write_report
    path = write_report(connection, "camp-7", "report.html", fmt="html", lang="zh")

Modules: ``data`` (gathered from the graph), ``document`` (the versioned JSON
document every format renders), ``summary``, ``recommend``, ``messages``,
``charts`` (inline SVG), ``circle_map`` (circles, not members), ``render``.
"""

from __future__ import annotations

from pathlib import Path

from graphmodel.core.private_files import write_private_text
from graphmodel.report.data import ReportData, gather
from graphmodel.report.document import SCHEMA_VERSION, build_document
from graphmodel.report.render import FORMATS, render

LANGUAGES = ("en", "zh")


def report_text(connection, community: str, fmt: str = "html", lang: str = "en", run: str | None = None) -> str:
    # the JSON document lists every member's roles and every circle's members; the others show neither
    return render(build_document(gather(connection, community, run, members=fmt == "json"), lang), fmt)


def write_report(connection, community: str, output: str | Path, fmt: str = "html", lang: str = "en",
                 run: str | None = None) -> Path:
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private_text(path, report_text(connection, community, fmt, lang, run))  # it names members
    return path


def schema() -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("graphmodel.report").joinpath("report.schema.json").read_text("utf-8"))


__all__ = ["FORMATS", "LANGUAGES", "SCHEMA_VERSION", "ReportData", "build_document", "gather", "render",
           "report_text", "schema", "write_report"]
