"""Assemble the local server's jars from Maven Central with Maven.

The assembly lives in ``<home>/neo4j-<version>-gds-<version>/`` with ``lib/``
(Neo4j and every third-party library) and ``plugins/`` (the GDS jars). Maven's
dependency mediation keeps one version of each library; the folder is built
beside its final place and renamed, so a failed build leaves nothing half-made.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from graphmodel.core.errors import MavenError
from graphmodel.server.versions import GDS_VERSION, NEO4J_VERSION

_COMPLETE = ".assembled"


def assembly_dir(home: Path) -> Path:
    return home / f"neo4j-{NEO4J_VERSION}-gds-{GDS_VERSION}"


def is_assembled(home: Path) -> bool:
    return (assembly_dir(home) / _COMPLETE).is_file()


def maven_executable() -> str:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise MavenError(
            "Maven (mvn) is not on PATH; it assembles the local Neo4j server from "
            "Maven Central. Install it (Debian: apt-get install maven) or set NEO4J_URI "
            "to use an existing Neo4j with GDS."
        )
    return mvn


def assemble(home: Path, echo: Callable[[str], None] = lambda _: None) -> Path:
    """Build the assembly if it is not there yet; return its folder."""
    target = assembly_dir(home)
    if is_assembled(home):
        return target
    mvn = maven_executable()
    build = home / "build"
    staging = home / f".{target.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    build.mkdir(parents=True, exist_ok=True)
    pom = build / "pom.xml"
    pom.write_text(
        resources.files("graphmodel.server").joinpath("pom.xml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    echo(f"Assembling Neo4j {NEO4J_VERSION} with GDS {GDS_VERSION} from Maven Central "
         f"(first run only) ...")
    command = [mvn, "-B", "-q", "-f", str(pom), f"-Dassembly.dir={staging}", "package"]
    result = subprocess.run(command, cwd=build, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        tail = "\n".join(output[-15:])
        raise MavenError(
            f"Maven could not assemble the server (exit {result.returncode}). Check that "
            f"Maven Central is reachable (proxy settings in ~/.m2/settings.xml) and retry.\n"
            f"Last lines of Maven's output:\n{tail}"
        )
    if not any((staging / "plugins").glob("proc-sysinfo-*.jar")):
        raise MavenError(f"Maven finished but {staging}/plugins lacks the GDS jars")
    (staging / _COMPLETE).write_text(f"neo4j={NEO4J_VERSION}\ngds={GDS_VERSION}\n")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target
