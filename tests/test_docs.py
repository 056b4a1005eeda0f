"""Every command has help with an example of itself and is documented (README.md or docs/),
as sqlite-utils checks its own (tests/test_docs.py there); every option says what it does."""
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from compare.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def commands(group: click.Group, path: tuple[str, ...] = ("yoy",)):
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


COMMANDS = list(commands(main))


def test_the_commands_are_all_found():
    assert {" ".join(p) for p, _ in COMMANDS} >= {"yoy ingest", "yoy compare", "yoy run", "yoy export", "yoy plan",
                                                    "yoy review", "yoy review import", "yoy list", "yoy show",
                                                    "yoy validate"}


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path, command):
    name = " ".join(path)
    examples = [line.strip() for line in (command.help or "").splitlines() if line.strip().startswith(f"{name} ")]
    assert examples, f"{name}: its help has no example line starting with '{name} '"
    shown = CliRunner().invoke(main, [*path[1:], "-h"])
    assert shown.exit_code == 0 and examples[0] in shown.stdout
    undocumented = [p.opts[0] for p in command.params if isinstance(p, click.Option) and not p.help]
    assert undocumented == [], f"{name}: options without help"


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_documented(path):
    assert " ".join(path) in DOCS, f"{' '.join(path)} is in neither README.md nor docs/"
