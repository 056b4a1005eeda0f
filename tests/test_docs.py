"""Where a rule lives is where you look: the entry points show a runnable example (run by
`--doctest-modules`, see pyproject.toml, as is docs/api.md), and every command has help with an
example of itself and is documented (README.md or docs/), as sqlite-utils checks its own
(tests/test_docs.py there); every option says what it does."""
import inspect
import re

import click
import pytest
from click.testing import CliRunner

from compare import views
from compare.cli import main
from compare.engine import compare_reports
from compare.engine.align import align_sections
from compare.engine.diff import diff_sections
from compare.engine.judge import judge_targets, verdict
from compare.engine.threads import threads
from compare.ingest.measures import split_measures
from compare.jobs.plan import plan_report
from compare.store import load_report
from compare.text import content_id, sentences
from tests.support import ROOT

DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md",
                                                         *sorted((ROOT / "docs").glob("*.md"))])


@pytest.mark.parametrize("entry", [compare_reports, align_sections, diff_sections,
                                   judge_targets, verdict,
                                   threads, load_report, plan_report, content_id, views],
                         ids=lambda f: f.__name__)
def test_an_entry_point_shows_a_runnable_example(entry):
    assert ">>> " in inspect.getdoc(entry)


def test_the_examples_run_with_the_tests():
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^addopts = ".*--doctest-modules', config, re.M)
    assert re.search(r'^addopts = ".*--doctest-glob=\*\.md', config, re.M)
    assert re.search(r'^testpaths = \[.*"compare".*"docs/api.md"', config, re.M)
    # examples live where they are read: module docstrings (text, measures) run as well
    assert ">>> " in inspect.getdoc(inspect.getmodule(sentences)) and ">>> " in inspect.getdoc(
        inspect.getmodule(split_measures))


def commands(group: click.Group, path: tuple[str, ...] = ("yoy",)):
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


COMMANDS = list(commands(main))


def test_the_commands_are_all_found():
    assert {" ".join(p) for p, _ in COMMANDS} >= {"yoy ingest", "yoy compare", "yoy run",
                                                  "yoy export", "yoy plan",
                                                    "yoy review", "yoy review import",
                                                  "yoy list", "yoy show",
                                                    "yoy validate"}


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path, command):
    name = " ".join(path)
    lines = [line.strip() for line in inspect.cleandoc(command.help or "").splitlines()]
    assert lines and lines[0], f"{name}: no help"
    # click prints the lines after a \b as they stand: the example a reader copies
    assert "\b" in lines and lines[lines.index("\b")
                                   + 1].startswith(f"{name} "), f"{name}: no example"
    examples = [line for line in lines if line.startswith(f"{name} ")]
    shown = CliRunner().invoke(main, [*path[1:], "-h"])
    assert shown.exit_code == 0 and examples[0] in shown.stdout
    undocumented = [p.opts[0] for p in command.params if isinstance(p, click.Option) and not p.help]
    assert undocumented == [], f"{name}: options without help"


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_documented(path):
    assert " ".join(path) in DOCS, f"{' '.join(path)} is in neither README.md nor docs/"


EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "compare").rglob("*.py")
                  if ">>> " in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("module", EXAMPLES)
def test_every_modules_examples_run_on_their_own(module, monkeypatch):
    """`python -m doctest compare/views.py` failed 23 of 28 (UA 2026-12-05): its examples used a
    `views` and a `cmp` only pytest's conftest gave them. Each module's examples run as that
    command runs them: with the module's own names, nothing injected."""
    import doctest
    import importlib
    monkeypatch.chdir(ROOT)
    name = module.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    result = doctest.testmod(importlib.import_module(name), report=False)
    assert not result.failed, module


def _defined_names() -> set[str]:
    """Every name compare/ defines (functions, classes, their fields and methods, module-level
    names, parameters), its modules' names, and the keys of the shipped model and templates."""
    import ast
    names: set[str] = set()
    for path in (ROOT / "compare").rglob("*.py"):
        names.add(path.stem)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.arg):  # a parameter: `replace`, `discard`
                names.add(node.arg)
    for path in [*(ROOT / "compare").rglob("*.yaml"), *(ROOT / "templates").rglob("*.yaml")]:
        names.update(re.findall(r"^\s*-?\s*(\w+):", path.read_text(encoding="utf-8"), re.M))
    return names


ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_the_architecture_map_names_every_module():
    """docs/architecture.md is where a newcomer finds a module's job: a module added without a
    line there is one nobody finds (its map names each by its file name)."""
    unnamed = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "compare").rglob("*.py")
                     if p.name not in ("__init__.py", "__main__.py")
                     and not re.search(rf"\b{re.escape(p.name)}\b", ARCHITECTURE))
    assert unnamed == [], f"not in docs/architecture.md's map: {unnamed}"


def test_what_the_architecture_names_exists():
    """Every name docs/architecture.md quotes (`decide`, `track.status_of`, `run._Digests.pair`,
    `row_quality.yaml`) is one the code defines or a file it ships: a renamed function leaves the
    newcomer's map pointing nowhere."""
    names = _defined_names() | {"yoy", "_yoy"}  # the command, its workbooks' hidden sheet
    files = {p.name for p in ROOT.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts}
    quoted = set(re.findall(r"`([A-Za-z_][\w.]*\w)`", ARCHITECTURE))
    missing = sorted(q for q in quoted
                     if not (q in files if re.search(r"\.(py|yaml|json|md|csv)$", q)
                             else all(part in names for part in q.split(".")
                                      if part not in ("compare", "engine", "ingest", "store",
                                                      "jobs", "workbook", "readers"))))
    assert missing == [], f"docs/architecture.md quotes names the code lacks: {missing}"


FILE_NAMED = re.compile(r"\b((?:compare|bench|tests|templates)/[\w./-]*\.(?:py|yaml|json|md))"
                        r"(?![\w*])")


def test_the_paths_the_docs_name_exist():
    """A file of compare/, bench/, tests/ or templates/ named in the README or the docs that
    describe the code as it is (a .py, .yaml, .json or .md, not a pattern) is one of the
    checkout. The dated records (accuracy, performance, reviews, development) name files as they
    were; docs/templates.md is written from the templates' own comments, where _common.yaml
    still names compare/measures.py, now compare/ingest/measures.py: left out until that comment
    is corrected."""
    docs = [ROOT / "README.md", *(ROOT / "docs" / f"{name}.md"
                                  for name in ("architecture", "api", "schema"))]
    named = {(doc.name, m) for doc in docs
             for m in FILE_NAMED.findall(doc.read_text(encoding="utf-8"))}
    missing = sorted((doc, m) for doc, m in named if not (ROOT / m).exists()
                     and not m.startswith("templates/kinds/audit"))  # the README's example makes it
    assert missing == [], f"paths the docs name that are not in the checkout: {missing}"
