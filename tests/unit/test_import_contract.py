"""One import direction: cli -> facade -> jobs/demo -> domain -> graph layer -> core.

Every import statement of the package is read (at any depth, lazy ones too) and
resolved to the module it names; a module may import its own layer or one below,
never one above, and no chain of imports may lead back to where it started.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "graphmodel"

LAYERS = (  # lowest first: (name, module prefixes)
    ("core", ("graphmodel", "graphmodel.core")),
    ("graph", ("graphmodel.graph", "graphmodel.server")),
    ("domain", ("graphmodel.loaders", "graphmodel.analysis", "graphmodel.fission", "graphmodel.report",
                "graphmodel.history", "graphmodel.queries", "graphmodel.generate")),
    ("jobs", ("graphmodel.jobs", "graphmodel.demo")),
    ("facade", ("graphmodel.facade",)),
    ("cli", ("graphmodel.cli", "graphmodel.__main__")),
)
# graphmodel/__init__.py hands out connect() from the facade on first use (PEP 562), so that
# importing a part of the library does not load the facade; it is the one arrow upward.
ALLOWED_UPWARD = {("graphmodel", "graphmodel.facade")}
# only the CLI uses the command-line framework
CLI_ONLY = ("click", "rich.progress")


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = modules()


def layer(module: str) -> int:
    best, rank = -1, None
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    assert rank is not None, f"{module} is in no layer: add it to LAYERS"
    return rank


def imports(module: str) -> set[str]:
    """The graphmodel modules ``module`` imports, and the third-party ones (prefixed '!')."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name if alias.name.split(".")[0] == "graphmodel" else "!" + alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.split(".")[0] != "graphmodel":
                found.add("!" + base)
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return found


GRAPH = {module: {i for i in imports(module) if not i.startswith("!")} - {module} for module in MODULES}


def test_every_module_is_in_a_layer():
    for module in MODULES:
        layer(module)


def upward_arrows(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} ({LAYERS[layer(module)][0]}) imports {target} ({LAYERS[layer(target)][0]})"
        for module, targets in graph.items() for target in targets
        if layer(target) > layer(module) and (module, target) not in ALLOWED_UPWARD)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if (module, target) in ALLOWED_UPWARD:
                continue
            if state.get(target) == 1:
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def test_imports_point_down_the_layers():
    upward = upward_arrows(GRAPH)
    assert not upward, "imports against the layer order:\n" + "\n".join(upward)


def test_no_import_cycles():
    found = cycles(GRAPH)
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_checks_find_an_arrow_upward_and_a_cycle():
    graph = {"graphmodel.analysis.run": {"graphmodel.jobs.steps"}, "graphmodel.jobs.steps": set(),
             "graphmodel.fission.store": {"graphmodel.fission.analysis"},
             "graphmodel.fission.analysis": {"graphmodel.fission.store"}}
    assert upward_arrows(graph) == ["graphmodel.analysis.run (domain) imports graphmodel.jobs.steps (jobs)"]
    assert cycles(graph) == [["graphmodel.fission.analysis", "graphmodel.fission.store",
                              "graphmodel.fission.analysis"]]
    assert "graphmodel.analysis.run" in imports("graphmodel.analysis")  # from ... import resolves submodules


def test_only_the_cli_uses_the_command_line_framework():
    found = sorted(f"{module} imports {name[1:]}" for module in MODULES if layer(module) < layer("graphmodel.cli")
                   for name in imports(module)
                   if name.startswith("!") and name[1:].split(".")[0] in {c.split(".")[0] for c in CLI_ONLY}
                   and any(name[1:] == c or name[1:].startswith(c + ".") for c in CLI_ONLY))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("module", ["graphmodel.analysis", "graphmodel.loaders", "graphmodel.fission",
                                    "graphmodel.report"])
def test_importing_a_domain_package_loads_neither_click_nor_jobs(module):
    code = (f"import sys, {module}; "
            "print(sorted(m for m in sys.modules if m == 'click' or m.startswith('graphmodel.jobs') "
            "or m.startswith('graphmodel.cli') or m == 'graphmodel.facade'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent).stdout.strip()
    assert out == "[]", f"import {module} loaded {out}"
