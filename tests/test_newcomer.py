"""A newcomer's first hour, as issue 20 walked it: ingest, plan, type into the 台账 and into a
comparison workbook without importing either, then `yoy run` twice (zh, then --lang en). Every
typed cell is still there, in the workbook or in the store, and both languages are on disk.
(The wheel in a clean venv: tests/test_install.py.)"""
from __future__ import annotations

import shutil

import yaml
from click.testing import CliRunner

from compare.cli import main
from tests.support import DATA, SEED, cell, edit, row_ids


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_newcomers_hour_loses_nothing_typed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the README's commands, with their default reports/ and output/
    shutil.copy(SEED, "新余市2021年度法治政府建设情况.txt")
    shutil.copy(DATA / "新余市-2022年度法治政府建设情况-constructed.txt",
                "新余市2022年度法治政府建设情况.txt")
    for year in (2021, 2022):
        yoy("ingest", f"新余市{year}年度法治政府建设情况.txt", "--kind", "fazhi")

    # January: the office's 台账 of 2023 (from the 2022 report), filled in, never imported
    assert yoy("plan", "--region", "新余市", "--kind", "fazhi", "--year", "2022") == \
        "plan sheet: output/新余市/fazhi-2023-plan.xlsx\n"
    plan = tmp_path / "output" / "新余市" / "fazhi-2023-plan.xlsx"
    task = row_ids(plan, "工作台账", "m")[0]
    edit(plan, "工作台账", task, 一季度进展情况="已印发实施方案", 一季度完成状态="推进中",
         牵头单位="市司法局")

    # spring: the comparison of 2021 with 2022, reviewed, never imported
    yoy("compare", "--region", "新余市", "--kind", "fazhi", "--from", "2021", "--to", "2022")
    ledger = tmp_path / "output" / "新余市" / "fazhi-2021-2022.xlsx"
    measure = row_ids(ledger, "举措跟踪", "m")[0]
    problem = row_ids(ledger, "问题整改")[0]
    edit(ledger, "举措跟踪", measure, 复核状态="部分落实", 复核意见="只见方案未见成效",
         复核人="王五")
    edit(ledger, "问题整改", problem, 复核状态="仍存在")

    printed = yoy("run")
    assert "output/新余市/fazhi-2021-2022.xlsx: 4 typed cells not yet in the store imported into " \
           "reports/reviews/新余市-fazhi-2021-2022.yaml" in printed
    assert "output/新余市/fazhi-2023-plan.xlsx: 3 typed cells not yet in the store imported into " \
           "reports/reviews/新余市-fazhi-2023-plan.yaml" in printed
    yoy("run", "--lang", "en")

    reviews = yaml.safe_load(
        (tmp_path / "reports/reviews/新余市-fazhi-2021-2022.yaml").read_text(encoding="utf-8"))
    assert {k: v for k, v in reviews["commitments"][measure].items() if k != "text"} == {
        "status": "partial", "note": "只见方案未见成效", "reviewed_by": "王五"}
    assert reviews["shortcomings"][problem]["status"] == "unresolved"
    office = yaml.safe_load(
        (tmp_path / "reports/reviews/新余市-fazhi-2023-plan.yaml").read_text(encoding="utf-8"))
    assert {k: v for k, v in office["measures"][task].items() if k != "text"} == {
        "progress": {"q1": "已印发实施方案"}, "status": {"q1": "in_progress"}, "lead": "市司法局"}
    # in both languages' workbooks, side by side
    en_ledger, en_plan = (p.with_name(p.stem + "-en.xlsx") for p in (ledger, plan))
    assert (cell(ledger, "举措跟踪", measure, "复核意见"), cell(en_ledger, "Measures", measure,
                                                        "Reviewer note")) \
        == ("只见方案未见成效", "只见方案未见成效")
    assert (cell(ledger, "问题整改", problem, "复核状态"), cell(en_ledger, "Shortcomings", problem,
                                                        "Reviewer status")) \
        == ("仍存在", "Unresolved")
    assert cell(plan, "工作台账", task, "一季度进展情况") == "已印发实施方案"
    assert cell(en_plan, "Plan tracker", task, "Q1 progress") == "已印发实施方案"
    assert (tmp_path / "output" / "新余市" / "fazhi-tracker.xlsx").is_file()
    assert (tmp_path / "output" / "新余市" / "fazhi-tracker-en.xlsx").is_file()
