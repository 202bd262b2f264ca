"""Reports operators act on: HTML (one offline file), Markdown and JSON, in English and Chinese.

    from graphmodel.report import write_report
    path = write_report(connection, "camp-7", "report.html", fmt="html", lang="zh")

Modules: ``data`` (gathered from the graph) and ``member_views`` (ego networks and
cascade trees, bounded), ``document`` (the versioned JSON document every format renders),
``summary``, ``recommend``; for rendering ``messages`` and ``formatting`` (words and
numbers in the report's language), ``presenter`` (values in tables), ``svg`` (escaped
inline SVG), ``charts``, ``circle_map`` (the layout) and ``circle_map_svg``, ``ego_svg``,
``cascade_svg``, ``circle_events_svg``, ``html_views`` (what the HTML page draws),
``markdown`` (escaping) and ``render``; ``pseudonyms`` (reports without member ids or
names), ``digest`` (the one-screen digest) and ``delivery`` (sending it to a webhook, a chat
bot or by mail).
"""

from __future__ import annotations

from pathlib import Path

from graphmodel.core.private_files import write_private_text
from graphmodel.report.data import ReportData, gather
from graphmodel.report.document import SCHEMA_VERSION, build_document
from graphmodel.report.pseudonyms import Pseudonyms, load_salt
from graphmodel.report.render import FORMATS, render

LANGUAGES = ("en", "zh")


def report_text(connection, community: str, fmt: str = "html", lang: str = "en", run: str | None = None,
                pseudonyms: Pseudonyms | None = None) -> str:
    """The report as text; with ``pseudonyms`` (``load_salt(home)``) no member id or name is in it."""
    # the JSON document lists every member's roles and every circle's members; the others show neither
    data = gather(connection, community, run, members=fmt == "json", pseudonyms=pseudonyms)
    return render(build_document(data, lang), fmt)


def write_report(connection, community: str, output: str | Path, fmt: str = "html", lang: str = "en",
                 run: str | None = None, pseudonyms: Pseudonyms | None = None) -> Path:
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private_text(path, report_text(connection, community, fmt, lang, run, pseudonyms))  # it names members
    return path


def schema() -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("graphmodel.report").joinpath("report.schema.json").read_text("utf-8"))


__all__ = ["FORMATS", "LANGUAGES", "SCHEMA_VERSION", "Pseudonyms", "ReportData", "build_document", "gather",
           "load_salt", "render", "report_text", "schema", "write_report"]
