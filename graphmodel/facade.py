"""The library facade: ``graphmodel.connect()`` returns a ``GraphModel``.

Notebooks, scheduled jobs, Airflow and the CLI all go through it, so the same work
gets the same parameters whoever asks: the settings resolve as the CLI resolves them
(keyword > environment > config file > default), the config file's ``[analysis]``,
``[thresholds]`` and ``[fission]`` tables are checked once, strictly, and every call
(and every job step, the demo, ``run_job_file``) uses the options built from them::

    import graphmodel

    gm = graphmodel.connect()                 # NEO4J_URI, or the local server (started on demand)
    gm.load("exports/camp-7", community="camp-7")
    result = gm.analyze("camp-7")
    result.leaders.to_pandas()                # one row per leader
    gm.query("circles", community="camp-7").to_pandas()
    gm.close()

docs/library.md is the guide.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphmodel.analysis import AnalysisOptions, AnalysisResult, analyze
from graphmodel.analysis.projection import projected
from graphmodel.analysis.results import CircleEvent
from graphmodel.analysis.window import analysis_window
from graphmodel.core.asof import AsOf, parse_as_of
from graphmodel.core.community_ids import checked_community
from graphmodel.core.config import CONFIG_TABLES, Settings, load_settings
from graphmodel.core.errors import ConfigurationError
from graphmodel.core.tables import Rows
from graphmodel.demo import DemoResult, run_demo
from graphmodel.fission import FissionOptions, FissionSummary, fission_summary
from graphmodel.graph.community import delete_community
from graphmodel.graph.connection import Connection
from graphmodel.graph.database import ServerInfo
from graphmodel.graph.lock import LOCK_WAIT, STALE_AFTER, CommunityLock
from graphmodel.graph.schema import SchemaResult, ensure_schema, init_schema
from graphmodel.graph.tombstones import Forgotten, forget_member, lift_tombstone
from graphmodel.history import (
    MemberRoleHistory,
    RoleHistory,
    circle_events,
    community_role_history,
    fission_runs,
    member_role_history,
)
from graphmodel.jobs import JobDidNotSucceed, JobLog, JobResult, JobSpec, Workspace, load_job, run_job
from graphmodel.loaders import LoadSummary, load_directory
from graphmodel.loaders.chat import ExportLoad, load_export
from graphmodel.loaders.directory import DEFAULT_BATCH_SIZE, Progress
from graphmodel.queries import DEFAULT_LIMIT, DEFAULT_TIMEOUT, QueryResult, run_adhoc, run_named
from graphmodel.report import load_salt, report_text, write_report
from graphmodel.report.compare import Comparison, compare

if TYPE_CHECKING:
    from graphdatascience import Graph

Echo = Callable[[str], None]
AsOfValue = AsOf | str | date | datetime | None


def connect(*, echo: Echo | None = None, **settings: Any) -> GraphModel:
    """A ``GraphModel`` connected to Neo4j (``NEO4J_URI``) or to the local server, which
    is assembled and started when it is not running.

    ``settings`` are the settings of docs/settings.md by name (``uri``, ``username``,
    ``password``, ``database``, ``home``, ``bolt_port``, ``heap``, ``threads``, ...) and
    ``config`` (a config file to read instead of $GRAPHMODEL_CONFIG or
    ``<home>/config.toml``); they override the environment and the config file.
    ``echo`` receives progress lines (default: none).
    """
    model = GraphModel(load_settings(settings), echo=echo)
    try:
        model.database  # noqa: B018  (connects, checks the server, creates the schema)
    except BaseException:
        model.close()
        raise
    return model


class GraphModel:
    """A community knowledge model on one Neo4j database: load, analyse, report, query.

    The connection opens on first use (``connect()`` opens it at once); ``close()`` (or
    ``with``) ends it. Methods take the community id first, then keyword options; an id
    that is empty, longer than ``MAX_COMMUNITY_ID`` characters or holds control characters
    is refused (``graphmodel.core.community_ids``).
    """

    def __init__(self, settings: Settings, *, echo: Echo | None = None) -> None:
        self.settings = settings
        self.echo: Echo = echo or (lambda _: None)
        source = settings.config_file
        self.analysis_options = AnalysisOptions.from_config(settings.tables, source)
        self.fission_options = FissionOptions.from_config(settings.tables, source)
        self._connection: Connection | None = None

    # the connection -------------------------------------------------------------
    @property
    def database(self) -> Connection:
        """The connection (the ``Database`` the domain uses); opened on first use."""
        if self._connection is None:
            connection = Connection.from_settings(self.settings, self.echo)
            try:
                ensure_schema(connection)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    @property
    def server(self) -> ServerInfo:
        """The Neo4j and GDS versions of the server."""
        return self.database.info

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> GraphModel:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.settings.uri or f"the local server ({self.settings.home})"
        return f"GraphModel({where}, database={self.settings.database!r})"

    def workspace(self, tables: Mapping[str, Mapping[str, Any]] | None = None,
                  source: str | Path | None = None) -> Workspace:
        """What job steps work with: the graph and the options in force. ``tables`` (a job
        file's ``[analysis]``/``[thresholds]``/``[fission]``) replace the config file's keys."""
        analysis, fission = self.analysis_options, self.fission_options
        if tables:
            merged = {name: {**self.settings.tables.get(name, {}), **tables.get(name, {})}
                      for name in CONFIG_TABLES}
            where = f"{self.settings.config_file} with {source or 'the job'}"
            analysis = AnalysisOptions.from_config(merged, where)
            fission = FissionOptions.from_config(merged, where)
        return Workspace(self.database, analysis, fission, self.settings.threads, self.echo, self.settings.home)

    # the work ---------------------------------------------------------------------
    def init(self) -> SchemaResult:
        """Create the model's constraints, indexes and role vocabulary (idempotent)."""
        return init_schema(self.database)

    def load(self, directory: str | Path, community: str, *, name: str | None = None,
             dry_run: bool = False, rejects: str | Path | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE, progress: Progress | None = None,
             drop_names: bool = False, lock_wait: float = LOCK_WAIT) -> LoadSummary:
        """Load an interchange directory (docs/interchange.md) into ``community``,
        idempotently; bad rows go to ``rejects``, rows of forgotten members are skipped.
        ``dry_run`` validates without a server; ``drop_names`` stores no member names.
        ``lock_wait``: seconds to wait for another run of the community (see ``locked``)."""
        community = checked_community(community)
        with self._locked_unless(dry_run, community, lock_wait):
            return load_directory(None if dry_run else self.database, directory, community, name=name,
                                  dry_run=dry_run, reject_path=rejects, batch_size=batch_size,
                                  progress=progress, lock=False, echo=self.echo, writers=self.settings.threads,
                                  drop_names=drop_names)

    def load_export(self, kind: str, source: str | Path, community: str, *, name: str | None = None,
                    dry_run: bool = False, rejects: str | Path | None = None, keep: str | Path | None = None,
                    progress: Progress | None = None, drop_names: bool = False, lock_wait: float = LOCK_WAIT,
                    **options: Any) -> ExportLoad:
        """Convert a chat export (``kind``: one of ``graphmodel.loaders.chat.EXPORTS``) and
        load it into ``community``; ``keep`` keeps the converted interchange tables;
        ``drop_names`` stores no member names; ``options``: the kind's export options
        (``utc_offset``, ``talker``, ``date_order``; docs/exports.md)."""
        community = checked_community(community)
        with self._locked_unless(dry_run, community, lock_wait):
            return load_export(None if dry_run else self.database, kind, source, community, name=name,
                               reject_path=rejects, keep=keep, dry_run=dry_run, progress=progress,
                               lock=False, echo=self.echo, writers=self.settings.threads, drop_names=drop_names,
                               options=options)

    def analyze(self, community: str, *, as_of: AsOfValue = None, write: bool = True,
                lock_wait: float = LOCK_WAIT, **options: Any) -> AnalysisResult:
        """Leaders, connectors, circles, inferred roles and role imbalances (docs/analysis.md);
        ``options`` override the config file's ``[analysis]`` keys for this call. It holds the
        community's lock (``locked``), so it never analyses a community half loaded."""
        community = checked_community(community)
        chosen = self.analysis_options
        if options:
            chosen = _replaced(chosen, options, "analysis option")
        with self.locked(community, lock_wait):
            return analyze(self.database, community, chosen, as_of=parse_as_of(as_of), echo=self.echo,
                           write=write, threads=self.settings.threads)

    def fission(self, community: str, *, as_of: AsOfValue = None, write: bool = True,
                lock_wait: float = LOCK_WAIT, **options: Any) -> FissionSummary:
        """Cascade trees of shares and invitations, what drives them, critical points
        (docs/fission.md); ``options`` (``period``, ``layering_depth``, ``top``, ...) override
        the config file's ``[fission]`` keys for this call. It holds the community's lock."""
        community = checked_community(community)
        chosen = _replaced(self.fission_options, options, "fission option") if options else self.fission_options
        with self.locked(community, lock_wait):
            return fission_summary(self.database, community, parse_as_of(as_of), chosen, write=write,
                                   echo=self.echo, threads=self.settings.threads)

    def report(self, community: str, *, format: str = "html", lang: str = "en", run: str | None = None,
               output: str | Path | None = None, pseudonymise: bool = False) -> str | Path:
        """The latest analysis (or ``run``) as a report (docs/reports.md): its text, or the
        path written when ``output`` is given. ``pseudonymise``: stable salted pseudonyms in
        place of every member id and name (docs/privacy.md)."""
        community = checked_community(community)
        pseudonyms = load_salt(self.settings.home) if pseudonymise else None
        if output is None:
            return report_text(self.database, community, format, lang, run, pseudonyms)
        return write_report(self.database, community, output, format, lang, run, pseudonyms)

    def history(self, community: str, *, member: str | None = None,
                as_of: AsOfValue = None) -> RoleHistory | MemberRoleHistory:
        """How roles changed across analysis runs; with ``member``, that member's roles run by run."""
        community = checked_community(community)
        if member is not None:
            return member_role_history(self.database, community, member, parse_as_of(as_of))
        return community_role_history(self.database, community, parse_as_of(as_of))

    def circle_events(self, community: str, *, as_of: AsOfValue = None) -> Rows[CircleEvent]:
        """What became of the circles from each analysis run to the next in time order
        (docs/analysis.md): form, continue, grow, shrink, split, merge, dissolve."""
        return Rows(circle_events(self.database, checked_community(community), parse_as_of(as_of)))

    def compare(self, communities: list[str], *, cohorts: list[str] | None = None) -> Comparison:
        """Communities (their latest runs), or the ``cohorts`` of one community
        (``joined:2024-01..2024-06``), side by side against the norms (docs/analysis.md),
        with the config file's ``[thresholds]``."""
        return compare(self.database, [checked_community(c) for c in communities], cohorts or (),
                       self.analysis_options.thresholds)

    def fission_runs(self, community: str) -> Rows[dict[str, Any]]:
        """The community's fission runs, oldest first, with their headline figures."""
        return Rows(fission_runs(self.database, checked_community(community)))

    def query(self, name: str, params: Mapping[str, Any] | None = None, /, *, max_rows: int = DEFAULT_LIMIT,
              timeout: float = DEFAULT_TIMEOUT, **values: Any) -> QueryResult:
        """A named query of the catalogue (docs/queries.md) in a read transaction. Parameters
        as keywords, or as a dict for names Python cannot take (``from``)."""
        return run_named(self.database, name, {**(params or {}), **values}, limit=max_rows, timeout=timeout)

    def cypher(self, text: str, params: Mapping[str, Any] | None = None, /, *, max_rows: int = DEFAULT_LIMIT,
               timeout: float = DEFAULT_TIMEOUT, **values: Any) -> QueryResult:
        """Ad-hoc Cypher in a read transaction (the server refuses writes); values only as
        parameters."""
        return run_adhoc(self.database, text, {**(params or {}), **values}, limit=max_rows, timeout=timeout)

    def delete(self, community: str) -> int:
        """Remove the community and everything in it but its tombstones; how many nodes went."""
        return delete_community(self.database, checked_community(community))

    def forget(self, community: str, member: str, *, lock_wait: float = LOCK_WAIT) -> Forgotten:
        """Remove a member's data from ``community`` and keep a tombstone, so that loading
        the same export again skips them (docs/privacy.md). Holds the community's lock
        (``locked``), waiting up to ``lock_wait`` seconds for a running job or load; idempotent."""
        community = checked_community(community)
        with self.locked(community, lock_wait):
            return forget_member(self.database, community, member)

    def lift_tombstone(self, community: str, member: str, *, lock_wait: float = LOCK_WAIT) -> bool:
        """Undo ``forget``'s tombstone (not the data it removed): later loads bring the
        member back. Whether there was a tombstone. Holds the community's lock."""
        community = checked_community(community)
        with self.locked(community, lock_wait):
            return lift_tombstone(self.database, community, member)

    def run_job(self, job: JobSpec | str | Path, *, log: JobLog | None = None, lock_wait: float = LOCK_WAIT,
                stale_after: int = STALE_AFTER) -> JobResult:
        """Run a job file's steps under the community's lock (docs/jobs.md), with this model's
        options and the job file's own tables over them; the result says how it ended."""
        spec = job if isinstance(job, JobSpec) else load_job(Path(job))
        return run_job(self.workspace(spec.tables, spec.source), spec, log=log or JobLog(self.echo),
                       lock_wait=lock_wait, stale_after=stale_after)

    def demo(self, *, lang: str = "en", output: str | Path | None = None) -> DemoResult:
        """Generate, load, analyse, compute fission and report the bundled demo community."""
        return run_demo(self.workspace(), self.settings.home, lang, output)

    @contextlib.contextmanager
    def locked(self, community: str, wait: float = LOCK_WAIT) -> Iterator[None]:
        """Hold the community's lock for the block: the one loads, analyses, fission runs and
        jobs take, so none of them runs on the community meanwhile (and the block waits for
        one that does). For work that must not interleave with them, removing data say::

            with gm.locked("camp-7", wait=0):   # 0: raise LockTimeout at once if it is busy
                delete_community(gm.database, "camp-7")

        ``wait``: seconds to wait for the run holding it, then ``LockTimeout`` (exit 2, with a
        message naming the holder). The lock is not re-entrant: inside the block call the
        domain functions, not this model's locking methods (``load``, ``load_export``,
        ``analyze``, ``fission``, ``run_job``), which would wait for the block itself.
        """
        with CommunityLock(self.database, checked_community(community), wait=wait, echo=self.echo):
            yield

    def _locked_unless(self, dry_run: bool, community: str, wait: float) -> contextlib.AbstractContextManager:
        """The community's lock, or nothing for a dry run (which writes nothing)."""
        return contextlib.nullcontext() if dry_run else self.locked(community, wait)

    @contextlib.contextmanager
    def projection(self, community: str, *, as_of: AsOfValue = None) -> Iterator[Graph]:
        """The community's analysis graph (the projection ``analyze`` uses: weighted,
        undirected ties) as a ``graphdatascience`` ``Graph``, dropped on exit::

            with gm.projection("camp-7") as G:
                gm.gds.page_rank.stream(G)
        """
        moment = parse_as_of(as_of)
        community = checked_community(community)
        window = analysis_window(self.database, community, moment, self.analysis_options, keep=False)
        with projected(self.database, community, self.analysis_options,
                       moment.cutoff if moment else None, window) as name:
            yield self.gds.graph.get(name)

    @property
    def gds(self) -> Any:
        """A ``graphdatascience.GraphDataScience`` client on this model's connection."""
        return self.database.graph_data_science()


def run_job_file(job_file: str | Path, *, json_logs: bool = True, lock_wait: float = LOCK_WAIT,
                 **settings: Any) -> JobResult:
    """Run a job file with the environment's settings (and the config file); raise
    ``JobDidNotSucceed`` unless it ended ok. The one call a scheduler's Python task needs
    (Airflow's PythonOperator): logs go to stderr, as JSON lines by default."""
    def echo(message: str) -> None:
        print(message, file=sys.stderr)

    with GraphModel(load_settings(settings), echo=echo) as model:
        result = model.run_job(job_file, log=JobLog(echo, json_logs), lock_wait=lock_wait)
    if result.exit_code != 0:
        raise JobDidNotSucceed(result)
    return result


def _replaced(options: Any, changes: Mapping[str, Any], what: str) -> Any:
    from dataclasses import fields

    known = {f.name for f in fields(options)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise ConfigurationError(f"unknown {what}(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return replace(options, **{k: v for k, v in changes.items() if v is not None})
