"""yoy run over a whole store: pairs, incremental reruns, failures, the multi-year tracker."""
import shutil

import pytest
import yaml
from click.testing import CliRunner
from conftest import STORE
from openpyxl import load_workbook

from compare.cli import main
from compare.run import find_pairs, load_series, run_store


@pytest.fixture
def store(tmp_path):
    """The shipped 国务院 and 新余市 reports (the district series would only slow these runs down)."""
    s = tmp_path / "reports"
    shutil.copytree(STORE, s, ignore=lambda d, names: [n for n in names if n.startswith(("盐田区", "龙华区"))])
    return s


def test_pairs_are_consecutive_reports_of_one_series():
    pairs = [(p.region, p.kind, p.old_year, p.new_year) for p in find_pairs(load_series(STORE))]
    assert pairs == [("国务院", "gov-work-report", 2021, 2022), ("国务院", "gov-work-report", 2022, 2023)] + [
        ("盐田区", "gov-work-report", y, y + 1) for y in range(2020, 2025)]


def test_run_writes_everything_then_skips_unchanged(store, tmp_path):
    out = tmp_path / "out"
    first = run_store(store, out, jobs=2)
    assert len(first.done) == 2 and not first.skipped and not first.failed
    for name in ("gov-work-report-2021-2022.xlsx", "gov-work-report-2022-2023.xlsx", "gov-work-report-tracker.xlsx"):
        assert (out / "国务院" / name).is_file()
    again = run_store(store, out, jobs=2)
    assert len(again.skipped) == 2 and not again.done
    review = store / "reviews" / "国务院-gov-work-report-2022-2023.yaml"
    review.parent.mkdir(exist_ok=True)
    review.write_text("region: 国务院\nkind: gov-work-report\nold_year: 2022\nnew_year: 2023\n"
                      "commitments:\n  c1: {status: partial, note: 待补材料}\n", encoding="utf-8")
    third = run_store(store, out, jobs=1)
    assert [(p.old_year, p.new_year) for p in third.done] == [(2022, 2023)] and len(third.skipped) == 1
    assert len(run_store(store, out, jobs=1, force=True).done) == 2


def test_one_failing_pair_does_not_stop_the_run(store, tmp_path, monkeypatch):
    import compare.pipeline
    real = compare.pipeline.compare_pair

    def flaky(old, new, **kw):
        if "2022" in str(old):
            raise RuntimeError("boom")
        return real(old, new, **kw)
    monkeypatch.setattr(compare.pipeline, "compare_pair", flaky)
    result = CliRunner().invoke(main, ["run", "--store", str(store), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "boom" in result.stderr and "2022→2023" in result.stderr
    assert result.stdout.splitlines()[1].split() == ["2", "1", "0", "1"]  # pairs, done, skipped, failed
    assert (tmp_path / "out" / "国务院" / "gov-work-report-2021-2022.xlsx").is_file()


def test_tracker_follows_commitments_and_targets(store, tmp_path):
    out = tmp_path / "out"
    run_store(store, out, jobs=1)
    wb = load_workbook(out / "国务院" / "gov-work-report-tracker.xlsx")
    threads, targets = wb.worksheets
    header = [c.value for c in threads[1]]
    assert header == ["线索", "连续年数", "计划年份", "编号", "计划内容", "次年落实", "复核"]
    steps = list(threads.iter_rows(min_row=2, values_only=True))
    assert {s[2] for s in steps} == {2021, 2022, 2023}
    stored = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(STORE.glob("*/国务院-*.yaml"))]
    assert len(steps) == sum(len(r["commitments"]) for r in stored)  # every measure of every year, once
    recurring = [s for s in steps if s[1] >= 1]
    assert recurring  # some 2021 plan items are planned again
    thread = [s for s in steps if s[0] == recurring[0][0]]
    assert len(thread) == recurring[0][1] + 1 and [s[2] for s in thread] == sorted(s[2] for s in thread)
    assert all(s[5] in ("已落实", "部分落实", "未见报告") for s in steps if s[2] < 2023)  # template labels
    gdp = [r for r in targets.iter_rows(min_row=2, values_only=True) if r[0] == "国内生产总值"]
    assert [(r[1], r[6], r[7]) for r in gdp] == [(2021, 8.1, "已完成"), (2022, 3.0, "未完成"), (2023, None, None)]
    assert targets._charts  # one line chart per indicator series


def test_a_broken_report_is_reported_and_the_run_goes_on(store, tmp_path):
    (store / "2021" / "新余市-fazhi.yaml").write_text("kind: fazhi\nyear: [", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "--store", str(store), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "新余市-fazhi.yaml: not valid YAML" in result.stderr
    assert (tmp_path / "out" / "国务院" / "gov-work-report-2022-2023.xlsx").is_file()


def test_a_thread_takes_one_plan_item_a_year():
    """Two plan items of one year that both resemble one of the year before: only one continues it."""
    from compare.ingest import ingest_text
    from compare.tracker import threads

    def report(year, *plans):
        lines = [f"某县{year}年度法治政府建设情况", "一、主要举措和成效", *["推进依法行政。" * 20] * 3,
                 f"二、{year + 1}年工作计划", *(f"（{'一二三'[i]}）{p}" for i, p in enumerate(plans))]
        return ingest_text("\n".join(lines), kind="fazhi")
    old = report(2021, "加强法治宣传教育，落实普法责任制。", "深化行政复议体制改革，健全行政复议案件审理机制。")
    new = report(2022, "深化行政复议体制改革，完善行政复议案件审理机制。", "深化行政复议体制改革，提升行政复议案件审理质量。")
    found = threads([old, new], {}, {})
    # each plan sentence is two measures; the shared 深化行政复议体制改革 continues, once a year
    assert sorted(len(t.steps) for t in found) == [1, 1, 1, 1, 2, 2]
    assert all(len({s["year"] for s in t.steps}) == len(t.steps) for t in found)
    assert all(len({s["year"] for s in t.steps}) == len(t.steps) for t in found)
