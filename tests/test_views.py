"""compare.views: the DataFrames of a comparison, the panel of a store, `yoy export --panel`."""
from collections import Counter
from typing import get_args

import pandas as pd
import pytest
from click.testing import CliRunner

from compare import YoyError, compare_reports, load_report, views
from compare.cli import main
from compare.schema import CommitmentStatus, ShortcomingStatus, Verdict
from tests.support import STORE, copy_store


def stored(region: str, year: int):
    return load_report(STORE / str(year) / f"{region}-gov-work-report.yaml")


@pytest.fixture(scope="module")
def cmp():
    return compare_reports(stored("国务院", 2021), stored("国务院", 2022))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return copy_store(tmp_path_factory.mktemp("panel") / "store", ("国务院",))


def test_ledger_and_sections(cmp):
    ledger, sections = views.ledger(cmp), views.plan_sections(cmp)
    assert len(ledger) == len(cmp.commitments)
    assert ledger.status.dtype == "category" and ledger.status.cat.categories.tolist() == list(
        get_args(CommitmentStatus))
    row = ledger[ledger.text == "大型商业银行普惠小微企业贷款增长30%以上"].iloc[0]
    assert (row.planned, row.status, row.cues) == ("30%以上", "delivered", "超过40%")
    assert row.evidence_at.startswith("2022年报告 一、")
    # a section's counts add up to its measures
    s31 = sections[sections.section_id == "s3.1"].iloc[0]
    assert s31.delivered + s31.partial + s31.not_reported == (ledger.section_id == "s3.1").sum()
    assert s31.label == "三、（一）"


def test_shortcomings_view(cmp):
    frame = views.shortcomings(cmp)
    assert frame.status.cat.categories.tolist() == list(get_args(ShortcomingStatus))
    assert frame.shortcoming_id.tolist() == [s.shortcoming_id for s in cmp.shortcomings]
    assert frame.status.tolist() == [s.status for s in cmp.shortcomings]
    cited = [s for s in cmp.shortcomings if s.evidence][0]
    assert frame.set_index("shortcoming_id").loc[cited.shortcoming_id,
                                                 "evidence_at"] == cited.evidence[0].location


def test_diffs_view(cmp):
    frame = views.diffs(cmp)
    assert len(frame) == sum(len(d.pairs) for d in cmp.diffs)
    assert set(frame.loc[frame.old.isna(), "change"]) == {"added"}
    assert set(frame.loc[frame.new.isna(), "change"]) == {"removed"}
    both = frame[frame.old.notna() & frame.new.notna()]
    assert ((both.change == "same") == (both.old == both.new)).all() and (
        both.change == "edited").any()
    # sections are named as printed, label and heading
    first = frame.iloc[0]
    assert (first.old_section, first.new_section) == ("一、2020年工作回顾", "一、2021年工作回顾")


def test_targets_view_has_categorical_verdicts(cmp):
    frame = views.targets(cmp)
    assert frame.verdict.cat.categories.tolist() == list(get_args(Verdict))
    gdp = frame[frame.indicator == "国内生产总值"].iloc[0]
    assert (gdp.low, gdp.actual, gdp.verdict) == (6.0, 8.1, "met")


def test_the_panel_status_vocabulary_is_both_rows_vocabularies():
    assert list(get_args(views.PanelStatus)) == list(
        dict.fromkeys([*get_args(CommitmentStatus), *get_args(Verdict)]))


def test_panel_one_row_per_measure_and_target_of_every_pair_with_reviews(store):
    from compare.store.reviews import ReviewEntry, Reviews, reviews_path, save_reviews
    first = compare_reports(stored("国务院", 2021), stored("国务院", 2022))
    measure, target = first.commitments[3], next(t for t in first.targets
                                                 if t.verdict == "not_reported")
    save_reviews(Reviews(region="国务院", kind="gov-work-report", old_year=2021, new_year=2022,
                         commitments={measure.commitment_id: ReviewEntry(
                             status="not_delivered", note="核实")},
                         targets={target.target_id: ReviewEntry(status="met")}),
                 reviews_path(store, "国务院", "gov-work-report", 2021, 2022))
    frame = views.panel(store)
    assert frame.groupby(["year", "reviewed_in", "row"], observed=True).size().to_dict() == {
        (2021, 2022, "measure"): len(first.commitments), (2021, 2022, "target"): len(first.targets),
        (2022, 2023, "measure"): len(
            compare_reports(stored("国务院", 2022), stored("国务院", 2023)).commitments),
        (2022, 2023, "target"): len(
            compare_reports(stored("国务院", 2022), stored("国务院", 2023)).targets)}
    assert frame.status.cat.categories.tolist() == list(get_args(views.PanelStatus))
    counted = frame[frame.year == 2021].groupby(["row", "status"], observed=True).size().to_dict()
    assert counted == {**Counter(("measure", c.status) for c in first.commitments),
                       **Counter(("target", t.verdict) for t in first.targets)}
    row = frame[(frame.year == 2021) & (frame.id == measure.commitment_id)].iloc[0]
    assert (row.row, row.status, row.review_status, row.review_note) == (
        "measure", measure.status, "not_delivered", "核实")
    assert row.section.startswith("".join(first.plan_sections[0].label_path[:1]))
    assert row.evidence_at == (measure.evidence[0].location if measure.evidence else None)
    row = frame[(frame.year == 2021) & (frame.id == target.target_id)].iloc[0]
    assert (row.row, row.indicator, row.text, row.status, row.review_status) == \
        ("target", target.indicator, target.text, "not_reported", "met")
    assert target.actual is None and pd.isna(row.actual)
    assert frame.review_status.notna().sum() == 2  # no other pair's row picks them up


def test_a_bad_file_stops_the_panel_naming_it(tmp_path):
    store = copy_store(tmp_path / "store", ("国务院",))
    (store / "2022" / "国务院-gov-work-report.yaml").write_text("kind: [", encoding="utf-8")
    with pytest.raises(YoyError) as e:
        views.panel(store)
    assert e.value.where == str(
        store / "2022" / "国务院-gov-work-report.yaml") and "not valid YAML" in e.value.reason


def test_export_panel_as_csv_parquet_and_to_stdout(store, tmp_path):
    expected = views.panel(store)
    runner = CliRunner()
    for name in ("panel.csv", "panel.parquet"):
        done = runner.invoke(main, ["export", "--panel", str(tmp_path / name), "--store",
                                    str(store)])
        assert done.exit_code == 0, done.stderr
        assert done.stdout == f"panel: {len(expected)} rows in {tmp_path / name}\n"
    back = pd.read_parquet(tmp_path / "panel.parquet")
    pd.testing.assert_frame_equal(back, expected)
    # a UTF-8 BOM, so that Excel on a Chinese Windows opens it by double-click (UA 2026-12-05:
    # mojibake without); pandas reads the columns by their names all the same
    assert (tmp_path / "panel.csv").read_bytes().startswith(b"\xef\xbb\xbfregion,kind,")
    csv = pd.read_csv(tmp_path / "panel.csv")
    assert csv.columns.tolist() == views.PANEL_COLUMNS and len(csv) == len(expected)
    assert csv.id.tolist() == expected.id.tolist()
    assert csv.status.tolist() == expected.status.tolist()
    piped = runner.invoke(main, ["export", "--panel", "-", "--store", str(store)])
    assert piped.exit_code == 0 and piped.stdout_bytes == (tmp_path / "panel.csv").read_bytes()
    assert piped.stderr == f"panel: {len(expected)} rows\n"


def test_export_panel_refuses_other_formats_and_says_how_to_get_parquet(
        store, tmp_path, monkeypatch):
    done = CliRunner().invoke(main, ["export", "--panel", str(tmp_path / "panel.xls"), "--store",
                                     str(store)])
    assert done.exit_code == 2 and "a panel is written as .csv, .xlsx or .parquet" in done.stderr
    assert not (tmp_path / "panel.xls").exists()
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow"
                        else real(name, *a))
    done = CliRunner().invoke(main, ["export", "--panel", str(tmp_path / "p.parquet"), "--store",
                                     str(store)])
    assert done.exit_code == 2 and not (tmp_path / "p.parquet").exists()
    assert done.stderr == f"yoy: error: {tmp_path / 'p.parquet'}: writing Parquet needs pyarrow; " \
                          "pip install 'yoy[parquet]'\n"


def test_the_panel_carries_what_the_workbook_shows_on_a_real_pair(tmp_path):
    """2026-12-04's reviewer, 广东省 2024→2025: the panel's measures had no reported figures and one
    planned figure of three (mf01559cccf: 87%), its targets no planned value and no evidence_at."""
    from compare.workbook.plan_targets import target_value
    from compare.workbook.template import load_template
    from tests.support import local2, sheet_rows
    store = tmp_path / "store"
    for year in (2024, 2025):
        assert CliRunner().invoke(main, ["ingest", str(local2("广东省", year)),
                                         "--store", str(store)]).exit_code == 0
    book = tmp_path / "wb.xlsx"
    assert CliRunner().invoke(main, ["compare", "--store", str(store), "--region", "广东省",
                                     "--kind", "gov-work-report", "--from", "2024", "--to",
                                     "2025", "-o", str(book)]).exit_code == 0
    frame = views.panel(store)
    measures = frame[frame.row == "measure"].set_index("id")
    shown = {r["ID"]: r for r in sheet_rows(book, "举措跟踪") if r["ID"]}
    assert set(shown) == set(measures.index)
    for column, header in (("planned", "计划数"), ("reported", "实际数"),
                           ("evidence_at", "证据位置")):
        assert {i: v for i, v in measures[column].items() if pd.notna(v)} == \
            {i: str(r[header]) for i, r in shown.items() if r[header] is not None}, column
    assert measures.loc["mf01559cccf", "planned"] == "超5000公里；240座；87%"
    # was 0; 12 since 扎实办好十件民生实事 is no heading (its 十件 a figure as 10件 is), a row its
    # review reports (全面完成省十件民生实事: 十件)
    assert measures.reported.notna().sum() == 12
    targets = frame[frame.row == "target"]
    tpl = load_template()
    cmp = compare_reports(load_report(store / "2024" / "广东省-gov-work-report.yaml"),
                          load_report(store / "2025" / "广东省-gov-work-report.yaml"))
    assert targets.planned.fillna("").tolist() == [target_value(t, tpl, "zh") or ""
                                                   for t in cmp.targets]
    assert targets.planned.notna().sum() == sum(t.comparator != "qualitative" for t in cmp.targets)
    assert (targets.evidence.notna() == targets.evidence_at.notna()).all()
    assert targets.evidence_at.dropna().str.startswith("2025年报告 ").all()


@pytest.mark.parametrize(("lang", "sheets"), [("zh", ["面板数据", "说明"]),
                                              ("en", ["Panel", "Legend"])])
def test_export_panel_as_xlsx_with_its_columns_explained(store, tmp_path, lang, sheets):
    """A panel a journalist opens in Excel (UA 2026-12-05: .xlsx was refused, the columns
    explained only in docs/api.md): the CSV's columns and rows, and a 说明 sheet with a line for
    every column."""
    import openpyxl

    from compare.workbook.template import load_template
    expected = views.panel(store)
    path = tmp_path / "panel.xlsx"
    done = CliRunner().invoke(main, ["export", "--panel", str(path), "--store", str(store),
                                     "--lang", lang])
    assert done.exit_code == 0, done.stderr
    assert done.stdout == f"panel: {len(expected)} rows in {path}\n"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == sheets
    rows = list(book[sheets[0]].values)
    assert list(rows[0]) == views.PANEL_COLUMNS and len(rows) == len(expected) + 1
    back = pd.DataFrame(rows[1:], columns=rows[0])
    assert back.id.tolist() == expected.id.tolist()
    assert back.status.tolist() == expected.status.astype(str).tolist()
    assert back.year.tolist() == expected.year.tolist()
    # a missing value is an empty cell, a flag a flag
    assert back.actual.isna().tolist() == expected.actual.isna().tolist()
    assert set(back.carried_over.dropna()) <= {True, False}
    legend = dict(book[sheets[1]].iter_rows(min_row=2, values_only=True))
    help_ = {c.key: c.help.get(lang) for c in load_template().sheets.panel.columns if c.help}
    assert all(legend.get(column) == help_[column] for column in views.PANEL_COLUMNS)
    # the same bytes again
    first = path.read_bytes()
    assert CliRunner().invoke(main, ["export", "--panel", str(path), "--store", str(store),
                                     "--lang", lang]).exit_code == 0
    assert path.read_bytes() == first


def test_the_panel_reads_the_pairs_yoy_run_would_skip_from_its_outputs(tmp_path, monkeypatch):
    """`yoy export --panel` compared every pair again (UA 2026-12-05: 165 s on a 312-report store,
    as long as the run): the pairs `yoy run` would skip now are read from its JSON, the same rows;
    a pair whose report changed since is compared again, not read stale."""
    import compare.engine
    from tests.support import edit_in_place
    store = copy_store(tmp_path / "store", ("国务院",))
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["run", "--store", str(store), "--out", str(out),
                                     "--jobs", "1"]).exit_code == 0
    made = views.panel(store)
    real = compare.engine.compare_reports
    compared: list[int] = []

    def counted(old, new, **kw):
        compared.append(old.year)
        return real(old, new, **kw)

    monkeypatch.setattr(compare.engine, "compare_reports", counted)
    pd.testing.assert_frame_equal(views.panel(store, out=out), made)
    assert compared == []
    # 2023's report reworded in place (same size and time): its pair is made again, 2021's read
    path = store / "2023" / "国务院-gov-work-report.yaml"
    raw = path.read_text(encoding="utf-8")
    line = next(f"text: {c.text}\n" for c in load_report(path).commitments
                if raw.count(f"text: {c.text}\n") == 1)
    edit_in_place(path, line, line.replace(line[6:10], line[6:10][::-1]))
    changed = views.panel(store, out=out)
    assert compared == [2022]
    monkeypatch.setattr(compare.engine, "compare_reports", real)
    pd.testing.assert_frame_equal(changed, views.panel(store))
    # another store's outputs are not read
    other = copy_store(tmp_path / "other", ("国务院",))
    monkeypatch.setattr(compare.engine, "compare_reports", counted)
    compared.clear()
    views.panel(other, out=out)
    assert sorted(compared) == [2021, 2022]
