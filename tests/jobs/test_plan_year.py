"""The clerk's year with the 台账 (issue 19): units, the split per unit, the folder of returned
sheets, the 汇总 counts as a spreadsheet computes them, and the year-end brief."""
from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.jobs.plan import brief_report, plan_path, plan_report
from compare.jobs.plan_merge import import_plan
from compare.store import load_report, report_path
from compare.store.plan_entries import (
    PlanEntries,
    PlanEntry,
    entries_path,
    load_entries,
    save_entries,
)
from tests.support import copy_store, row_ids, sheet_rows, soffice, type_into

SHEET = "工作台账"
UNITS = ("区发展和改革局", "区工业和信息化局", "区住房和建设局")
LABEL = {"done": "已完成", "in_progress": "序时推进", "lagging": "滞后", "not_started": "未启动",
         "not_done": "未完成"}
KEY = {v: k for k, v in LABEL.items()}


def yoy(*args) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def store(tmp_path):
    return copy_store(tmp_path / "store", ("盐田区",))


def units_file(tmp_path: Path) -> Path:
    path = tmp_path / "units.txt"
    path.write_text("单位名称,责任领导,联系人\n"
                    + "".join(f"{u},{u[1:3]}局长,{u[1:3]}科 0755-1000{n}\n"
                              for n, u in enumerate(UNITS)), encoding="utf-8")
    return path


def assign_tasks(path: Path) -> dict[str, str]:
    """The office types a lead unit on each task row, in turn; returns measure ID → its unit."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[2]}
    unit, lead = None, {}
    tasks = 0
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, col["序号"]).value is None:
            unit = UNITS[tasks % 3]
            tasks += 1
            ws.cell(r, col["牵头单位"]).value = unit
        else:
            lead[ws.cell(r, col["ID"]).value] = unit
    wb.save(path)
    return lead


def fill_unit(path: Path, cycle: tuple[str, ...], bad: str | None = None) -> dict[str, str]:
    """A unit fills 三季度 in its file: statuses in turn, 存在问题/下一步措施 where lagging; `bad`
    typed instead in its first row. Returns ID → the status key stored (None for the bad cell)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[2]}
    typed: dict[str, str] = {}
    n = 0
    for r in range(3, ws.max_row + 1):
        if not isinstance(ws.cell(r, col["序号"]).value, int):
            continue
        rid, status = ws.cell(r, col["ID"]).value, cycle[n % len(cycle)]
        ws.cell(r, col["三季度进展情况"]).value = f"三季度推进情况{n}"
        if bad and n == 0:
            ws.cell(r, col["三季度完成状态"]).value = bad
            typed[rid] = None
        else:
            ws.cell(r, col["三季度完成状态"]).value = status
            typed[rid] = KEY[status]
        if status == "滞后":
            ws.cell(r, col["存在问题"]).value = f"资金拨付滞后{n}"
            ws.cell(r, col["下一步措施"]).value = "加快拨付"
        n += 1
    wb.save(path)
    return typed


def assigned(store: Path, tmp_path: Path) -> tuple[Path, Path, Path, dict[str, str]]:
    """盐田区's 2025 台账 with the units, each task given to one and imported: the output folder,
    the report, the sheet and measure ID → its unit."""
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out, "--units",
               units_file(tmp_path))[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    lead = assign_tasks(sheet)
    assert yoy("review", "import", sheet, "--store", store)[0] == 0
    return out, report, sheet, lead


def test_the_clerks_year(store, tmp_path):
    """January: the 台账 with the district's units, each task given to one; split per unit and sent
    out. Autumn: three units send their files back (one through LibreOffice, one with a mistyped
    status); the folder is imported. The 汇总, computed by LibreOffice, counts what was entered and
    follows a status typed in afterwards; December: the brief gives those counts and the lagging
    measures with their problems."""
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    code, printed, err = yoy("plan", report, "--store", store, "--out", out, "--units",
                             units_file(tmp_path))
    assert code == 0, err
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    assert printed == f"plan sheet: {sheet}\n"
    assert [r["单位名称"] for r in sheet_rows(sheet, "单位")] == list(UNITS)
    lead = assign_tasks(sheet)
    code, _, err = yoy("review", "import", sheet, "--store", store)
    assert (code, err) == (0, "")
    # the measures take their task's unit, and its 责任领导 / 联系人 from the 单位 sheet
    rows = {r["ID"]: r for r in sheet_rows(plan_report(report, store=store, out=out).path, SHEET)}
    assert {rid: rows[rid]["牵头单位"] for rid in lead} == lead
    assert {rows[rid]["责任领导"] for rid in lead} == {u[1:3] + "局长" for u in UNITS}

    code, printed, err = yoy("plan", report, "--store", store, "--out", out,
                             "--split-by", "牵头单位")
    assert code == 0, err
    files = {u: sheet.with_name(f"{sheet.stem}-{u}.xlsx") for u in UNITS}
    assert printed.splitlines() == [f"plan sheet: {files[u]}" for u in UNITS]
    for unit, path in files.items():
        assert {r["ID"] for r in sheet_rows(path, SHEET) if r["序号"]} == {
            i for i, u in lead.items() if u == unit}
    returned = tmp_path / "returned"
    returned.mkdir()
    typed = fill_unit(files[UNITS[0]], ("已完成", "序时推进", "滞后"))
    typed |= fill_unit(files[UNITS[1]], ("已完成", "已完成", "未启动"))
    typed |= fill_unit(files[UNITS[2]], ("序时推进", "滞后"), bad="差不多")
    shutil.copy(files[UNITS[0]], returned)
    # saved from LibreOffice
    soffice(tmp_path, files[UNITS[1]], "xlsx:Calc MS Excel 2007 XML", returned)
    shutil.copy(files[UNITS[2]], returned)
    code, printed, err = yoy("review", "import", returned, "--store", store)
    assert code == 0, err
    assert len(printed.splitlines()) == 3
    assert err.splitlines() == [f"yoy: warning: {returned / files[UNITS[2]].name}: sheet 工作台账 "
                                "cell T4: unknown status '差不多' (allowed: 已完成, 序时推进, "
                                "滞后, 未启动, 未完成); stored as typed, counted under no status"]

    entries = load_entries(entries_path(store, "盐田区", "gov-work-report", 2025))
    got = {rid: entries.measures[rid].latest_status() if rid in entries.measures else None
           for rid in lead}
    assert got == typed
    expected = {unit: Counter(typed[i] or "none" for i, u in lead.items() if u == unit)
                for unit in UNITS}

    # the 汇总 as LibreOffice computes it, after one more status typed into the sheet
    sheet = plan_report(report, store=store, out=out).path
    late = next(i for i, u in lead.items() if u == UNITS[2] and typed[i] is None)
    type_into(sheet, SHEET, {late: {"四季度完成状态": "已完成"}})
    expected[UNITS[2]].update(done=1, none=-1)
    computed = soffice(tmp_path, sheet, "xlsx:Calc MS Excel 2007 XML", tmp_path / "computed",
                       recalc=True)
    summary = {r["单位 / 任务"]: r for r in sheet_rows_values(computed, "汇总")}
    for unit in UNITS:
        c = expected[unit]
        assert (summary[unit]["举措数"], summary[unit]["已完成"], summary[unit]["序时推进"],
                summary[unit]["滞后"], summary[unit]["未启动"], summary[unit]["未填报"]) == (
            sum(c.values()), c["done"], c["in_progress"], c["lagging"], c["not_started"],
            c["none"]), unit
        assert summary[unit]["完成率"] == pytest.approx(c["done"] / sum(c.values()))
    assert summary["合计"]["举措数"] == len(lead) == len(load_report(report).commitments) > 100
    assert summary["合计"]["已完成"] == sum(c["done"] for c in expected.values())

    # December: the brief of what was imported (the late status was typed, never imported)
    code, printed, err = yoy("brief", report, "--store", store, "--out", out,
                             "--date", "2025-12-20")
    assert code == 0, err
    text = docx_text(Path(printed.split(": ", 1)[1].strip()))
    stored, n = Counter(t or "none" for t in typed.values()), len(lead)
    assert (f"2025年重点工作任务共分解为{n}项举措，"
            f"其中已完成{stored['done']}项（占{stored['done'] / n:.1%}）") in text
    assert f"滞后{stored['lagging']}项（占{stored['lagging'] / n:.1%}）" in text \
        and "2025年12月20日" in text
    lagging = [rows[i]["具体举措"] for i, t in typed.items() if t == "lagging"]
    assert lagging and all(measure in text for measure in lagging)
    assert text.count("存在问题：资金拨付滞后") == len(lagging)


def sheet_rows_values(path: Path, sheet: str) -> list[dict]:
    """sheet_rows with formulas as their computed values."""
    rows = list(openpyxl.load_workbook(path, data_only=True)[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[1], r, strict=True)) for r in rows[2:]]


def docx_text(path: Path) -> str:
    import docx
    document = docx.Document(str(path))
    return "\n".join([p.text for p in document.paragraphs] +
                     ["\t".join(c.text for c in row.cells)
                      for t in document.tables for row in t.rows])


def test_units_of_a_measure_carried_over_come_from_last_years_sheet(store, tmp_path):
    """A 2025 measure that carries on a 2024 one (the one carried-over rule, as the tracker follows
    it) takes the unit the 2024 台账 gave it; last year's 单位 list is this year's until the office
    changes it."""
    from compare.engine.threads import followers
    from compare.kinds import load_kind
    before, after = (load_report(report_path(store, y, "盐田区", "gov-work-report"))
                     for y in (2024, 2025))
    pairs = list(followers(before, after, load_kind("gov-work-report")).items())
    assert len(pairs) >= 10
    last = PlanEntries(region="盐田区", kind="gov-work-report", plan_year=2024,
                       measures={old: PlanEntry(lead="区统计局", responsible="各街道")
                                 for _, old in pairs},
                       units=[{"name": "区统计局", "leader": "刘局长"}])
    save_entries(last, entries_path(store, "盐田区", "gov-work-report", 2024))
    path = plan_report(report_path(store, 2025, "盐田区", "gov-work-report"), store=store,
                       out=tmp_path).path
    rows = {r["ID"]: r for r in sheet_rows(path, SHEET)}
    assert {(rows[new]["牵头单位"], rows[new]["责任单位"], rows[new]["责任领导"])
            for new, _ in pairs} == {
        ("区统计局", "各街道", "刘局长")}
    assert sum(r["牵头单位"] == "区统计局" for r in rows.values()) == len(pairs)
    assert [r["单位名称"] for r in sheet_rows(path, "单位")][:1] == ["区统计局"]
    # carried over, not typed: importing the sheet untouched stores nothing for those rows
    _, entries, warnings = import_plan(path, store)
    assert warnings == [] and entries.measures == {}


def test_a_brief_is_the_same_document_for_the_same_entries_and_date(store, tmp_path):
    path = plan_report(report_path(store, 2025, "盐田区", "gov-work-report"), store=store,
                       out=tmp_path).path
    rid = next(r["ID"] for r in sheet_rows(path, SHEET) if r["序号"] == 7)
    type_into(path, SHEET, {rid: {"二季度完成状态": "滞后", "存在问题": "征地未完成",
                                  "牵头单位": "区规划土地监察局"}})
    import_plan(path, store)
    report = report_path(store, 2025, "盐田区", "gov-work-report")
    first = brief_report(report, store=store, output=tmp_path / "a.docx",
                         when=date(2025, 7, 1)).path
    second = brief_report(report, store=store, output=tmp_path / "b.docx",
                          when=date(2025, 7, 1)).path
    assert first.read_bytes() == second.read_bytes()
    text = docx_text(first)
    assert "关于盐田区2025年《政府工作报告》重点工作任务落实情况的通报" in text \
        and "2025年7月1日" in text
    assert "区规划土地监察局\t1\t0\t0\t1\t0\t0\t0\t0.0%\t100.0%" in text
    assert "存在问题：征地未完成" in text and "下一步措施：未填报" in text
    english = docx_text(brief_report(report, store=store, output=tmp_path / "en.docx", lang="en",
                                     when=date(2025, 7, 1)).path)
    assert "as of 2025-07-01" in english and ", Lagging 1 (" in english \
        and "Problems: 征地未完成" in english


def test_no_brief_without_entries(store, tmp_path):
    code, _, err = yoy("brief", "--region", "盐田区", "--kind", "gov-work-report", "--year", "2025",
                       "--store", store, "--out", tmp_path)
    assert code == 2 and "no office entries stored for this plan year" in err


def test_split_sheets_typed_in_place_are_imported_before_they_are_written_again(store, tmp_path):
    """A unit filled its file where yoy wrote it; `yoy plan --split-by` again imports those cells
    first (a line per file), a status yoy cannot read among them (stored as typed); a file holding
    what no import keeps stops it, the store and the files untouched, until --discard-edits (the
    file then kept as a backup)."""
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out, "--units",
               units_file(tmp_path))[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    assign_tasks(sheet)
    assert yoy("review", "import", sheet, "--store", store)[0] == 0
    assert yoy("plan", report, "--store", store, "--out", out, "--split-by", "牵头单位")[0] == 0
    files = {u: sheet.with_name(f"{sheet.stem}-{u}.xlsx") for u in UNITS}
    typed = fill_unit(files[UNITS[0]], ("已完成", "滞后"))
    code, printed, err = yoy("plan", report, "--store", store, "--out", out,
                             "--split-by", "牵头单位")
    assert code == 0, err
    stored = entries_path(store, "盐田区", "gov-work-report", 2025)
    assert f"{files[UNITS[0]]}: " in printed \
        and f"typed cells not yet in the store imported into {stored}" in printed
    entries = load_entries(stored)
    assert {rid: entries.measures[rid].latest_status() for rid in typed} == typed
    assert {r["ID"]: r["三季度完成状态"] for r in sheet_rows(files[UNITS[0]], SHEET)
            if r["ID"] in typed} == {
        rid: {"done": "已完成", "lagging": "滞后"}[k] for rid, k in typed.items()}

    # a status yoy cannot read is stored as typed (UA 2026-12-05: it stopped the rewrite, and
    # --discard-edits said it discarded what the store kept): shown again in its cell
    bad = next(rid for rid, k in fill_unit(files[UNITS[1]], ("序时推进",), bad="差不多").items()
               if k is None)
    code, printed, err = yoy("plan", report, "--store", store, "--out", out,
                             "--split-by", "牵头单位")
    assert code == 0 and "discarded" not in printed, err
    assert load_entries(stored).measures[bad].unread == {"status.q3": "差不多"}
    shown = {r["ID"]: r["三季度完成状态"] for r in sheet_rows(files[UNITS[1]], SHEET)}
    assert shown[bad] == "差不多"
    # what no import keeps (已完成 typed over 当前状态) stops it, until --discard-edits
    rid = next(r["ID"] for r in sheet_rows(files[UNITS[2]], SHEET) if r["序号"])
    type_into(files[UNITS[2]], SHEET, {rid: {"当前状态": "已完成"}})
    before = {p: p.read_bytes() for p in [stored, *files.values()]}
    code, printed, err = yoy("plan", report, "--store", store, "--out", out,
                             "--split-by", "牵头单位")
    assert code == 2 and err.startswith(f"yoy: error: {files[UNITS[2]]}: ") \
        and "当前状态 is computed" in err, err
    assert {p: p.read_bytes() for p in before} == before
    code, printed, err = yoy("plan", report, "--store", store, "--out", out,
                             "--split-by", "牵头单位", "--discard-edits")
    assert code == 0, err
    assert (f"{files[UNITS[2]]}: the previous file is kept as "
            f"{files[UNITS[2]].with_suffix('.1.bak.xlsx')}, its 1 typed cell yoy cannot import "
            "discarded") in printed


def test_a_folder_import_passes_over_the_backups_yoy_kept(store, tmp_path):
    """A backup is an older copy of a 台账: imported after the current one, the cells typed in it
    since replaced would come back; `yoy review import <folder>` names it and leaves it."""
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out)[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    rid = next(r["ID"] for r in sheet_rows(sheet, SHEET) if r["序号"])
    type_into(sheet, SHEET, {rid: {"三季度完成状态": "滞后"}})
    backup = sheet.with_suffix(".1.bak.xlsx")
    shutil.copy(sheet, backup)
    type_into(sheet, SHEET, {rid: {"三季度完成状态": "已完成"}})
    code, printed, err = yoy("review", "import", sheet.parent, "--store", store)
    assert code == 0 and err == (f"yoy: warning: {backup}: passed over (a backup yoy kept of an "
                                 "older version)\n"), err
    entries = load_entries(entries_path(store, "盐田区", "gov-work-report", 2025))
    assert entries.measures[rid].status == {"q3": "done"}
    # several: one line saying how many (UA 2026-12-05: 10 lines, one per unit's .1.bak.xlsx)
    shutil.copy(sheet, sheet.with_suffix(".2.bak.xlsx"))
    code, printed, err = yoy("review", "import", sheet.parent, "--store", store)
    assert code == 0 and err == (f"yoy: warning: {sheet.parent}: 2 backups passed over "
                                 "(<name>.<n>.bak.xlsx: older versions yoy kept)\n"), err


def test_a_status_stored_as_typed_is_said_once_not_at_each_split(store, tmp_path):
    """UA 2026-12-05: 差不多 typed in a unit's file in --out and imported; each `yoy plan
    --split-by` after said again "unknown status '差不多' … stored as typed"."""
    out, report, sheet, lead = assigned(store, tmp_path)
    assert yoy("plan", report, "--store", store, "--out", out, "--split-by", "牵头单位")[0] == 0
    mine = sheet.with_name(f"{sheet.stem}-{UNITS[0]}.xlsx")
    rid = next(i for i, u in lead.items() if u == UNITS[0])
    type_into(mine, SHEET, {rid: {"三季度完成状态": "差不多"}})
    code, _, err = yoy("review", "import", mine, "--store", store)
    assert code == 0 and err.count("unknown status '差不多'") == 1, err
    code, _, err = yoy("plan", report, "--store", store, "--out", out, "--split-by", "牵头单位")
    assert code == 0 and "差不多" not in err, err
    assert next(r for r in sheet_rows(mine, SHEET) if r["ID"] == rid)["三季度完成状态"] == "差不多"


def test_a_listed_unit_whose_name_holds_a_separator_is_one_unit(store, tmp_path):
    """市科委、中关村管委会 is one body on the 单位 list: the task given to it is split into one
    file of that name, not one per part; the 单位 sheet gains no unit; its measures take its
    责任领导 and 联系人. A cell the list does not hold is still split into the units it names."""
    one = "区科技创新局、区科协"
    units = tmp_path / "units.txt"
    units.write_text(f"{one},刘军,赵敏\n{UNITS[0]},王某,李某\n区财政局\n", encoding="utf-8")
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out, "--units", units)[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    wb = openpyxl.load_workbook(sheet)
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[2]}
    tasks = [r for r in range(3, ws.max_row + 1) if ws.cell(r, col["序号"]).value is None]
    ws.cell(tasks[0], col["牵头单位"]).value = one
    ws.cell(tasks[1], col["牵头单位"]).value = f"{UNITS[0]}、区财政局"   # not listed: two units
    wb.save(sheet)
    assert yoy("review", "import", sheet, "--store", store)[0] == 0
    code, printed, err = yoy("plan", report, "--store", store, "--out", out,
                             "--split-by", "牵头单位")
    assert code == 0, err
    names = sorted(p.name for p in out.glob("*/*-plan-*.xlsx"))
    stem = sheet.stem
    assert [n for n in names if "区科" in n] == [f"{stem}-{one}.xlsx"]
    assert {f"{stem}-{UNITS[0]}.xlsx", f"{stem}-区财政局.xlsx"} <= set(names)
    mine = [r for r in sheet_rows(sheet.with_name(f"{stem}-{one}.xlsx"), SHEET) if r["序号"]]
    assert mine and {(r["牵头单位"], r["责任领导"], r["联系人"]) for r in mine} == {
        (one, "刘军", "赵敏")}
    listed = [r["单位名称"] for r in sheet_rows(sheet.with_name(f"{stem}-{one}.xlsx"), "单位")]
    assert listed == [one, UNITS[0], "区财政局"]


def test_a_status_yoy_cannot_read_is_never_counted_wherever_its_file_was_imported(store, tmp_path):
    """A unit reports 已完成 for 四季度, then sends its file again from another folder with
    基本完成 typed over it: the import skips the cell but stores what was typed, so the brief
    names the measure and counts it under no status (not 已完成), the 台账 written again shows
    基本完成 (and is rewritten again without a refusal once saved by another program), and the
    status read once it is corrected clears the mark."""
    out, report, sheet, lead = assigned(store, tmp_path)
    assert yoy("plan", report, "--store", store, "--out", out, "--split-by", "牵头单位")[0] == 0
    mine = sheet.with_name(f"{sheet.stem}-{UNITS[0]}.xlsx")
    rid = next(i for i, u in lead.items() if u == UNITS[0])
    first, again = tmp_path / "first", tmp_path / "again"
    for folder, status in ((first, "已完成"), (again, "基本完成")):
        if folder == again:
            # the unit's file as the office sends it again, showing what the store holds: a
            # copy of the first one typed over would change a cell the store changed since it
            # was written (ua22a H2: refused)
            assert yoy("plan", report, "--store", store, "--out", out, "--split-by",
                       "牵头单位")[0] == 0
        folder.mkdir()
        shutil.copy(mine, folder)
        type_into(folder / mine.name, SHEET, {rid: {"四季度进展情况": f"{status}的进展",
                                                    "四季度完成状态": status}})
        code, _, err = yoy("review", "import", folder, "--store", store)
        assert code == 0, err
    assert "unknown status '基本完成'" in err
    entry = load_entries(entries_path(store, "盐田区", "gov-work-report", 2025)).measures[rid]
    assert entry.progress["q4"] == "基本完成的进展" and entry.latest_status() is None
    assert entry.unread == {"status.q4": "基本完成"}

    code, printed, err = yoy("brief", report, "--store", store, "--out", out,
                             "--date", "2025-12-20")
    assert code == 0 and f"{rid} " in err and "'基本完成' typed for q4 is none yoy reads" in err
    text = docx_text(Path(printed.split(": ", 1)[1].strip()))
    assert "已完成0项" in text and "完成状态无法识别1项" in text
    assert "四季度完成状态填报为“基本完成”" in text
    # the table by unit has a column for it, so that its columns add up to 合计 (UA 2026-12-05)
    import docx
    table = docx.Document(printed.split(": ", 1)[1].strip()).tables[-1]
    heads = [c.text for c in table.rows[0].cells]
    assert heads[heads.index("未填报") + 1] == "状态无法识别"
    figures = [int(c.text) for c in table.rows[-1].cells[1:heads.index("状态无法识别") + 1]]
    assert figures[0] == sum(figures[1:]) and figures[-1] == 1, figures
    assert abs(sum(c.width for c in table.columns) - docx.shared.Mm(154)) < docx.shared.Mm(1)
    # 汇总 counts it too, as written and as LibreOffice computes it: a unit's row adds up to its
    # 举措数 (UA 2026-12-05: 市交通委's 11 measures, 5 已完成 + 5 未完成 and no word of the 11th)
    written = plan_report(report, store=store, out=out).path
    computed = soffice(tmp_path, written, "xlsx:Calc MS Excel 2007 XML", tmp_path / "computed",
                       recalc=True)
    counted = ("已完成", "序时推进", "滞后", "未启动", "未完成", "未填报", "状态无法识别")
    for book in (written, computed):
        summary = {r["单位 / 任务"]: r for r in sheet_rows_values(book, "汇总")}
        for name in (UNITS[0], UNITS[1], "合计"):
            row = summary[name]
            assert row["举措数"] == sum(row[k] for k in counted), (book, name, row)
            assert row["状态无法识别"] == (name != UNITS[1]), (book, name, row)

    # the 台账 written again shows what was typed; saved by another program, it is rewritten
    assert yoy("plan", report, "--store", store, "--out", out, "--split-by", "牵头单位")[0] == 0
    row = next(r for r in sheet_rows(mine, SHEET) if r["ID"] == rid)
    assert row["四季度完成状态"] == "基本完成"
    other = next(i for i, u in lead.items() if u == UNITS[0] and i != rid)
    type_into(mine, SHEET, {other: {"一季度进展情况": "已启动"}})
    code, _, err = yoy("plan", report, "--store", store, "--out", out, "--split-by", "牵头单位")
    assert code == 0 and "基本完成" not in err, err

    # corrected in the 台账 that shows it (in the unit's older copy, 已完成 is what yoy wrote
    # there: no edit, ua22a H2)
    type_into(mine, SHEET, {rid: {"四季度完成状态": "已完成"}})
    assert yoy("review", "import", mine, "--store", store)[0] == 0
    entry = load_entries(entries_path(store, "盐田区", "gov-work-report", 2025)).measures[rid]
    assert entry.latest_status() == "done" and not entry.unread


def test_the_brief_opens_with_the_targets_and_their_actuals_as_typed(store, tmp_path):
    """A year-end 督查通报 opens with the year's targets: each with its 目标值, the 实际值 the
    office typed in 目标任务 (as typed) and whether it is met, where yoy can tell (a figure in
    the target's unit; not a qualitative target, nor text such as 约3%)."""
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out)[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    targets = {r["指标"]: r["ID"] for r in sheet_rows(sheet, "目标任务")}
    gdp, revenue = targets["地区生产总值"], targets["一般公共预算收入"]
    other = next(i for name, i in targets.items() if i not in (gdp, revenue))
    type_into(sheet, "目标任务", {gdp: {"实际值": "6.5%"}, revenue: {"实际值": "2.1"},
                                  other: {"实际值": "基本同步"}})
    rid = next(r["ID"] for r in sheet_rows(sheet, SHEET) if r["序号"])
    type_into(sheet, SHEET, {rid: {"四季度完成状态": "已完成"}})
    assert yoy("review", "import", sheet, "--store", store)[0] == 0
    code, printed, err = yoy("brief", report, "--store", store, "--out", out,
                             "--date", "2025-12-20")
    assert code == 0, err
    text = docx_text(Path(printed.split(": ", 1)[1].strip()))
    assert text.index("一、主要预期目标完成情况") < text.index("二、总体情况")
    assert "指标\t目标值\t实际值\t是否完成" in text
    assert "地区生产总值\t6%\t6.5%\t已完成" in text
    # 2.1 typed bare is shown with the target's unit, as 6.5% typed with it (UA 2026-12-05)
    assert "一般公共预算收入\t3%\t2.1%\t未完成" in text
    assert "\t基本同步\t—" in text


def test_the_summary_and_the_brief_table_read_as_printed(store, tmp_path):
    """UA 2026-12-05: 汇总 cut long task names on one line and gave a unit that filed nothing a
    完成率 of 0.0%; the brief's table by unit split the page evenly (a unit's name over four lines,
    60.0% broken). The 汇总's names wrap (rows as tall as they need), a rate is empty until a
    status is filed; the brief's unit column is the widest, its rates wider than its counts."""
    out, report, sheet, lead = assigned(store, tmp_path)
    rid = next(i for i, u in lead.items() if u == UNITS[0])
    type_into(sheet, SHEET, {rid: {"三季度完成状态": "已完成"}})
    assert yoy("review", "import", sheet, "--store", store)[0] == 0
    sheet = plan_report(report, store=store, out=out).path
    cached = {r["单位 / 任务"]: r for r in sheet_rows_values(sheet, "汇总")}
    assert cached[UNITS[0]]["完成率"] == pytest.approx(1 / Counter(lead.values())[UNITS[0]])
    assert cached[UNITS[1]]["完成率"] in (None, "") and cached[UNITS[1]]["未填报"] > 0
    computed = soffice(tmp_path, sheet, "xlsx:Calc MS Excel 2007 XML", tmp_path / "computed",
                       recalc=True)
    again = {r["单位 / 任务"]: r for r in sheet_rows_values(computed, "汇总")}
    assert again[UNITS[1]]["完成率"] in (None, "") and again[UNITS[0]]["完成率"] > 0
    ws = openpyxl.load_workbook(sheet)["汇总"]
    longest = max(range(3, ws.max_row + 1), key=lambda r: len(str(ws.cell(r, 1).value or "")))
    assert len(ws.cell(longest, 1).value) > 17 and ws.cell(longest, 1).alignment.wrap_text
    assert (ws.row_dimensions[longest].height or 0) > 2 * 14

    code, printed, err = yoy("brief", report, "--store", store, "--out", out,
                             "--date", "2025-12-20")
    assert code == 0, err
    import docx
    table = docx.Document(printed.split(": ", 1)[1].strip()).tables[-1]
    assert table.rows[0].cells[0].text == "牵头单位"
    widths = [c.width for c in table.columns]
    assert widths[0] > max(widths[1:]) and widths[-1] > widths[1]
    assert abs(sum(widths) - docx.shared.Mm(154)) < docx.shared.Mm(1)


def test_a_joint_measure_counts_for_each_unit_it_names(store, tmp_path):
    """UA 2026-12-05 (t2): a measure whose 牵头单位 names two listed units (市发展改革委、市财政局)
    had a row of its own in 汇总 and in the brief's table by unit, counted under neither unit, and
    showed the first unit's 责任领导/联系人 in the second's split file. It counts for each unit (as
    LibreOffice computes 汇总 too), 合计 once, and shows each unit's people."""
    out, report, sheet, lead = assigned(store, tmp_path)
    joint = next(i for i, u in lead.items() if u == UNITS[0])
    both = f"{UNITS[0]}、{UNITS[1]}"
    type_into(sheet, SHEET, {joint: {"牵头单位": both, "三季度完成状态": "已完成"}})
    assert yoy("review", "import", sheet, "--store", store)[0] == 0
    sheet = plan_report(report, store=store, out=out).path
    n = Counter(lead.values())
    want = {UNITS[0]: (n[UNITS[0]], 1), UNITS[1]: (n[UNITS[1]] + 1, 1), "合计": (len(lead), 1)}
    computed = soffice(tmp_path, sheet, "xlsx:Calc MS Excel 2007 XML", tmp_path / "computed",
                       recalc=True)
    for book in (sheet, computed):
        rows = {r["单位 / 任务"]: (r["举措数"], r["已完成"])
                for r in sheet_rows_values(book, "汇总")}
        assert {u: rows[u] for u in want} == want and both not in rows, (book, rows)
    code, printed, err = yoy("brief", report, "--store", store, "--out", out,
                             "--date", "2025-12-20")
    assert code == 0, err
    text = docx_text(Path(printed.split(": ", 1)[1].strip()))
    for unit, (total, done) in want.items():
        assert f"\n{unit}\t{total}\t{done}\t" in text, text
    assert f"\n{both}\t" not in text
    assert yoy("plan", report, "--store", store, "--out", out, "--split-by", "牵头单位")[0] == 0
    row = next(r for r in sheet_rows(sheet.with_name(f"{sheet.stem}-{UNITS[1]}.xlsx"), SHEET)
               if r["ID"] == joint)
    assert (row["责任领导"], row["联系人"]) == ("发展局长、工业局长",
                                          "发展科 0755-10000、工业科 0755-10001")


def test_a_units_file_naming_a_unit_alone_says_its_stored_people_are_kept(store, tmp_path):
    """UA 2026-12-05: a units file line naming the unit alone kept its 责任领导/联系人 silently.
    A list of names never erases people typed in the 单位 sheet (as a cleared cell changes
    nothing): they are kept, and a line says so."""
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out, "--units",
               units_file(tmp_path))[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    assert yoy("review", "import", sheet, "--store", store)[0] == 0
    names = tmp_path / "names.txt"
    names.write_text(f"{UNITS[0]}\n{UNITS[1]},新局长\n", encoding="utf-8")
    code, _, err = yoy("plan", report, "--store", store, "--out", out, "--units", names)
    assert code == 0, err
    assert (f"{names}: no 责任领导/联系人 given, the stored ones kept ({UNITS[0]} 责任领导 "
            f"发展局长; {UNITS[0]} 联系人 发展科 0755-10000; {UNITS[1]} 联系人 工业科 0755-10001): "
            "edit the stored entries to remove them") in err, err
    # other people than the stored ones replace them, the stored ones named (ver26: a 责任领导
    # corrected in the 单位 sheet was replaced by the same list rerun, without a word)
    assert (f"{names}: the stored people replaced ({UNITS[1]} 责任领导 工业局长 → 新局长): "
            "type them again in the 单位 sheet if the stored ones were right") in err, err
    people = {r["单位名称"]: (r["责任领导"], r["联系人"]) for r in sheet_rows(sheet, "单位")}
    assert people[UNITS[0]] == ("发展局长", "发展科 0755-10000")
    assert people[UNITS[1]] == ("新局长", "工业科 0755-10001")
    assert yoy("plan", report, "--store", store, "--out", out, "--units",
               units_file(tmp_path))[2].count("stored ones kept") == 0


def test_the_units_given_once_stay_on_every_rewrite(store, tmp_path):
    """ua26: `yoy plan --units FILE` filled the 单位 sheet, and the next `yoy run` or `yoy plan`
    without --units wrote it empty (drop-downs empty, 责任领导/联系人 gone), silently, unless
    someone had typed into the file before. The list is stored as typed units are; a later
    --units updates it (its units first, their people over the stored ones, the others kept)."""
    from compare.jobs.run import run_store
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out, "--units",
               units_file(tmp_path))[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    listed = [(u, f"{u[1:3]}局长", f"{u[1:3]}科 0755-1000{n}") for n, u in enumerate(UNITS)]

    def units() -> list[tuple]:
        return [(r["单位名称"], r["责任领导"], r["联系人"]) for r in sheet_rows(sheet, "单位")]
    assert units() == listed
    code, _, err = yoy("plan", report, "--store", store, "--out", out, "--periods", "month")
    assert (code, units()) == (0, listed), err
    run_store(store, out, jobs=1)
    assert units() == listed
    more = tmp_path / "more.txt"
    more.write_text(f"区财政局,财政局长\n{UNITS[1]},新局长\n", encoding="utf-8")
    assert yoy("plan", report, "--store", store, "--out", out, "--units", more)[0] == 0
    assert yoy("plan", report, "--store", store, "--out", out)[0] == 0
    assert units() == [("区财政局", "财政局长", None), (UNITS[1], "新局长", listed[1][2]),
                       listed[0], listed[2]]


def test_an_actual_typed_as_a_number_comes_back_a_number(store, tmp_path):
    """ua26 F7: 目标任务's 实际值 typed as the number 6.2 came back from `yoy plan` / `yoy run` as
    the text '6.2' (Excel's number-stored-as-text flag, skipped by SUM). A number is written back
    as a number, a figure with words (约5) as typed; a big one is not stored as 1.23457e+07; and
    the rewritten cells are no edit at the next import (the store keeps the text it had)."""
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out)[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    first, second, third = row_ids(sheet, "目标任务")[:3]
    type_into(sheet, "目标任务", {first: {"实际值": 6.2}, second: {"实际值": 12345678},
                                  third: {"实际值": "约5"}})
    for _ in range(2):   # imported and written back; then written again from the store alone
        code, _, err = yoy("plan", report, "--store", store, "--out", out)
        assert (code, err) == (0, ""), err
        got = {r["ID"]: r["实际值"] for r in sheet_rows(sheet, "目标任务")}
        assert [got[first], got[second], got[third]] == [6.2, 12345678, "约5"]
        assert type(got[first]) is float and type(got[second]) is int
    stored = load_entries(entries_path(store, "盐田区", "gov-work-report", 2025)).targets
    assert [stored[t].actual for t in (first, second, third)] == ["6.2", "12345678", "约5"]


def test_what_is_typed_under_a_second_column_of_one_header_stops_the_rewrite(store, tmp_path):
    """ver26 F2: a clerk inserts a column titled 备注 left of 责任单位 (or copies yoy's 备注 there
    to move it) and types in yoy's own 备注, now the second of that header: `yoy plan` read only
    the first, said so, and rewrote the file — what she typed in no cell and not in the store.
    It is a cell yoy cannot place: the rewrite stops in one line, the file as she saved it."""
    out, report = tmp_path / "out", report_path(store, 2025, "盐田区", "gov-work-report")
    assert yoy("plan", report, "--store", store, "--out", out)[0] == 0
    sheet = plan_path(out, "盐田区", "gov-work-report", 2025)
    wb = openpyxl.load_workbook(sheet)
    ws = wb[SHEET]
    head = [c.value for c in ws[2]]
    ws.insert_cols(head.index("责任单位") + 1)
    ws.cell(2, head.index("责任单位") + 1).value = "备注"
    head = [c.value for c in ws[2]]
    second = len(head) - head[::-1].index("备注")
    ids = [r for r in range(3, ws.max_row + 1) if ws.cell(r, head.index("ID") + 1).value]
    ws.cell(ids[2], second).value = "右边的备注"
    wb.save(sheet)
    before = sheet.read_bytes()
    code, _, err = yoy("plan", report, "--store", store, "--out", out)
    assert code == 2 and err.count("\n") == 1, err
    assert "1 typed cell yoy cannot import would be lost" in err and "typed under '备注'" in err
    assert sheet.read_bytes() == before
