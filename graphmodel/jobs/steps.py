"""The step kinds a job can run, each a thin adapter over a library call.

A step gets a ``StepCall``: the ``Workspace`` (the graph and the validated options the
facade built from the config file and the job file), the community and the step's own
parameters. It returns a ``StepOutcome``: counts for the run record, how many input rows
were rejected and how many checks failed (both make the job's exit code 1), and a
one-line message. docs/jobs.md lists every kind with its parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from graphmodel.analysis import AnalysisOptions, analyze
from graphmodel.core.community_ids import file_slug
from graphmodel.core.errors import ConfigurationError
from graphmodel.fission import FissionOptions, fission_summary
from graphmodel.graph.database import Database
from graphmodel.graph.schema import init_schema
from graphmodel.loaders import LoadSummary, load_directory
from graphmodel.loaders.chat import EXPORTS, load_export
from graphmodel.loaders.chat.options import OPTIONS
from graphmodel.report import FORMATS, LANGUAGES, load_salt, write_report
from graphmodel.report.delivery import LABELS, NotifySettings, notify

Echo = Callable[[str], None]


@dataclass(frozen=True)
class Workspace:
    """What every step works with: the graph, the options in force, threads, a log line,
    and the home folder (its pseudonym salt)."""

    database: Database
    analysis: AnalysisOptions = field(default_factory=AnalysisOptions)
    fission: FissionOptions = field(default_factory=FissionOptions)
    threads: int = 2
    echo: Echo = lambda _: None
    home: Path | None = None


@dataclass(frozen=True)
class StepCall:
    workspace: Workspace
    community: str
    community_name: str | None
    params: dict[str, Any]
    base_dir: Path

    def path(self, value: str | Path) -> Path:
        """A path from the job file, relative to the file's folder."""
        candidate = Path(value).expanduser()
        return candidate if candidate.is_absolute() else self.base_dir / candidate

    def required(self, name: str) -> Any:
        if name not in self.params:
            raise ConfigurationError(f"the step needs the parameter {name!r}")
        return self.params[name]


@dataclass
class StepOutcome:
    counts: dict[str, Any] = field(default_factory=dict)
    rejected: int = 0
    failed_checks: int = 0
    message: str = ""


@dataclass(frozen=True)
class StepKind:
    name: str
    params: tuple[str, ...]
    run: Callable[[StepCall], StepOutcome]
    help: str


def _init(call: StepCall) -> StepOutcome:
    result = init_schema(call.workspace.database)
    return StepOutcome({"schema_version": result.version}, message="schema ready")


def _load_csv(call: StepCall) -> StepOutcome:
    work = call.workspace
    summary = load_directory(work.database, call.path(call.required("path")), call.community,
                             name=call.params.get("name", call.community_name),
                             reject_path=_rejects(call), writers=work.threads,
                             lock=False,  # the job holds the community's lock
                             drop_names=call.params.get("drop_names", False))
    return _load_outcome(summary)


def _load_chat(call: StepCall) -> StepOutcome:
    kind = call.required("export")
    if kind not in EXPORTS:
        raise ConfigurationError(f"export {kind!r} is not a known export kind; known: {', '.join(EXPORTS)}")
    work = call.workspace
    options = {name: call.params[name] for name in OPTIONS if name in call.params}
    loaded = load_export(work.database, kind, call.path(call.required("path")), call.community,
                         name=call.params.get("name", call.community_name), reject_path=_rejects(call),
                         writers=work.threads, lock=False,  # the job holds the community's lock
                         drop_names=call.params.get("drop_names", False), options=options)
    outcome = _load_outcome(loaded.summary)
    conversion = loaded.conversion
    outcome.counts.update(messages=conversion.messages, joins=conversion.joins, departures=conversion.departures,
                          not_mapped=sum(conversion.skipped.values()))
    outcome.message += "".join(f"; {note}" for note in conversion.notes)
    return outcome


def _rejects(call: StepCall) -> Path | None:
    return call.path(call.params["rejects"]) if call.params.get("rejects") else None


def _load_outcome(summary: LoadSummary) -> StepOutcome:
    counts = {"loaded": summary.loaded, "rejected": summary.rejected, "forgotten": summary.forgotten,
              "outsiders_created": summary.outsiders_created, "without_tie": summary.without_tie,
              **{f"{t.table}_loaded": t.loaded for t in summary.tables}}
    skipped = f"{summary.forgotten} rows of forgotten members skipped, " if summary.forgotten else ""
    message = (f"{summary.loaded} rows loaded, {summary.rejected} rejected, {skipped}"
               f"{summary.outsiders_created} outsiders created")
    if summary.reject_path:
        message += f"; rejects in {summary.reject_path}"
    return StepOutcome(counts, rejected=summary.rejected, message=message)


def _analyze(call: StepCall) -> StepOutcome:
    work = call.workspace
    result = analyze(work.database, call.community, work.analysis, as_of=call.params.get("as_of"),
                     echo=work.echo, threads=work.threads)
    high = [f for f in result.imbalances if f.severity == "high"]
    counts = {"analysis_run": result.run.id, "members": result.run.members, "leaders": len(result.leaders),
              "connectors": len(result.connectors), "circles": len(result.circles),
              "imbalances": len(result.imbalances), "high_severity": len(high)}
    return StepOutcome(counts, failed_checks=len(high) if call.params.get("fail_on_high") else 0, message=(
        f"{len(result.leaders)} leaders, {len(result.connectors)} connectors, {len(result.circles)} circles, "
        f"{len(result.imbalances)} imbalance findings ({len(high)} high)"))


def _fission(call: StepCall) -> StepOutcome:
    work = call.workspace
    chosen = {k: call.params[k] for k in ("period", "layering_depth", "top") if call.params.get(k) is not None}
    summary = fission_summary(work.database, call.community, call.params.get("as_of"),
                              replace(work.fission, **chosen), write=call.params.get("write", True),
                              echo=work.echo, threads=work.threads)
    counts = {"fission_run": summary.run, "shares": summary.shares, "reached": summary.reached,
              "joins": summary.joins, "cascades": summary.cascades, "largest": summary.largest,
              "max_depth": summary.max_depth, "deep_cascades": summary.deep_cascades}
    return StepOutcome(counts, message=(
        f"{summary.cascades} cascades from {summary.shares} shares; largest {summary.largest}, "
        f"deepest {summary.max_depth} generations"))


def _report(call: StepCall) -> StepOutcome:
    fmt = call.params.get("format", "html")
    lang = call.params.get("lang", "en")
    if fmt not in FORMATS or lang not in LANGUAGES:
        raise ConfigurationError(f"report format must be one of {', '.join(FORMATS)} and lang one of "
                                 f"{', '.join(LANGUAGES)}; got {fmt!r}, {lang!r}")
    output = call.path(call.params.get("output", f"{file_slug(call.community)}.{fmt}"))
    pseudonyms = load_salt(call.workspace.home) if call.params.get("pseudonymise") else None
    path = write_report(call.workspace.database, call.community, output, fmt=fmt, lang=lang, pseudonyms=pseudonyms)
    return StepOutcome({"report": str(path), "bytes": path.stat().st_size}, message=f"report written to {path}")


def _notify(call: StepCall) -> StepOutcome:
    settings = NotifySettings.from_params(call.params)
    sent = notify(call.workspace.database, call.community, settings, home=call.workspace.home)
    what = f"mail to {sent.recipients} recipient(s) via" if settings.format == "email" else \
        f"{LABELS[settings.format]} at"
    return StepOutcome({"format": sent.format, "destination": sent.destination, "bytes": sent.bytes},
                       message=f"digest sent: {what} {sent.destination}")


STEP_KINDS: dict[str, StepKind] = {kind.name: kind for kind in (
    StepKind("init", (), _init, "create constraints and indexes"),
    StepKind("load_csv", ("path", "name", "rejects", "drop_names"), _load_csv,
             "load an interchange directory (CSV/JSONL)"),
    StepKind("load_chat", ("export", "path", "name", "rejects", "drop_names", *OPTIONS), _load_chat,
             f"load a chat export ({', '.join(EXPORTS)}; options {', '.join(OPTIONS)} as its kind takes)"),
    StepKind("analyze", ("as_of", "fail_on_high"), _analyze,
             "leaders, connectors, circles, roles and imbalances (GDS)"),
    StepKind("fission", ("as_of", "period", "layering_depth", "top", "write"), _fission,
             "cascade trees, drivers and critical points"),
    StepKind("report", ("format", "lang", "output", "pseudonymise"), _report, "HTML, Markdown or JSON report"),
    StepKind("notify", tuple(f.name for f in fields(NotifySettings)), _notify,
             "send the one-screen digest to a webhook (JSON, WeCom, Feishu, Slack) or by mail"),
)}
