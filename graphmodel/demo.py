"""The demo: the whole operator path on the bundled demo community.

Generate a 2,000-member community with every planted problem (deterministic, seed 7),
load it through the interchange loader, analyse it with GDS, compute its fission and
write the report. Everything lands in the graph under the community id ``demo``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graphmodel.analysis import analyze
from graphmodel.fission import fission_summary
from graphmodel.generate import PROBLEMS, GeneratorOptions, generate_community
from graphmodel.graph.community import delete_community
from graphmodel.graph.lock import CommunityLock
from graphmodel.jobs.steps import Workspace
from graphmodel.loaders import load_directory
from graphmodel.report import write_report

DEMO_COMMUNITY = "demo"
DEMO_MEMBERS = 2_000
DEMO_SEED = 7
Echo = Callable[[str], None]


@dataclass
class DemoResult:
    community: str
    data_dir: Path
    report: Path
    loaded: int = 0
    rejected: int = 0
    leaders: list[str] = field(default_factory=list)
    connectors: list[str] = field(default_factory=list)
    circles: int = 0
    imbalances: list[str] = field(default_factory=list)
    cascades: int = 0
    max_depth: int = 0


def run_demo(workspace: Workspace, work_dir: str | Path, lang: str = "en",
             report_path: str | Path | None = None) -> DemoResult:
    """Generate, load, analyse, compute fission and report the demo community, with the
    workspace's options (those of the config file)."""
    connection, echo = workspace.database, workspace.echo
    work_dir = Path(work_dir)
    data_dir = work_dir / "demo-data"
    echo(f"generating the demo community ({DEMO_MEMBERS:,} members, seed {DEMO_SEED}) into {data_dir}")
    generate_community(data_dir, GeneratorOptions(members=DEMO_MEMBERS, seed=DEMO_SEED,
                                                  problems=tuple(PROBLEMS)))
    with CommunityLock(connection, DEMO_COMMUNITY, echo=echo):  # no other run changes it meanwhile
        echo("replacing any earlier demo community in the graph")
        delete_community(connection, DEMO_COMMUNITY)
        loaded = load_directory(connection, data_dir, DEMO_COMMUNITY, name="示例社群 demo community",
                                reject_path=work_dir / f"graphmodel-rejects-{DEMO_COMMUNITY}.csv",
                                writers=workspace.threads, lock=False, echo=echo)
        echo(f"loaded {loaded.loaded:,} rows ({loaded.rejected:,} rejected) in {loaded.seconds:.1f} s")
        analysis = analyze(connection, DEMO_COMMUNITY, workspace.analysis, echo=echo, threads=workspace.threads)
        fission = fission_summary(connection, DEMO_COMMUNITY, None, workspace.fission, echo=echo)
    report = Path(report_path or work_dir / f"{DEMO_COMMUNITY}-report.html")
    write_report(connection, DEMO_COMMUNITY, report, "html", lang)
    return DemoResult(
        community=DEMO_COMMUNITY, data_dir=data_dir, report=report.resolve(),
        loaded=loaded.loaded, rejected=loaded.rejected,
        leaders=[m.name or m.member_id for m in analysis.leaders[:5]],
        connectors=[m.name or m.member_id for m in analysis.connectors[:5]],
        circles=len(analysis.circles),
        imbalances=[i.message_zh if lang == "zh" else i.message for i in analysis.imbalances[:5]],
        cascades=fission.cascades, max_depth=fission.max_depth,
    )
