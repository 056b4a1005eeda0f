"""Where a rule lives is where you look: the entry points show a runnable example (run by
`--doctest-modules`, see pyproject.toml), and every command has help with an example."""
import inspect
import re

import click
import pytest

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
from compare.workbook import views
from tests.support import ROOT


@pytest.mark.parametrize("entry", [compare_reports, align_sections, diff_sections, judge_targets, verdict,
                                   threads, load_report, plan_report, content_id, views],
                         ids=lambda f: f.__name__)
def test_an_entry_point_shows_a_runnable_example(entry):
    assert ">>> " in inspect.getdoc(entry)


def test_the_examples_run_with_the_tests():
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^addopts = ".*--doctest-modules', config, re.M)
    assert re.search(r'^testpaths = \[.*"compare"', config, re.M)
    # examples live where they are read: module docstrings (text, measures) run as well
    assert ">>> " in inspect.getdoc(inspect.getmodule(sentences)) and ">>> " in inspect.getdoc(inspect.getmodule(split_measures))


def commands(group: click.Group, prefix: str = "yoy"):
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from commands(cmd, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", cmd


@pytest.mark.parametrize("name, cmd", list(commands(main)), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_help_with_an_example(name, cmd):
    lines = [line.strip() for line in inspect.cleandoc(cmd.help or "").splitlines()]
    assert lines and lines[0], f"{name}: no help"
    # click prints the lines after a \b as they stand: the example a reader copies
    assert "\b" in lines and lines[lines.index("\b") + 1].startswith(f"{name} "), f"{name}: no example"
