"""Nothing an office typed into its 台账 is lost or lands on another row (issue 20's reliability
sweep, plan-sheet side): older sheets, re-titled headers, re-ingested reports, other periods,
percentages, IDs out of step, merged cells, a sheet of another unit, added columns, formulas,
cleared cells. Each case is a warning that names what happened, or a refusal; never silence."""
from __future__ import annotations

import json
from datetime import datetime

import openpyxl
import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.errors import YoyError
from compare.ingest import ingest_text
from compare.jobs.plan import plan_report
from compare.jobs.plan_merge import import_plan
from compare.jobs.run import run_store
from compare.store import report_path, save_report
from compare.store.plan_entries import entries_path, load_entries
from tests.support import SEED, copy_store, sheet_rows, type_into

SHEET = "工作台账"


@pytest.fixture
def store(tmp_path):
    return copy_store(tmp_path / "store", ("新余市",))


def sheet(store, tmp_path, **kwargs):
    return (plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                        out=tmp_path / "out", **kwargs).path)


def ids(path) -> dict[str, str]:
    """A few measures of the seed by a fragment of their text → their ID."""
    rows = sheet_rows(path, SHEET)
    return {frag: next(r["ID"] for r in rows if frag in (r["具体举措"] or ""))
            for frag in ("一号改革工程", "八五", "固定列席", "五型")}


def stored(store):
    return load_entries(entries_path(store, "新余市", "fazhi", 2022))


def edit(path, change) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def coords(path, rid: str, header: str) -> str:
    ws = openpyxl.load_workbook(path)[SHEET]
    col = next(c.column_letter for c in ws[2] if c.value == header)
    row = next(c.row for c in ws["A"] if c.row > 2 and ws.cell(c.row, ws.max_column).value == rid)
    return f"{col}{row}"


def test_an_older_sheet_never_reverts_newer_entries(store, tmp_path):
    """(b) The office imports the March copy after the June one: the cells March left as they were
    do not revert June's statuses (said); a cell March changed that June changed too is refused
    with both values, nothing imported (ua22a H2: whenever March was saved); made to agree, the
    rest of March is taken."""
    m = ids(sheet(store, tmp_path))
    first = sheet(store, tmp_path)
    type_into(first, SHEET, {m["八五"]: {"一季度完成状态": "序时推进"},
                             m["五型"]: {"一季度完成状态": "未启动"}})
    import_plan(first, store)
    march = tmp_path / "march.xlsx"
    march.write_bytes(sheet(store, tmp_path).read_bytes())   # shows 序时推进 and 未启动
    june = sheet(store, tmp_path)
    type_into(june, SHEET, {m["八五"]: {"一季度完成状态": "已完成"},
                            m["五型"]: {"一季度完成状态": "滞后"}})
    import_plan(june, store)
    type_into(march, SHEET, {m["五型"]: {"一季度完成状态": "序时推进",
                                       "二季度进展情况": "三月补报"}})
    with pytest.raises(YoyError) as refused:
        import_plan(march, store)
    assert (f"工作台账 {m['五型']} 一季度完成状态 (the store's 'lagging', this file's "
            "'in_progress')") in refused.value.reason
    assert stored(store).measures[m["五型"]].progress == {}
    type_into(march, SHEET, {m["五型"]: {"一季度完成状态": "滞后"}})
    _, entries, warnings = import_plan(march, store)
    assert entries.measures[m["八五"]].status == {"q1": "done"}
    assert (entries.measures[m["五型"]].status, entries.measures[m["五型"]].progress) == (
        {"q1": "lagging"}, {"q2": "三月补报"})
    # named by the sheet's names, as a refusal names a cell (left23)
    [kept] = [w for w in warnings if "is newer than the workbook's" in w]
    assert kept.startswith(f"工作台账 {m['八五']} ('") and kept.endswith(
        ") 一季度完成状态: the store's 'done' is newer than the workbook's unchanged "
        "'in_progress'; kept"), kept


def test_wrapped_renamed_and_added_headers_are_read_or_named(store, tmp_path):
    """(c, u) Headers wrapped onto two lines or written another way are read; a re-titled column of
    yoy's is matched and said; a column the office added is stored, said, and shown again."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"一季度完成状态": "滞后", "二季度完成状态": "序时推进",
                                      "三季度进展情况": "推进中",
                                      "存在问题": "经费不足"}})

    def retitle(wb):
        ws = wb[SHEET]
        new = {"一季度完成状态": "一季度\n完成状态", "二季度完成状态": "Q2完成状态",
               "三季度进展情况": "第三季度 进展",
               "存在问题": "存在的主要问题"}
        for c in ws[2]:
            c.value = new.get(c.value, c.value)
        ws.cell(2, ws.max_column + 1).value = "督办意见"
        ws.cell(next(c.row for c in ws["A"]
                     if ws.cell(c.row, ws.max_column - 1).value == m["八五"]),
                ws.max_column).value = "请加快进度"
    edit(path, retitle)
    _, entries, warnings = import_plan(path, store)
    entry = entries.measures[m["八五"]]
    assert (entry.status, entry.progress, entry.problem) == ({"q1": "lagging", "q2": "in_progress"},
                                                             {"q3": "推进中"},
                                                           "经费不足")
    assert entry.extra == {"督办意见": "请加快进度"}
    assert any("column '存在的主要问题' is read as '存在问题'" in w for w in warnings)
    assert any("column '督办意见' is not one of yoy's; its entries are stored and shown again" in w
               for w in warnings)
    again = {r["ID"]: r for r in sheet_rows(sheet(store, tmp_path), SHEET)}
    assert again[m["八五"]]["督办意见"] == "请加快进度"


def test_a_column_yoy_cannot_place_is_named_not_dropped(store, tmp_path):
    """(c) An old sheet (no record of the columns yoy wrote) with a column yoy does not know."""
    path = sheet(store, tmp_path)
    m = ids(path)

    def unknown(wb):
        ws = wb[SHEET]
        ws.cell(2, ws.max_column + 1).value = "第五季度评价"
        ws.cell(4, ws.max_column).value = "好"
        info = wb["_yoy"]
        for row in info.iter_rows(min_row=2):
            if row[0].value == "columns":
                row[0].value = "columns-was"   # as a sheet written before yoy recorded them
    edit(path, unknown)
    type_into(path, SHEET, {m["八五"]: {"一季度完成状态": "已完成"}})
    _, entries, warnings = import_plan(path, store)
    assert entries.measures[m["八五"]].status == {"q1": "done"}
    assert any(
        "column '第五季度评价' is not one yoy reads; its 1 filled cells are not imported" in w
        for w in warnings)


def test_entries_of_a_reworded_measure_follow_it(store, tmp_path):
    """(f) The report is re-ingested with a measure reworded (a new content id): the office's entry
    follows the row whose text matches, with a warning, in the sheet and in the store."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"二季度完成状态": "已完成",
                                      "二季度进展情况": "普法规划已印发"}})
    import_plan(path, store)
    text = SEED.read_text(encoding="utf-8").replace("大力实施“八五”普法规划",
                                                    "全面实施“八五”普法规划")
    save_report(ingest_text(text, kind="fazhi"), report_path(store, 2021, "新余市", "fazhi"),
                overwrite=True)
    written = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                          out=tmp_path / "out")
    row = next(r for r in sheet_rows(written.path, SHEET)
               if "全面实施“八五”" in (r["具体举措"] or ""))
    assert row["ID"] != m["八五"] and row["二季度进展情况"] == "普法规划已印发" and row[
        "二季度完成状态"] == "已完成"
    # named by the file (ua24: "measures: the office's entry of …" named none)
    assert any(w.startswith(f"{written.path}: measures: the office's entry of {m['八五']} is "
                            f"re-attached to {row['ID']}") for w in written.warnings), \
        written.warnings
    type_into(written.path, SHEET, {row["ID"]: {"三季度完成状态": "已完成"}})
    _, entries, warnings = import_plan(written.path, store)
    assert m["八五"] not in entries.measures and entries.measures[row["ID"]].status == {
        "q2": "done", "q3": "done"}


def test_run_keeps_the_sheets_periods_and_never_hides_other_periods(store, tmp_path):
    """(g) A half-yearly 台账 stays half-yearly through `yoy run`; switching a monthly 台账 to
    quarters lists the monthly entries on a sheet of their own, with a warning."""
    half = sheet(store, tmp_path, periods="half")
    run = run_store(store, tmp_path / "out", jobs=1)
    assert run.failed == [] and half in run.plans
    assert [h for h in sheet_rows(half, SHEET)[0] if h.endswith("完成状态")] == [
        "上半年完成状态", "下半年完成状态"]
    month = sheet(store, tmp_path, periods="month")
    m = ids(month)
    type_into(month, SHEET, {m["八五"]: {"7月完成状态": "滞后", "7月进展情况": "七月进展"}})
    import_plan(month, store)
    again = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                        out=tmp_path / "out",
                        periods="quarter")
    assert any("entries of m7 are not among the quarter columns" in w for w in again.warnings)
    assert [(r["填报期间"], r["进展情况"], r["完成状态"], r["ID"])
            for r in sheet_rows(again.path, "其他期间填报")] == [
        ("7月", "七月进展", "滞后", m["八五"])]


def test_percentages_and_numbers_typed_into_actual_keep_their_meaning(tmp_path):
    """(h) 5.2% typed into 实际值 (Excel keeps 0.052 with a % format) is 5.2 in a %
    row; 1100 stays 1100."""
    store = copy_store(tmp_path / "store", ("国务院",))
    path = (plan_report(report_path(store, 2021, "国务院", "gov-work-report"), store=store,
                        out=tmp_path / "out").path)
    rows = {r["指标"]: r["ID"] for r in sheet_rows(path, "目标任务")}

    def actuals(wb):
        ws = wb["目标任务"]
        col = next(c.column for c in ws[2] if c.value == "实际值")
        for r in range(3, ws.max_row + 1):
            name = ws.cell(r, 2).value
            if name == "国内生产总值":
                ws.cell(r, col).value, ws.cell(r, col).number_format = 0.081, "0.0%"
            elif name == "城镇新增就业":
                ws.cell(r, col).value = 1269
            elif name == "粮食产量":
                ws.cell(r, col).value, ws.cell(r, col).number_format = 0.02, "0%"
    edit(path, actuals)
    _, entries, _ = import_plan(path, store)
    assert {k: entries.targets[rows[k]].actual for k in ("国内生产总值", "城镇新增就业",
                                                         "粮食产量")} == {
        "国内生产总值": "8.1", "城镇新增就业": "1269", "粮食产量": "2%"}


def test_an_id_column_out_of_step_never_moves_input_to_another_row(store, tmp_path):
    """(i) The IDs were pasted one row down: each row's input goes to the measure its text is."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"一季度完成状态": "已完成"},
                            m["固定列席"]: {"一季度完成状态": "滞后"}})

    def shift(wb):
        ws = wb[SHEET]
        col = ws.max_column
        values = [ws.cell(r, col).value for r in range(3, ws.max_row + 1)]
        for r, v in zip(range(3, ws.max_row + 1), values[-1:] + values[:-1], strict=True):
            ws.cell(r, col).value = v
    edit(path, shift)
    _, entries, warnings = import_plan(path, store)
    assert entries.measures[m["八五"]].status == {"q1": "done"} and entries.measures[
        m["固定列席"]].status == {
        "q1": "lagging"}
    assert len(entries.measures) == 2
    assert sum("is not the ID of its text" in w and "its entries go to" in w for w in warnings) == 2
    with pytest.raises(YoyError, match="is not the ID of its text"):
        import_plan(path, store, strict=True)


def test_a_merged_unit_cell_reaches_every_row_it_spans(store, tmp_path):
    """(j) 牵头单位 merged over three rows belongs to each of them but a task's (whose unit would
    fill the task's other measures too: review 2026-12-04, eighth session)."""
    path = sheet(store, tmp_path)
    rows = sheet_rows(path, SHEET)
    first = next(i for i, r in enumerate(rows) if isinstance(r["序号"], int))

    def merge(wb):
        ws = wb[SHEET]
        ws.cell(first + 3, 4).value = "市司法局"
        ws.merge_cells(start_row=first + 3, start_column=4, end_row=first + 5, end_column=4)
    edit(path, merge)
    _, entries, _ = import_plan(path, store)
    spanned = rows[first:first + 3]
    assert {r["ID"]: e.lead for r in spanned if (e := entries.measures.get(r["ID"]))} == {
        r["ID"]: "市司法局" for r in spanned if isinstance(r["序号"], int)}
    assert any(not isinstance(r["序号"], int) for r in spanned)


def test_a_sheet_whose_region_was_edited_is_refused(tmp_path):
    """(n) A 盐田区 sheet whose _yoy says 国务院 must not file 盐田区's entries under 国务院."""
    store = copy_store(tmp_path / "store", ("国务院", "盐田区"))
    path = (plan_report(report_path(store, 2021, "盐田区", "gov-work-report"), store=store,
                        out=tmp_path / "o").path)
    rid = next(r["ID"] for r in sheet_rows(path, SHEET) if isinstance(r["序号"], int))
    type_into(path, SHEET, {rid: {"一季度完成状态": "已完成"}})

    def region(wb):
        for row in wb["_yoy"].iter_rows(min_row=2):
            if row[0].value == "region":
                row[1].value = "国务院"
    edit(path, region)
    with pytest.raises(YoyError, match="not a sheet of the stored 国务院 2021 report"):
        import_plan(path, store)
    assert not entries_path(store, "国务院", "gov-work-report", 2021).exists()


def test_formulas_typed_over_and_cleared_cells_are_said(store, tmp_path):
    """(u, v) A formula the office typed is kept as its text; a value typed
    over 当前状态 is not read; a cell cleared in a sheet showing the store's value clears it
    (ua19 M2: a 存在问题 solved came back), and says so."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"一季度完成状态": "序时推进", "备注": "省里方案未出",
                                      "存在问题": "受疫情影响"}})
    import_plan(path, store)
    path = sheet(store, tmp_path)
    type_into(path, SHEET, {m["八五"]: {"备注": None, "当前状态": "已完成",
                                      "二季度进展情况": '=CONCAT("已","印发")'}})
    _, entries, warnings = import_plan(path, store)
    entry = entries.measures[m["八五"]]
    assert (entry.note, entry.problem, entry.status, entry.progress) == (
        None, "受疫情影响", {"q1": "in_progress"}, {"q2": '=CONCAT("已","印发")'})
    said = [w.split(": ", 1)[1] for w in warnings]
    assert (f"sheet {SHEET} cell {coords(path, m['八五'], '备注')}: cleared; '省里方案未出' is "
            "removed from the store") in said
    assert (f"sheet {SHEET} cell {coords(path, m['八五'], '二季度进展情况')}: a formula, kept as "
            "its text '=CONCAT(\"已\",\"印发\")', which the file written again shows instead of "
            "its result (type the value itself to keep the value)") in said
    assert any(f"cell {coords(path, m['八五'], '当前状态')}: 当前状态 is computed from the period "
               "columns" in w
               for w in said)


def test_a_cell_cleared_in_an_older_sheet_never_erases_a_newer_entry(store, tmp_path):
    """(ua19 M2) A cell cleared in a sheet written before the store's value changed is left empty
    by an older copy, not cleared by a person who saw that value: the newer entry is kept, said;
    a cell never filled and left empty changes nothing and says nothing."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"存在问题": "受疫情影响，征求意见推迟"}})
    import_plan(path, store)
    older = tmp_path / "older.xlsx"
    older.write_bytes(sheet(store, tmp_path).read_bytes())     # shows 受疫情影响…
    newer = sheet(store, tmp_path)
    type_into(newer, SHEET, {m["八五"]: {"存在问题": "省里方案未出"}})
    import_plan(newer, store)
    type_into(older, SHEET, {m["八五"]: {"存在问题": None, "二季度完成状态": "已完成"}})
    _, entries, warnings = import_plan(older, store)
    entry = entries.measures[m["八五"]]
    assert (entry.problem, entry.status) == ("省里方案未出", {"q2": "done"})
    at = coords(older, m["八五"], "存在问题")
    assert [w for w in warnings if "cleared" in w] == [
        f"{older}: sheet {SHEET} cell {at}: cleared, but the store's '省里方案未出' is newer than "
        "this sheet; kept"]


def test_a_status_typed_over_the_computed_one_stops_the_rewrite(store, tmp_path):
    """已完成 typed into 当前状态 (a formula) cannot be read (which period?); a rewrite of the 台账
    would replace it by the formula again: it stops as for any typed cell yoy cannot take."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"当前状态": "已完成"}})
    at = coords(path, m["八五"], "当前状态")
    before = path.read_bytes()
    res = CliRunner().invoke(main, ["plan", str(report_path(store, 2021, "新余市", "fazhi")),
                                    "--store", str(store), "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and res.stderr.startswith(
        f"yoy: error: {path}: 1 typed cell yoy cannot import would be lost (sheet {SHEET} cell "
        f"{at}: 当前状态 is computed from the period columns; '已完成' typed over it is not read"
    ), res.stderr
    assert path.read_bytes() == before


def test_edited_units_and_deadlines_are_stored_and_filled_again(store, tmp_path):
    """What yoy pre-fills (完成时限, 牵头单位) is stored only when the office changes
    it, then shown again."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["一号改革工程"]: {"完成时限": "2022年9月底前", "牵头单位": "市发改委",
                                          "责任领导": "王副市长"}})
    _, entries, warnings = import_plan(path, store)
    assert warnings == []
    entry = entries.measures[m["一号改革工程"]]
    # the deadline as typed (2026-12-05: a typed cell's text is never rewritten)
    assert (entry.deadline, entry.lead, entry.leader) == ("2022年9月底前", "市发改委", "王副市长")
    # the other rows' 完成时限 were yoy's: no entries
    assert set(entries.measures) == {m["一号改革工程"]}
    row = {r["ID"]: r for r in sheet_rows(sheet(store, tmp_path), SHEET)}[m["一号改革工程"]]
    assert (row["完成时限"], row["牵头单位"], row["责任领导"]) == (
        "2022年9月底前", "市发改委", "王副市长")


def test_the_yoy_sheet_records_what_was_written(store, tmp_path):
    """The provenance a plan import checks: the report's hash, the settings, the columns written."""
    path = sheet(store, tmp_path, periods="half")
    info = {r[0]: r[1] for r in openpyxl.load_workbook(path)["_yoy"].iter_rows(
        min_row=2, values_only=True)}
    assert (info["periods"], info["lang"], info["format"]) == ("half", "zh", "yoy-plan/1")
    assert len(info["report_sha256"]) == 64 and "下半年完成状态" in json.loads(info["columns"])


def test_cli_imports_a_folder_and_strict_refuses(store, tmp_path):
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"一季度完成状态": "差不多"},
                            m["五型"]: {"一季度完成状态": "已完成"}})
    (tmp_path / "out" / "notes.xlsx").write_bytes(b"not a workbook")
    res = CliRunner().invoke(main, ["review", "import", str(tmp_path / "out"), "--store",
                                    str(store), "--strict"])
    assert res.exit_code == 2 and "unknown status '差不多'" in res.stderr and stored(store) is None
    res = CliRunner().invoke(main, ["review", "import", str(tmp_path / "out"), "--store",
                                    str(store)])
    # a file that is no workbook at all is an error (ua23 M1), the folder's 台账 imported still
    assert res.exit_code == 2, res.output
    assert "notes.xlsx: a text file" in res.stderr and "unknown status '差不多'" in res.stderr
    assert stored(store).measures[m["五型"]].status == {"q1": "done"}


def test_a_sheet_written_before_this_layout_imports_whole_and_quietly(store, tmp_path):
    """A 台账 from an earlier yoy (header in row 1, 任务 on every row, 完成时限
    as text, 推进中, 未完成 in any quarter, nothing recorded of what was written) gives what the
    office typed, and nothing else."""
    from compare.store import load_report
    from compare.workbook.plansheet import plan_rows

    report = load_report(report_path(store, 2021, "新余市", "fazhi"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    periods = [f"{q}季度{f}" for q in "一二三四" for f in ("进展情况", "完成状态")]
    ws.append(["ID", "序号", "任务", "具体举措", "计划数", "牵头单位", "责任单位", "完成时限",
               *periods, "佐证材料", "备注"])
    typed = {}
    for n, row in enumerate(r for r in plan_rows(report) if r.get("_look") != "group"):
        cells = [row["id"], n + 1, "某项任务", row["measure"], None, None, None, "2022年底前",
                 *[None] * 8, None, None]
        if n == 1:
            cells[9], cells[8], cells[5] = "推进中", "已起草", "市发改委"
            typed[row["id"]] = ({"q1": "in_progress"}, {"q1": "已起草"}, "市发改委")
        if n == 2:
            cells[11] = "未完成"   # offered in every quarter then
            typed[row["id"]] = ({"q2": "not_done"}, {}, None)
        ws.append(cells)
    info = wb.create_sheet("_yoy")
    info.append(["key", "value"])
    for key, value in {"format": "yoy-plan/1", "region": "新余市", "kind": "fazhi", "year": 2021,
                       "plan_year": 2022,
                       "periods": "quarter"}.items():
        info.append([key, value])
    wb.create_sheet("目标任务").append(["ID", "序号", "指标", "目标表述", "目标值", "单位",
                                    "实际值", "佐证材料", "备注"])
    path = tmp_path / "old.xlsx"
    wb.save(path)
    _, entries, warnings = import_plan(path, store)
    assert {rid: (e.status, e.progress, e.lead) for rid, e in entries.measures.items()} == typed
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "its _yoy sheet records no report_sha256; its rows match the stored 新余市 2021 report"]


def _bad_status_imported_around(store, tmp_path):
    """A 台账 with 差不多 typed in one status cell and 已完成 in another, imported by `yoy review
    import` (the rest read, a warning): (the sheet, the measure ids, the bad cell, the runner, the
    report, the import's result)."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"一季度完成状态": "差不多"},
                            m["五型"]: {"一季度完成状态": "已完成"}})
    at = coords(path, m["八五"], "一季度完成状态")
    runner, report = CliRunner(), str(report_path(store, 2021, "新余市", "fazhi"))
    res = runner.invoke(main, ["review", "import", str(path), "--store", str(store)])
    return path, m, at, runner, report, res


def test_a_status_stored_as_typed_does_not_stop_the_rewrite(store, tmp_path):
    """UA 2026-12-05 (t2): 差不多 typed into a status cell, imported by `yoy review import` (stored
    as typed, PlanEntry.unread), then `yoy plan` over that very file stopped with "1 typed cell yoy
    cannot import would be lost", and --discard-edits said it discarded a value the store kept and
    the 台账 showed again. The store holds it: the 台账 is rewritten, the value in its cell, the
    file kept as a backup, nothing said discarded. A status typed and not imported yet is imported
    so by the rewrite. Only what no import keeps (已完成 typed over 当前状态) stops it, and
    --discard-edits counts that alone."""
    path, m, at, runner, report, res = _bad_status_imported_around(store, tmp_path)
    assert res.exit_code == 0 and f"cell {at}: unknown status '差不多'" in res.stderr, res.output
    assert stored(store).measures[m["八五"]].unread == {"status.q1": "差不多"}
    plan = ["plan", report, "--store", str(store), "--out", str(tmp_path / "out")]
    res = runner.invoke(main, plan)
    assert res.exit_code == 0, res.output
    backup = path.with_name(f"{path.stem}.1.bak.xlsx")
    assert f"kept as {backup}\n" in res.stdout and "discarded" not in res.stdout, res.stdout
    assert openpyxl.load_workbook(path)[SHEET][at].value == "差不多"
    # typed and not imported yet: the rewrite imports it as typed; 当前状态 typed over stops it
    type_into(path, SHEET, {m["五型"]: {"二季度完成状态": "差一点", "当前状态": "已完成"}})
    second, computed = (coords(path, m["五型"], h) for h in ("二季度完成状态", "当前状态"))
    before = path.read_bytes()
    res = runner.invoke(main, plan)
    assert res.exit_code == 2 and res.stderr.startswith(
        f"yoy: error: {path}: 1 typed cell yoy cannot import would be lost (sheet {SHEET} cell "
        f"{computed}: 当前状态 is computed"), res.stderr
    assert path.read_bytes() == before
    res = runner.invoke(main, [*plan, "--discard-edits"])
    assert res.exit_code == 0, res.output
    backup = path.with_name(f"{path.stem}.2.bak.xlsx")
    assert f"kept as {backup}, its 1 typed cell yoy cannot import discarded" in res.stdout
    assert stored(store).measures[m["五型"]].unread == {"status.q2": "差一点"}
    ws = openpyxl.load_workbook(path)[SHEET]
    assert (ws[at].value, ws[second].value) == ("差不多", "差一点")
    assert openpyxl.load_workbook(backup)[SHEET][computed].value == "已完成"


def test_a_status_stored_as_typed_is_said_so_and_an_edit_over_it_is_no_clash(store, tmp_path):
    """UA 2026-12-05 (t2): three warnings about a status yoy cannot read were wrong. Imported, it
    was said "skipped" though stored as typed; the 台账 yoy wrote again, showing it, re-imported
    said its cell was "cleared"; 未完成 typed over it said the store's 'done' had "changed since
    this workbook was written" (it had not: the sheet showed 基本完成), which `yoy plan` would
    have refused as a clash."""
    runner, report = CliRunner(), str(report_path(store, 2021, "新余市", "fazhi"))
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"四季度完成状态": "已完成"}})
    imported = ["review", "import", str(path), "--store", str(store)]
    assert runner.invoke(main, imported).exit_code == 0
    path = sheet(store, tmp_path)
    at = coords(path, m["八五"], "四季度完成状态")
    type_into(path, SHEET, {m["八五"]: {"四季度完成状态": "基本完成"}})
    res = runner.invoke(main, ["review", "import", str(path), "--store", str(store)])
    assert res.exit_code == 0 and res.stderr == (
        f"yoy: warning: {path}: sheet {SHEET} cell {at}: unknown status '基本完成' (allowed: "
        "已完成, 序时推进, 滞后, 未启动, 未完成); stored as typed, counted under no status\n"
    ), res.stderr
    assert stored(store).measures[m["八五"]].unread == {"status.q4": "基本完成"}
    path = sheet(store, tmp_path)
    assert openpyxl.load_workbook(path)[SHEET][at].value == "基本完成"
    type_into(path, SHEET, {m["五型"]: {"一季度进展情况": "已启动"}})   # saved by another program
    res = runner.invoke(main, ["review", "import", str(path), "--store", str(store)])
    assert res.exit_code == 0 and res.stderr == "", res.stderr
    type_into(path, SHEET, {m["八五"]: {"四季度完成状态": "未完成"}})
    res = runner.invoke(main, ["plan", report, "--store", str(store), "--out",
                               str(tmp_path / "out")])
    assert res.exit_code == 0 and res.stderr == "", res.output
    entry = stored(store).measures[m["八五"]]
    assert (entry.status, entry.unread) == ({"q4": "not_done"}, {})
    assert openpyxl.load_workbook(path)[SHEET][at].value == "未完成"


def test_a_refused_split_leaves_every_units_file_as_it_was(store, tmp_path):
    """Review 2026-12-04 (eighth session): `yoy plan --split-by 牵头单位` refused for one unit's
    file (差不多 in it) had already kept another unit's file as a .bak: every file is checked
    first."""
    m = ids(sheet(store, tmp_path))
    main_sheet = sheet(store, tmp_path)
    type_into(main_sheet, SHEET, {m["八五"]: {"牵头单位": "市发改委"}})
    import_plan(main_sheet, store)
    runner, report = CliRunner(), str(report_path(store, 2021, "新余市", "fazhi"))
    split = ["plan", report, "--store", str(store), "--out", str(tmp_path / "out"),
             "--split-by", "牵头单位"]
    assert runner.invoke(main, split).exit_code == 0
    folder = main_sheet.parent
    unit, rest = (folder / f"{main_sheet.stem}-{name}.xlsx"
                  for name in ("市发改委", "未明确牵头单位"))
    type_into(unit, SHEET, {m["八五"]: {"一季度完成状态": "已完成"}})   # saved by another program
    type_into(rest, SHEET, {m["五型"]: {"当前状态": "已完成"}})   # no import keeps it
    before = {p: p.read_bytes() for p in folder.iterdir()}
    res = runner.invoke(main, split)
    assert res.exit_code == 2 and res.stderr.startswith(f"yoy: error: {rest}: 1 typed cell yoy "
                                                        "cannot import would be lost"), res.output
    assert {p: p.read_bytes() for p in folder.iterdir()} == before
    assert stored(store).measures[m["八五"]].status == {}


def test_a_deadline_typed_as_people_write_it_is_read_else_it_stops_the_rewrite(store, tmp_path):
    """Review 2026-12-04 (eighth session): text typed into 完成时限 is read as the day it names in
    the plan year (上半年, 6月底前), kept as typed (年内 too, though it is the day yoy wrote); one
    naming no day (尽快) was stored as text, never dated, silently: it is a warning naming the
    cell and a skipped typed cell, so `yoy plan` stops rather than rewrite the sheet."""
    path = sheet(store, tmp_path)
    half, june, year, soon = [r["ID"] for r in sheet_rows(path, SHEET)
                              if isinstance(r["序号"], int) and r["完成时限"].month == 12][:4]
    type_into(path, SHEET, {half: {"完成时限": "上半年"}, june: {"完成时限": "6月底前"},
                            year: {"完成时限": "年内"}, soon: {"完成时限": "尽快"}})
    at = coords(path, soon, "完成时限")
    runner, report = CliRunner(), str(report_path(store, 2021, "新余市", "fazhi"))
    res = runner.invoke(main, ["review", "import", str(path), "--store", str(store)])
    assert res.exit_code == 0 and res.stderr == (
        f"yoy: warning: {path}: sheet {SHEET} cell {at}: 完成时限 '尽快' names no day yoy can read "
        "(type a date, or 6月底前, 6.30, 三季度末, 年底前); skipped\n"), res.output
    assert {rid: e.deadline for rid, e in stored(store).measures.items()} == {
        half: "上半年", june: "6月底前", year: "年内"}
    before = path.read_bytes()
    res = runner.invoke(main, ["plan", report, "--store", str(store), "--out",
                               str(tmp_path / "out")])
    assert res.exit_code == 2 and res.stderr.startswith(
        f"yoy: error: {path}: 1 typed cell yoy cannot import would be lost (sheet {SHEET} cell "
        f"{at}: 完成时限 '尽快' names no day"), res.stderr
    assert path.read_bytes() == before


def test_a_deadline_typed_short_or_in_english_is_read_and_kept_as_typed(store, tmp_path):
    """Left by the eighth session's review, read 2026-12-05: 6.30, 2022.6, 年中 and end of June
    are the day they name in the 台账's plan year (2022); the office's text is stored and shown
    again as typed, its cell coloured by that day (a rule holding it, while the cell holds the
    text). 6.31 names no day, and 6.30 typed into the date cell is the number 6.3 (6.3 or 6.30?):
    refused, each cell named."""
    path = sheet(store, tmp_path)
    rows = [r["ID"] for r in sheet_rows(path, SHEET) if isinstance(r["序号"], int)][:4]
    refused = sheet(store, tmp_path / "refused")
    type_into(refused, SHEET, {rows[0]: {"完成时限": "6.31"}, rows[1]: {"完成时限": 6.3}})
    _, entries, warnings = import_plan(refused, store)
    assert entries.measures == {} and warnings == [
        f"{refused}: sheet {SHEET} cell {coords(refused, rows[0], '完成时限')}: 完成时限 '6.31' "
        "names no day yoy can read (type a date, or 6月底前, 6.30, 三季度末, 年底前); skipped",
        f"{refused}: sheet {SHEET} cell {coords(refused, rows[1], '完成时限')}: 完成时限 is the "
        "number 6.3, not a day (6.30 typed into a date cell is 6.3; type 6月30日 or 2022-06-30); "
        "skipped"]
    typed = dict(zip(rows, ["6.30", "2022.6", "年中", "end of June"], strict=True))
    type_into(path, SHEET, {rid: {"完成时限": value} for rid, value in typed.items()})
    res = CliRunner().invoke(main, ["review", "import", str(path), "--store", str(store)])
    assert res.exit_code == 0 and res.stderr == "", res.output
    assert {rid: e.deadline for rid, e in stored(store).measures.items()} == typed
    res = CliRunner().invoke(main, ["plan", str(report_path(store, 2021, "新余市", "fazhi")),
                                    "--store", str(store), "--out", str(tmp_path / "again"),
                                    "--periods", "quarter"])
    assert res.exit_code == 0, res.output
    again = next((tmp_path / "again").rglob("*.xlsx"))
    shown = {r["ID"]: r["完成时限"] for r in sheet_rows(again, SHEET)}
    assert [shown[rid] for rid in rows] == ["6.30", "2022.6", "年中", "end of June"]
    ws = openpyxl.load_workbook(again)[SHEET]
    rules = {str(cf.sqref): [f for rule in cf.rules for f in rule.formula]
             for cf in ws.conditional_formatting}
    cell = coords(again, rows[3], "完成时限")
    assert any("DATE(2022,6,30)<TODAY()" in f and '="end of June"' in f
               for f in rules[cell]), rules.get(cell)


def test_a_deadline_typed_as_a_quarter_is_its_last_day_kept_as_typed(store, tmp_path):
    """User review 2026-12-05 (海拉尔区): 完成时限 typed as Q3, Q1, 3Q, 第三季度 or 三季度 is the
    quarter's last day in the 台账's plan year (2022), stored and shown again as typed, its cell
    coloured by that day; Q5 names no quarter: refused, the cell named."""
    path = sheet(store, tmp_path)
    rows = [r["ID"] for r in sheet_rows(path, SHEET) if isinstance(r["序号"], int)][:5]
    refused = sheet(store, tmp_path / "refused")
    type_into(refused, SHEET, {rows[0]: {"完成时限": "Q5"}})
    _, entries, warnings = import_plan(refused, store)
    assert entries.measures == {} and warnings == [
        f"{refused}: sheet {SHEET} cell {coords(refused, rows[0], '完成时限')}: 完成时限 'Q5' "
        "names no day yoy can read (type a date, or 6月底前, 6.30, 三季度末, 年底前); skipped"]
    typed = dict(zip(rows, ["Q3", "Q1", "3Q", "第三季度", "三季度"], strict=True))
    type_into(path, SHEET, {rid: {"完成时限": value} for rid, value in typed.items()})
    res = CliRunner().invoke(main, ["review", "import", str(path), "--store", str(store)])
    assert res.exit_code == 0 and res.stderr == "", res.output
    assert {rid: e.deadline for rid, e in stored(store).measures.items()} == typed
    res = CliRunner().invoke(main, ["plan", str(report_path(store, 2021, "新余市", "fazhi")),
                                    "--store", str(store), "--out", str(tmp_path / "again")])
    assert res.exit_code == 0, res.output
    again = next((tmp_path / "again").rglob("*.xlsx"))
    shown = {r["ID"]: r["完成时限"] for r in sheet_rows(again, SHEET)}
    assert [shown[rid] for rid in rows[:5]] == ["Q3", "Q1", "3Q", "第三季度", "三季度"]
    ws = openpyxl.load_workbook(again)[SHEET]
    rules = {str(cf.sqref): [f for rule in cf.rules for f in rule.formula]
             for cf in ws.conditional_formatting}
    for rid, day in zip(rows[:3], ("DATE(2022,9,30)", "DATE(2022,3,31)", "DATE(2022,9,30)"),
                        strict=True):
        cell = coords(again, rid, "完成时限")
        assert any(f"{day}<TODAY()" in f for f in rules[cell]), rules.get(cell)


def test_a_deadline_typed_as_the_day_yoy_wrote_is_kept_as_typed(store, tmp_path):
    """A reviewer of the ninth session's fixes: 年底前, 12月底前 and 2022.12.31 typed over yoy's
    2022年12月31日 came back as that date. Only yoy's own text for its day is yoy's value (no
    entry); any other text is the office's, stored and shown again as typed."""
    path = sheet(store, tmp_path)
    rows = [r["ID"] for r in sheet_rows(path, SHEET)
            if isinstance(r["序号"], int) and r["完成时限"] == datetime(2022, 12, 31)][:4]
    typed = dict(zip(rows, ["年底前", "12月底前", "2022.12.31", "2022年12月31日"], strict=True))
    type_into(path, SHEET, {rid: {"完成时限": value} for rid, value in typed.items()})
    res = CliRunner().invoke(main, ["review", "import", str(path), "--store", str(store)])
    assert res.exit_code == 0 and res.stderr == "", res.output
    assert {rid: e.deadline for rid, e in stored(store).measures.items()} == {
        rid: v for rid, v in typed.items() if v != "2022年12月31日"}
    res = CliRunner().invoke(main, ["plan", str(report_path(store, 2021, "新余市", "fazhi")),
                                    "--store", str(store), "--out", str(tmp_path / "again")])
    assert res.exit_code == 0, res.output
    shown = {r["ID"]: r["完成时限"] for r in sheet_rows(next((tmp_path / "again").rglob("*.xlsx")),
                                                       SHEET)}
    assert [shown[rid] for rid in rows] == ["年底前", "12月底前", "2022.12.31",
                                            datetime(2022, 12, 31)]


def test_a_deadline_outside_the_plan_year_is_kept_and_said(store, tmp_path):
    """A reviewer of the ninth session's fixes: 2022.6 typed into a 2018 台账 was taken silently.
    A 完成时限 in another year than the plan's (2023.6 in this 2022 台账) is a warning naming the
    cell, and kept as typed (a task may run on)."""
    path = sheet(store, tmp_path)
    rid = next(r["ID"] for r in sheet_rows(path, SHEET) if isinstance(r["序号"], int))
    type_into(path, SHEET, {rid: {"完成时限": "2023.6"}})
    _, entries, warnings = import_plan(path, store)
    assert warnings == [f"{path}: sheet {SHEET} cell {coords(path, rid, '完成时限')}: 完成时限 "
                        "'2023.6' is in 2023, not the plan year 2022; kept"]
    assert entries.measures[rid].deadline == "2023.6"


def test_the_hint_for_a_number_in_the_date_cell_names_the_plan_year(tmp_path):
    """The same reviewer: 6.3 typed into a 2018 台账's date cell was told to type 2022-06-30."""
    from compare.kinds import load_kind
    from compare.workbook.plan_import import _PlanReader
    from compare.workbook.template import load_template
    reader = _PlanReader(tmp_path / "x.xlsx", load_template(), load_kind("gov-work-report"),
                         "quarter", 2018, strict=False)
    assert reader._stored("deadline", 6.3, None, SHEET, "H5", None) is None
    assert reader.warnings == [
        f"{tmp_path / 'x.xlsx'}: sheet {SHEET} cell H5: 完成时限 is the number 6.3, not a day "
        "(6.30 typed into a date cell is 6.3; type 6月30日 or 2018-06-30); skipped"]


def test_a_deadline_stored_as_text_is_shown_again_and_read_quietly(store, tmp_path):
    """完成时限 text an older yoy stored (长期坚持) is in the cell yoy wrote: read back, not
    skipped, with no warning."""
    from compare.store.plan_entries import PlanEntries, PlanEntry, save_entries

    rid = next(r["ID"] for r in sheet_rows(sheet(store, tmp_path), SHEET)
               if isinstance(r["序号"], int))
    save_entries(PlanEntries(region="新余市", kind="fazhi", plan_year=2022,
                             measures={rid: PlanEntry(deadline="长期坚持")}),
                 entries_path(store, "新余市", "fazhi", 2022))
    path = sheet(store, tmp_path)
    type_into(path, SHEET, {rid: {"备注": "按年推进"}})
    _, entries, warnings = import_plan(path, store)
    assert warnings == [] and (entries.measures[rid].deadline, entries.measures[rid].note) == (
        "长期坚持", "按年推进")


def test_a_value_merged_over_rows_is_each_measures_never_a_tasks_and_said(store, tmp_path):
    """Review 2026-12-04 (eighth session): a value typed over cells merged across a measure, a task
    and a measure of a period column was stored, silently, on all three, the task's roll-up row
    too, and shown there again: it is each measure's, with a warning naming the cells."""
    path = sheet(store, tmp_path)
    rows = sheet_rows(path, SHEET)
    top = next(i for i in range(len(rows) - 2) if [isinstance(r["序号"], int)
                                                   for r in rows[i:i + 3]] == [True, False, True])
    column = coords(path, rows[top]["ID"], "一季度进展情况").rstrip("0123456789")
    first = int(coords(path, rows[top]["ID"], "一季度进展情况")[len(column):])
    ref = f"{column}{first}:{column}{first + 2}"

    def merge(wb):
        wb[SHEET][f"{column}{first}"] = "已印发"
        wb[SHEET].merge_cells(ref)
    edit(path, merge)
    res = CliRunner().invoke(main, ["review", "import", str(path), "--store", str(store)])
    assert res.exit_code == 0 and res.stderr == (
        f"yoy: warning: {path}: sheet {SHEET} cells {ref} are merged: 一季度进展情况 '已印发' is "
        f"read for each of their 2 rows, not for the task row {first + 1} (a task's row sums up "
        "its measures)\n"), res.output
    assert {rid: e.progress for rid, e in stored(store).measures.items()} == {
        rows[top]["ID"]: {"q1": "已印发"}, rows[top + 2]["ID"]: {"q1": "已印发"}}
    again = {r["ID"]: r["一季度进展情况"] for r in sheet_rows(sheet(store, tmp_path), SHEET)}
    assert [again[r["ID"]] for r in rows[top:top + 3]] == ["已印发", None, "已印发"]


def test_an_import_says_which_report_each_file_went_to(tmp_path):
    """Review 2026-12-04 (eighth session): 龙华区's 台账 copied under 新余市's file name goes to
    龙华区's entries (by its _yoy, rightly) and now says so on its line."""
    store = copy_store(tmp_path / "store", ("新余市", "龙华区"))
    other = plan_report(report_path(store, 2019, "龙华区", "fazhi"), store=store,
                        out=tmp_path / "o").path
    rid = next(r["ID"] for r in sheet_rows(other, SHEET) if isinstance(r["序号"], int))
    type_into(other, SHEET, {rid: {"一季度完成状态": "已完成"}})
    folder = tmp_path / "returned" / "新余市"
    folder.mkdir(parents=True)
    (folder / "fazhi-2022-plan.xlsx").write_bytes(other.read_bytes())
    res = CliRunner().invoke(main, ["review", "import", str(folder), "--store", str(store)])
    assert res.exit_code == 0 and res.stdout == (
        f"{entries_path(store, '龙华区', 'fazhi', 2020)}: 1 measures, 0 tasks, 0 targets with "
        f"entries (from {folder / 'fazhi-2022-plan.xlsx'}, imported as 龙华区 fazhi 2020 plan)\n"
    ), res.output


def test_the_brief_names_what_a_sheet_holds_that_it_cannot_count(store, tmp_path):
    """Review 2026-12-04 (eighth session): 差不多 left in a status cell after `yoy review import`
    made `yoy brief` count the measure 未填报 without a word: it names the cell."""
    path, m, at, runner, report, res = _bad_status_imported_around(store, tmp_path)
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["brief", report, "--store", str(store), "--out",
                               str(tmp_path / "out"), "--date", "2022-12-20"])
    assert res.exit_code == 0 and res.stderr.startswith(
        f"yoy: warning: {path}: sheet {SHEET} cell {at}: unknown status '差不多' (allowed: "
    ), res.output
    # imported, it is stored as typed (PlanEntry.unread): named once, from the sheet
    assert res.stderr.endswith("; not counted (correct it there and import "
                               "the file again)\n") and res.stderr.count("\n") == 1, res.stderr


def test_a_units_file_saved_in_gbk_is_read_as_ingest_reads_text(store, tmp_path):
    """Review 2026-12-04 (eighth session): a units list saved by Notepad in GBK filled the 单位
    sheet with mojibake: it is decoded as ingest decodes a report's text; bytes that are no text are
    refused."""
    units = tmp_path / "u.txt"
    units.write_bytes("市司法局,王某\r\n市教育局\r\n".encode("gbk"))
    runner, report = CliRunner(), str(report_path(store, 2021, "新余市", "fazhi"))
    res = runner.invoke(main, ["plan", report, "--store", str(store), "--out",
                               str(tmp_path / "out"), "--units", str(units)])
    assert res.exit_code == 0, res.output
    listed = openpyxl.load_workbook(tmp_path / "out" / "新余市" / "fazhi-2022-plan.xlsx")["单位"]
    assert [r[:2] for r in listed.iter_rows(min_row=2, values_only=True)][:2] == [
        ("市司法局", "王某"), ("市教育局", None)]
    units.write_bytes(bytes(range(256)) * 8)
    res = runner.invoke(main, ["plan", report, "--store", str(store), "--out",
                               str(tmp_path / "out2"), "--units", str(units)])
    assert res.exit_code == 2 and res.stderr == (
        f"yoy: error: {units}: binary data, not a list of units (a text file, a unit a line, or "
        "an .xlsx)\n"), res.stderr
    assert not (tmp_path / "out2").exists()
