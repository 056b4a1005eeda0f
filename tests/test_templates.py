"""Templates are schema: a mistake in a user's copy is one error line naming
the file and the field."""
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main
from tests.support import SEED

SHIPPED = Path(__file__).parent.parent / "templates"


def copied(tmp_path: Path, name: str, old: str, new: str) -> tuple[Path, Path]:
    """The shipped templates copied to tmp_path with `old` replaced by `new` once in `name`."""
    templates = tmp_path / "templates"
    shutil.copytree(SHIPPED, templates)
    path = templates / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} is no longer in {name}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return templates, path


def ingest_with(templates: Path, tmp_path: Path, kind: str):
    result = CliRunner().invoke(main, ["--templates", str(templates), "ingest", str(SEED),
                                       "--kind", kind,
                                       "--store", str(tmp_path / "store")])
    return result.exit_code, result.stderr


@pytest.mark.parametrize("name, kind, old, new, field", [
    ("kinds/fazhi.yaml", "fazhi", "{role: plan,", "{role: plans,", r"roles\.2\.role"),
    ("kinds/fazhi.yaml", "fazhi", "default_role: achievements", "default_role: achievement",
     "default_role"),
    ("kinds/gov-work-report.yaml", "gov-work-report", "'%', direction: higher",
     "'%', direction: floor",
     r"indicators\.0\.direction"),
    ("kinds/fazhi.yaml", "fazhi", "default_role: achievements",
     "default_role: achievements\ndefualt_role: plan",
     "defualt_role"),
    ("kinds/_common.yaml", "fazhi", "\nchrome:", "\nchrome_lines: []\nchrome:", "chrome_lines"),
])
def test_a_bad_kind_template_is_one_error_naming_file_and_field(
        tmp_path, name, kind, old, new, field):
    templates, path = copied(tmp_path, name, old, new)
    code, err = ingest_with(templates, tmp_path, kind)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert re.match(rf"yoy: error: {re.escape(str(path))}: {field}: ", lines[0]), lines[0]
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("in_common, in_kind, name, field", [
    ("{a: 1}, '^专此$'", "'^特此$'", "kinds/_common.yaml", r"closing_lines\.0"),
    ("'^专此$'", "'^特此$', {a: 1}", "kinds/fazhi.yaml", r"closing_lines\.2"),
])
def test_an_entry_of_a_list_both_files_extend_is_named_in_its_own_file(
        tmp_path, in_common, in_kind, name, field):
    templates, common = copied(tmp_path, "kinds/_common.yaml",
                               "closing_lines: ['^(专此|特此)报告[。.]?$']",
                               f"closing_lines: [{in_common}]")
    kind = templates / "kinds" / "fazhi.yaml"
    kind.write_text(kind.read_text(encoding="utf-8") + f"closing_lines: [{in_kind}]\n",
                    encoding="utf-8")
    code, err = ingest_with(templates, tmp_path, "fazhi")
    assert code == 2
    assert re.fullmatch(rf"yoy: error: {re.escape(str(templates / name))}: {field}: .*\n", err), err


def test_the_copied_templates_unchanged_ingest(tmp_path):
    # the control for the test above: the copy itself is valid, so the error is the edit's
    templates, _ = copied(tmp_path, "kinds/fazhi.yaml", "default_role: achievements",
                          "default_role: achievements")
    code, err = ingest_with(templates, tmp_path, "fazhi")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_users_workbook_template_reaches_every_workbook_of_a_run(tmp_path, how, monkeypatch):
    from openpyxl import load_workbook

    from compare.workbook.template import load_template
    from tests.support import copy_store
    templates, _ = copied(tmp_path, "workbook.yaml", "zh: 举措跨年跟踪", "zh: 举措逐年跟踪")
    text = (templates / "workbook.yaml").read_text(encoding="utf-8")
    text = text.replace("{zh: 同比对照,", "{zh: 同比对照（自定）,", 1)
    (templates / "workbook.yaml").write_text(text.replace("zh: 工作台账", "zh: 年度台账", 1),
                                             encoding="utf-8")
    store, out = copy_store(tmp_path / "store", ("国务院",)), tmp_path / "out"
    args = ["run", "--store", str(store), "--out", str(out), "--jobs", "2"]
    if how == "option":
        result = CliRunner().invoke(main, ["--templates", str(templates), *args])
    else:
        result = CliRunner(env={"YOY_TEMPLATES": str(templates)}).invoke(main, args)
    assert result.exit_code == 0, result.output
    # the workers of the run's pool got them too: pairs, tracker and plan sheet
    assert load_workbook(out / "国务院" / "gov-work-report-2021-2022.xlsx").worksheets[0][
        "A1"].value == "国务院政府工作报告同比对照（自定）（2021—2022年）：概览"
    assert load_workbook(out / "国务院" / "gov-work-report-tracker.xlsx").sheetnames[
        0] == "举措逐年跟踪"
    assert load_workbook(out / "国务院" / "gov-work-report-2023-plan.xlsx").sheetnames[
        0] == "年度台账"
    # the CLI reads the variable, the library never does: it takes its templates as an argument
    monkeypatch.setenv("YOY_TEMPLATES", str(templates))
    assert load_template().label("title", "zh") == "同比对照"
    assert load_template(templates).label("title", "zh") == "同比对照（自定）"


def test_a_kind_copied_with_other_cues_matches_its_own():
    """A kind's cue lists are compiled once (`Kind.cues`); a copy with other lists matches those,
    not the patterns compiled before it was copied."""
    from compare.kinds import load_kind
    kind = load_kind("gov-work-report")
    assert kind.cues.future.search("将加快推进") is not None
    other = kind.model_copy(update={"future_cues": ["力争"]})
    assert other.cues.future.search("将加快推进") is None
    assert other.cues.future.search("力争完成").group() == "力争"
    assert kind.cues.future.search("将加快推进") is not None
