"""The README and the manual in docs/ stay true of the code: short, linked, complete, plain.

Each check reads the code's own declarations (settings, options, step kinds, named queries,
the facade's methods, the graph's labels and properties, the interchange tables) and fails
when the page that documents them leaves one out.
"""

from __future__ import annotations

import ast
import io
import math
import re
import tokenize
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
# Linked from the manual, and written with the chat-export converters: a link to one of these
# may not resolve yet. Once the page exists, its entry must go (test_pages_to_come_are_still_to_come).
PAGES_TO_COME: set[str] = set()

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
DOC_PATH = re.compile(r"\bdocs/[\w.-]+\.md\b")
ORDINALS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
            r"this|that|last|previous|earlier|later|next|\d+(?:st|nd|rd|th)")
DIARY = re.compile(rf"\b(?:{ORDINALS})\s+sessions?\b|\bsession's\b|\bissue\s*#?\s*\d+", re.I)
ANY_SESSION = re.compile(r"\bsessions?\b", re.I)
MEASUREMENT_LOG = re.compile(
    r"\d+(?:\.\d+)?\s?(?:ms|s)\s+(?:against|vs\.?|instead of)\s+\d"  # "4.6 s against 5.3 s"
    r"|\(mean \d|\balternating\b|\bJFR\b|\bpy-spy\b", re.I)


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def table_rows(page: str) -> dict[str, list[str]]:
    """Markdown table rows by the first backticked name of their first cell: name -> cells."""
    rows = {}
    for line in page.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = re.match(r"`([^`]+)`", cells[0])
        if name:
            rows[name.group(1)] = cells
    return rows


def code_blocks(page: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", page, re.S)


# --- the README ---------------------------------------------------------------------------

def test_the_readme_is_short():
    lines = text(README).splitlines()
    assert len(lines) <= 160, f"README.md has {len(lines)} lines; the manual in docs/ holds the rest"


def test_the_readme_links_every_page_of_the_manual():
    linked = {(README.parent / target).resolve() for target in LINK.findall(text(README))}
    missing = [relative(p) for p in sorted(DOCS.glob("*.md")) if p.resolve() not in linked]
    assert not missing, f"pages of docs/ the README does not link: {missing}"


# --- links and words ------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_every_relative_link_resolves(page):
    broken = []
    for target in LINK.findall(text(page)):
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a URL or an anchor on the same page
        resolved = (page.parent / target.split("#")[0]).resolve()
        if not resolved.exists() and relative(resolved) not in PAGES_TO_COME:
            broken.append(target)
    assert not broken, f"{relative(page)} links to files that do not exist: {broken}"


def test_pages_to_come_are_still_to_come():
    arrived = sorted(page for page in PAGES_TO_COME if (ROOT / page).exists())
    assert not arrived, f"{arrived} exist now: remove them from PAGES_TO_COME"


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_pages_speak_of_the_software_not_of_its_making(page):
    found = [m.group(0) for m in ANY_SESSION.finditer(text(page))] + \
            [m.group(0) for m in DIARY.finditer(text(page))]
    assert not found, f"{relative(page)} speaks of {found}"


def code_comments() -> list[tuple[str, int, str]]:
    """(file, line, text) of every docstring and comment of the package, its Cypher and TOML files,
    the benchmarks and the examples."""
    found: list[tuple[str, int, str]] = []
    for folder in ("graphmodel", "bench", "examples"):
        for path in sorted((ROOT / folder).rglob("*")):
            name = relative(path)
            if path.suffix == ".py":
                source = text(path)
                for token in tokenize.generate_tokens(io.StringIO(source).readline):
                    if token.type == tokenize.COMMENT:
                        found.append((name, token.start[0], token.string))
                for node in ast.walk(ast.parse(source)):
                    if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                        doc = ast.get_docstring(node, clean=False)
                        if doc:
                            found.append((name, getattr(node, "lineno", 1), doc))
            elif path.suffix in (".cypher", ".toml", ".xml") or path.name == "crontab":
                marker = "//" if path.suffix == ".cypher" else "<!--" if path.suffix == ".xml" else "#"
                for number, line in enumerate(text(path).splitlines(), start=1):
                    if marker in line:
                        found.append((name, number, line[line.index(marker):]))
    return found


def test_docstrings_and_comments_speak_of_the_software_not_of_its_making():
    found = [f"{name}:{line}: {DIARY.search(words).group(0)!r}"  # type: ignore[union-attr]
             for name, line, words in code_comments() if DIARY.search(words)]
    # the driver's sessions are the one kind of session the code speaks of
    found += [f"{name}:{line}: session" for name, line, words in code_comments()
              if any(not words[max(0, m.start() - 7):m.start()].lower().endswith("driver ")
                     for m in ANY_SESSION.finditer(words))]
    assert not found, "diary words in docstrings or comments:\n" + "\n".join(found)


def test_docstrings_and_comments_hold_no_measurement_logs():
    found = [f"{name}:{line}: {MEASUREMENT_LOG.search(words).group(0)!r}"  # type: ignore[union-attr]
             for name, line, words in code_comments() if MEASUREMENT_LOG.search(words)]
    assert not found, "measurements belong in bench/ and docs/performance.md:\n" + "\n".join(found)


def test_the_code_points_to_pages_that_exist_and_not_to_the_readme():
    wrong = []
    for name, line, words in code_comments():
        for page in DOC_PATH.findall(words):
            if not (ROOT / page).exists() and page not in PAGES_TO_COME:
                wrong.append(f"{name}:{line}: {page} does not exist")
        if "README" in words or "DOMAIN.md" in words:
            wrong.append(f"{name}:{line}: points to the README or DOMAIN.md instead of docs/")
    assert not wrong, "\n".join(wrong)


def test_the_checks_find_what_they_look_for():
    assert DIARY.search("measured in the ninth session") and DIARY.search("see issue #23")
    assert DIARY.search("the 10th session's run") and not DIARY.search("a driver session")
    assert MEASUREMENT_LOG.search("4.6-5.0 s against 5.3 s") and MEASUREMENT_LOG.search("(eight pairs, alternating)")
    assert not MEASUREMENT_LOG.search("retried after 50 ms, doubling")
    rows = table_rows("| key | default |\n| --- | --- |\n| `gamma` | 1.0 | resolution |\n")
    assert rows == {"gamma": ["`gamma`", "1.0", "resolution"]}


# --- completeness -----------------------------------------------------------------------------

def numbers(cell: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e\d+)?", cell.replace(",", ""))]


def default_is_shown(cell: str, value) -> bool:
    """Whether a table cell shows ``value``: its numbers (in order), a string, or a table's items."""
    if isinstance(value, str):
        return value in cell
    if isinstance(value, bool):
        return str(value).lower() in cell.lower()
    if isinstance(value, dict):
        return all(key in cell for key in value) and default_is_shown(cell, tuple(value.values()))
    expected = list(value) if isinstance(value, tuple) else [value]
    shown = numbers(cell)[:len(expected)]
    return len(shown) == len(expected) and all(math.isclose(a, b, rel_tol=5e-3) for a, b in zip(shown, expected))


def option_defaults(cls, exclude: tuple[str, ...] = ()) -> dict:
    instance = cls()
    return {f.name: getattr(instance, f.name) for f in fields(cls) if f.name not in exclude}


@pytest.mark.parametrize(("cls", "page"), [
    ("graphmodel.analysis.options.AnalysisOptions", "analysis.md"),
    ("graphmodel.core.norms.Thresholds", "analysis.md"),
    ("graphmodel.fission.analysis.FissionOptions", "fission.md"),
])
def test_every_option_is_documented_with_its_default(cls, page):
    import importlib

    module, name = cls.rsplit(".", 1)
    options = getattr(importlib.import_module(module), name)
    rows = table_rows(text(DOCS / page))
    missing = [key for key in option_defaults(options, ("thresholds",)) if key not in rows]
    assert not missing, f"docs/{page} lacks a row for {name} keys {missing}"
    wrong = [key for key, value in option_defaults(options, ("thresholds",)).items()
             if not default_is_shown(rows[key][1], value)]
    assert not wrong, f"docs/{page} shows other defaults than {name} for {wrong}"


def test_every_setting_is_documented_with_its_variable_and_default():
    from graphmodel.core.config import SETTINGS

    rows = table_rows(text(DOCS / "settings.md"))
    problems = []
    for setting in SETTINGS:
        row = rows.get(setting.name)
        if row is None:
            problems.append(f"{setting.name}: no row")
            continue
        line = " | ".join(row)
        if f"`{setting.env}`" not in line or f"`--{setting.name.replace('_', '-')}`" not in line:
            problems.append(f"{setting.name}: its variable {setting.env} or option is not in its row")
        default = setting.default
        if default is not None and not default_is_shown(row[3], default):
            problems.append(f"{setting.name}: the default {default!r} is not shown")
    assert not problems, problems


def test_every_step_kind_is_documented_with_its_parameters():
    from graphmodel.jobs import STEP_KINDS

    rows = table_rows(text(DOCS / "jobs.md"))
    problems = [kind for kind in STEP_KINDS if kind not in rows]
    problems += [f"{kind}.{param}" for kind, step in STEP_KINDS.items() if kind in rows
                 for param in step.params if f"`{param}`" not in rows[kind][1]]
    assert not problems, f"docs/jobs.md lacks step kinds or parameters: {problems}"


def test_every_named_query_is_listed_with_its_parameters():
    from graphmodel.queries import catalogue, public_name

    rows = table_rows(text(DOCS / "queries.md"))
    queries = {public_name(q): q for q in catalogue()}
    problems = [name for name in queries if name not in rows]
    problems += [f"{name}.{p.name}" for name, q in queries.items() if name in rows
                 for p in q.params if f"`{p.name}`" not in rows[name][2]]
    problems += [f"{name} is listed but not in the catalogue" for name in rows if name not in queries]
    assert not problems, f"docs/queries.md is not the catalogue: {problems}"


def test_every_method_of_the_facade_is_documented():
    from graphmodel.facade import GraphModel

    page = text(DOCS / "library.md")
    public = [name for name, value in vars(GraphModel).items()
              if not name.startswith("_") and (callable(value) or isinstance(value, property))]
    missing = [name for name in public if f"`{name}(" not in page and f"`gm.{name}`" not in page]
    assert not missing, f"docs/library.md does not document GraphModel.{missing}"
    assert "`graphmodel.connect(" in page and "run_job_file(" in page and ".to_pandas()" in page


def test_the_graph_model_names_every_label_type_and_written_property():
    from graphmodel.core.model import NODE_LABELS, RELATIONSHIP_TYPES
    from graphmodel.graph import cypher

    page = text(DOCS / "graph-model.md")
    missing = [f":{n}" for n in (*NODE_LABELS, "JobLock", "JobRun") if not re.search(rf"\(:(\w+:)?{n}\b", page)]
    missing += [t for t in (*RELATIONSHIP_TYPES, "TIED_TO") if not re.search(rf"\[:{t}\b", page)]
    for query in ("load_members", "load_new_members", "analysis_members_write", "fission_member_cascades",
                  "analysis_run_start", "analysis_imbalances_write", "analysis_circles_write",
                  "fission_run_start", "job_run_start", "job_run_finish", "job_lock_acquire"):
        body = "\n".join(line for line in cypher.text(query).splitlines() if not line.startswith("//"))
        body = re.sub(r"\w+\(\{\w+:", "(", body)  # datetime({epochMillis: ...}) names no property
        written = set(re.findall(r"\b[a-z]\.(\w+)\s*=", body))
        written |= {key for props in re.findall(r"CREATE \(\w+:\w+ \{(.*?)\}\)", body, re.S)
                    for key in re.findall(r"(\w+):", props)}
        missing += [f"{query}: {p}" for p in sorted(written) if f"`{p}`" not in page]
    assert not missing, f"docs/graph-model.md does not name {missing}"


def interchange_columns(page: str) -> dict[str, dict[str, bool]]:
    """The tables of the interchange page's column table: table -> column -> required (bold)."""
    tables: dict[str, dict[str, bool]] = {}
    table = None
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) < 3 or not re.fullmatch(r"(`\w+`)?", cells[0]):
            continue
        table = cells[0].strip("`") or table
        for bold, column in re.findall(r"(\*\*)?`(\w+)`", cells[1]):
            tables.setdefault(table, {})[column] = bool(bold)  # type: ignore[arg-type]
    return tables


def test_the_interchange_page_names_every_table_and_column():
    from graphmodel.core.interchange import TABLES

    shown = interchange_columns(text(DOCS / "interchange.md"))
    declared = {t.name: {c: c in t.required for c in t.columns} for t in TABLES.values()}
    assert shown == declared, "docs/interchange.md's column table differs from graphmodel.core.interchange.TABLES"


def test_the_reliability_claims_name_tests_that_exist():
    page = text(DOCS / "reliability.md")
    named = 0
    problems = []
    for line in page.splitlines():
        current = None
        for ref in re.findall(r"`((?:tests/[\w/]+\.py)?::\w+)`", line):
            file, _, test = ref.partition("::")
            current = file or current
            if current is None:
                problems.append(f"{ref}: no file before it")
                continue
            named += 1
            source = ROOT / current
            if not source.is_file() or not re.search(rf"^def {test}\(", text(source), re.M):
                problems.append(f"{current}::{test}")
    assert named >= 30 and not problems, f"reliability claims naming no existing test: {problems}"


# --- examples ------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", [p for p in PAGES if "```toml" in text(p)], ids=relative)
def test_toml_examples_are_valid_job_or_config_files(page, tmp_path):
    from graphmodel.analysis import AnalysisOptions
    from graphmodel.core.config import read_config
    from graphmodel.fission import FissionOptions
    from graphmodel.jobs import parse_job

    for block in code_blocks(text(page), "toml"):
        data = tomllib.loads(block)
        if "job" in data:
            tables = parse_job(data, tmp_path).tables
        else:
            config = tmp_path / "config.toml"
            config.write_text(block, encoding="utf-8")
            tables = read_config(config)
        AnalysisOptions.from_config(tables, page.name)
        FissionOptions.from_config(tables, page.name)

