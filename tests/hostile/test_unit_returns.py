"""A unit's 台账 sent back with a slip (ua19, 龙华区's 法制科): its ID cell cleared, a cell cleared
once a problem is solved, saved as .xls, its hidden _yoy sheet deleted. What the unit typed lands
on its own row or the file is refused in one line, exit 2, nothing written; never silence."""
from __future__ import annotations

import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.errors import YoyError
from compare.jobs.plan_merge import import_plan
from compare.store.plan_entries import entries_path
from tests.hostile.test_plan_sheet import SHEET, coords, ids, sheet, stored
from tests.support import copy_store, soffice, type_into

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # an Excel 97–2003 file's first bytes


@pytest.fixture
def store(tmp_path):
    return copy_store(tmp_path / "store", ("新余市",))


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def clear_id(path, rid: str, text: str | None = None) -> int:
    """Clear the ID cell of `rid`'s row (and give it `text` as its 具体举措); its row number."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[2]}
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, col["ID"]).value == rid)
    ws.cell(row, col["ID"]).value = None
    if text is not None:
        ws.cell(row, col["具体举措"]).value = text
    wb.save(path)
    return row


def q3(path, m) -> None:
    type_into(path, SHEET, {m["八五"]: {"三季度进展情况": "三季度完成中期评估",
                                      "三季度完成状态": "序时推进"},
                            m["五型"]: {"三季度完成状态": "已完成"}})


def test_a_row_whose_id_was_cleared_goes_to_the_one_task_its_text_is(store, tmp_path):
    """H2: the row's 具体举措 unchanged names one measure: its entries are that measure's, said in
    one line; the 台账 written again shows them on its row, with its ID."""
    path = sheet(store, tmp_path)
    m = ids(path)
    q3(path, m)
    row = clear_id(path, m["八五"])
    _, entries, warnings = import_plan(path, store)
    assert entries.measures[m["八五"]].progress == {"q3": "三季度完成中期评估"}
    assert entries.measures[m["五型"]].status == {"q3": "done"}
    said = [w for w in warnings if f"row {row}" in w]
    assert len(said) == 1 and said[0].startswith(
        f"{path}: sheet {SHEET} row {row}: no ID; its entries go to {m['八五']}, the one row whose "
        "text it is ("), said
    again = sheet(store, tmp_path)   # the cleared ID is no typed cell lost: the rewrite goes on
    assert coords(again, m["八五"], "三季度进展情况").endswith(str(row))


@pytest.mark.parametrize("slip", ["text edited", "strict"])
def test_a_row_without_its_id_that_cannot_be_placed_refuses_the_file(store, tmp_path, slip):
    """H2: the ID cleared and the text edited too (or --strict, whatever the text): exit 2, one
    line naming the file and the row, nothing imported (not even the other rows')."""
    path = sheet(store, tmp_path)
    m = ids(path)
    q3(path, m)
    edited = "实施八五普法规划（单位改写）" if slip == "text edited" else None
    row = clear_id(path, m["八五"], edited)
    code, out, err = yoy("review", "import", path, "--store", store,
                         *(["--strict"] if slip == "strict" else []))
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"yoy: error: {path}: sheet {SHEET} row {row}: entries on a row without "
                          "an ID"), err
    assert "nothing imported" in err
    if slip == "text edited":
        assert "its text is no task's of the stored report" in err
    assert not entries_path(store, "新余市", "fazhi", 2022).exists()


def test_a_row_without_its_id_whose_task_is_on_the_sheet_too_is_refused(store, tmp_path):
    """H2: a unit copied a row and cleared the copy's ID: the text names a task whose row is
    there too; which is meant cannot be told."""
    path = sheet(store, tmp_path)
    m = ids(path)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    col = {c.value: c.column for c in ws[2]}
    src = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, col["ID"]).value == m["八五"])
    new = ws.max_row + 1
    ws.cell(new, col["具体举措"]).value = ws.cell(src, col["具体举措"]).value
    ws.cell(new, col["三季度完成状态"]).value = "滞后"
    wb.save(path)
    with pytest.raises(YoyError, match=f"row {new}: entries on a row without an ID .*, whose "
                                       f"text is that of {m['八五']}, on {SHEET} row {src} too"):
        import_plan(path, store)
    assert stored(store) is None


def test_xls_files_are_named_with_what_to_do(store, tmp_path):
    """M6: a .xls (by its bytes, whatever its name) is said to be one, with what to do; a folder
    of them names them; beside .xlsx files each is an error line, the .xlsx imported (ua24 M2;
    --strict: the folder refused)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "区司法局三季度.xls").write_bytes(OLE2 + b"\0" * 504)
    code, _, err = yoy("review", "import", inbox / "区司法局三季度.xls", "--store", store)
    assert code == 2 and err == (f"yoy: error: {inbox / '区司法局三季度.xls'}: an Excel 97–2003 "
                                 "workbook (.xls), which yoy cannot read: open it in Excel or "
                                 "LibreOffice and save it as an Excel workbook (.xlsx), then "
                                 "import that\n")
    code, _, err = yoy("review", "import", inbox, "--store", store)
    assert code == 2 and err.startswith(f"yoy: error: {inbox}: holds no .xlsx workbooks; "
                                        "区司法局三季度.xls: an Excel 97–2003 workbook"), err
    path = sheet(store, tmp_path)
    m = ids(path)
    q3(path, m)
    shutil.copy(path, inbox / "区城管局.xlsx")
    code, _, err = yoy("review", "import", inbox, "--store", store)
    # ua24 M2: an error line as the file alone gives, exit 2, the folder's .xlsx imported
    assert code == 2 and (f"yoy: error: {inbox / '区司法局三季度.xls'}: an Excel "
                          "97–2003 workbook (.xls)") in err, err
    assert "warning" not in err, err
    assert stored(store).measures[m["五型"]].status == {"q3": "done"}
    code, _, err = yoy("review", "import", inbox, "--store", store, "--strict")
    assert code == 2 and "区司法局三季度.xls: an Excel 97–2003" in err
    renamed = tmp_path / "renamed.xlsx"
    renamed.write_bytes(OLE2 + b"\0" * 504)
    code, _, err = yoy("review", "import", renamed, "--store", store)
    assert code == 2 and "an Excel 97–2003 workbook (.xls)" in err


def test_a_deleted_hidden_sheet_is_named(store, tmp_path):
    """L1: the file was yoy's; what is missing is its hidden _yoy sheet, and the error says so."""
    path = sheet(store, tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["_yoy"]
    wb.save(path)
    code, _, err = yoy("review", "import", path, "--store", store)
    assert code == 2 and err.count("\n") == 1
    assert "no _yoy sheet (the hidden sheet yoy writes" in err and "deleted" in err


# ---- as LibreOffice saves them -------------------------------------------------------------

office = pytest.mark.skipif(shutil.which("soffice") is None,
                            reason="LibreOffice (soffice) not installed")


@office
def test_libreoffice_saved_returns(store, tmp_path):
    """H2, M2, M6 through LibreOffice's save: an ID cleared goes to its row, a 存在问题 cleared
    once solved is removed from the store, and LibreOffice's .xls is named."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"二季度完成状态": "滞后", "存在问题": "受疫情影响"}})
    import_plan(soffice(tmp_path, path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "q2"), store)
    assert stored(store).measures[m["八五"]].problem == "受疫情影响"
    path = sheet(store, tmp_path)
    q3(path, m)
    type_into(path, SHEET, {m["八五"]: {"存在问题": None}})
    row = clear_id(path, m["八五"])
    saved = soffice(tmp_path, path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "q3")
    _, entries, warnings = import_plan(saved, store)
    entry = entries.measures[m["八五"]]
    assert (entry.problem, entry.status) == (None, {"q2": "lagging", "q3": "in_progress"})
    assert any(f"row {row}: no ID; its entries go to {m['八五']}" in w for w in warnings)
    assert any(": cleared; '受疫情影响' is removed from the store" in w for w in warnings)
    xls = soffice(tmp_path, path, "xls", tmp_path / "xls")
    code, _, err = yoy("review", "import", xls, "--store", store)
    assert code == 2 and "an Excel 97–2003 workbook (.xls)" in err


def test_a_clear_is_not_undone_by_an_older_copy(store, tmp_path):
    """ver19 M2: the office's copy A holds 存在问题; a unit's newer file B clears it (solved). A,
    imported again afterwards, keeps the cell cleared, said in one line; a file C written after the
    clear that types the value again stores it (the clear is recorded as a value is: its digest,
    and C's _yoy records that it was written cleared)."""
    older = sheet(store, tmp_path / "a")
    m = ids(older)
    type_into(older, SHEET, {m["八五"]: {"二季度完成状态": "滞后", "存在问题": "受疫情影响"}})
    import_plan(older, store)
    newer = sheet(store, tmp_path / "b")
    type_into(newer, SHEET, {m["八五"]: {"存在问题": None, "三季度完成状态": "已完成"}})
    import_plan(newer, store)
    assert stored(store).measures[m["八五"]].problem is None
    _, entries, warnings = import_plan(older, store)
    entry = entries.measures[m["八五"]]
    assert (entry.problem, entry.status) == (None, {"q2": "lagging", "q3": "done"})
    assert any("'受疫情影响' was cleared by a newer import; kept cleared" in w for w in warnings)
    # another value typed in an older copy is an edit, as ever; the cleared one stays out
    again = sheet(store, tmp_path / "c")
    type_into(again, SHEET, {m["八五"]: {"存在问题": "受疫情影响"}})
    _, entries, warnings = import_plan(again, store)
    assert entries.measures[m["八五"]].problem == "受疫情影响"
    assert not any("kept cleared" in w for w in warnings)
    assert entries.measures[m["八五"]].cleared == {}


@office
def test_a_clear_is_not_undone_by_an_older_copy_saved_by_libreoffice(store, tmp_path):
    """M2 through LibreOffice's save: the older copy, saved by LibreOffice, keeps the cell cleared;
    the copy written after the clear, saved by LibreOffice, types it back."""
    older = sheet(store, tmp_path / "a")
    m = ids(older)
    type_into(older, SHEET, {m["八五"]: {"存在问题": "受疫情影响"}})
    older = soffice(tmp_path, older, "xlsx:Calc MS Excel 2007 XML", tmp_path / "a2")
    import_plan(older, store)
    newer = sheet(store, tmp_path / "b")
    type_into(newer, SHEET, {m["八五"]: {"存在问题": None}})
    import_plan(soffice(tmp_path, newer, "xlsx:Calc MS Excel 2007 XML", tmp_path / "b2"), store)
    code, _, err = yoy("review", "import", older, "--store", store)
    assert code == 0 and "kept cleared" in err
    assert stored(store).measures[m["八五"]].problem is None
    again = sheet(store, tmp_path / "c")
    type_into(again, SHEET, {m["八五"]: {"存在问题": "受疫情影响"}})
    import_plan(soffice(tmp_path, again, "xlsx:Calc MS Excel 2007 XML", tmp_path / "c2"), store)
    assert stored(store).measures[m["八五"]].problem == "受疫情影响"


def test_entries_of_a_task_deleted_from_the_report_are_shown(store, tmp_path):
    """M1: the report re-ingested without a task its unit had filled: the entries stay in the store
    and are listed on the 台账's 已删除任务的填报 sheet with the task's text and every cell, the
    warnings name the text (not only an id), and the brief says they are not counted."""
    import docx

    from compare.ingest import ingest_text
    from compare.jobs.plan import brief_report, plan_report
    from compare.store import report_path, save_report
    from tests.support import SEED, sheet_rows

    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["固定列席"]: {"一季度进展情况": "已列席3次",
                                        "一季度完成状态": "序时推进", "存在问题": "议题通知较晚"}})
    import_plan(path, store)
    gone = next(r["具体举措"] for r in sheet_rows(path, SHEET) if r["ID"] == m["固定列席"])
    text = SEED.read_text(encoding="utf-8").replace(
        "严格落实重大行政决策程序规定,坚持司法行政部门负责人固定列席市政府常务会议制度,", "")
    save_report(ingest_text(text, kind="fazhi"), report_path(store, 2021, "新余市", "fazhi"),
                overwrite=True)
    # another folder: the sheet typed into above is the old report's (its rows are imported
    # before a rewrite, a case of its own)
    written = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                          out=tmp_path / "again")
    assert any(f"{m['固定列席']} ('{gone[:30]}" in w and "no longer in the plan" in w
               for w in written.warnings), written.warnings
    assert any("the entries of 1 task no longer in the report" in w
               and "are listed on the sheet 已删除任务的填报" in w for w in written.warnings)
    listed = sheet_rows(written.path, "已删除任务的填报")
    # protected: it takes no entry (one typed there would be read by nothing)
    assert openpyxl.load_workbook(written.path)["已删除任务的填报"].protection.sheet
    assert [(r["具体举措"], r["填报内容"], r["ID"]) for r in listed] == [
        (gone, "一季度进展情况：已列席3次\n一季度完成状态：序时推进\n存在问题：议题通知较晚",
         m["固定列席"])]
    brief = brief_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                         out=tmp_path / "again")
    said = [p.text for p in docx.Document(str(brief.path)).paragraphs]
    assert any(p.startswith("另有1项已不在报告计划中的任务存有填报内容，未计入统计")
               and f"{gone}（牵头单位：未填报；最近填报：一季度序时推进）" in p
               for p in said), said
    assert any("no longer in the report" in w and "not counted" in w for w in brief.warnings)


def test_a_task_reworded_past_re_attachment_names_the_task_it_became(store, tmp_path):
    """A task reworded to 89% (below re-attachment, 95%): its entries stay under its old ID, listed
    on 已删除任务的填报 with the current task closest to its text, where the office may carry them
    (they are moved by no one but the office); a task deleted outright names none (above)."""
    from compare.ingest import ingest_text
    from compare.jobs.plan import plan_report
    from compare.store import report_path, save_report
    from tests.support import SEED, sheet_rows

    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["固定列席"]: {"一季度完成状态": "序时推进"}})
    import_plan(path, store)
    old = ("坚持司法行政部门负责人固定列席市政府常务会议制度,充分发挥法律顾问的咨询论证作用,"
           "做到依法决策、民主")
    new = ("推行司法行政部门负责人列席政府常务会议制度,发挥法律顾问和公职律师的咨询论证作用,"
           "做到依法决策、")
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    save_report(ingest_text(text.replace(old, new), kind="fazhi"),
                report_path(store, 2021, "新余市", "fazhi"), overwrite=True)
    written = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                          out=tmp_path / "again")
    [now] = [r for r in sheet_rows(written.path, SHEET) if "公职律师" in (r["具体举措"] or "")]
    [listed] = sheet_rows(written.path, "已删除任务的填报")
    assert listed["ID"] == m["固定列席"] and not now.get("一季度完成状态")
    assert listed["最相近的现有任务"] == f"{now['具体举措']}（89%，{now['ID']}）"


def test_the_brief_names_cells_an_import_skipped_from_any_folder(store, tmp_path):
    """H2: a file imported from an inbox (not output/<region>/) with a cell the import skipped: the
    brief names the file and the cell; imported again corrected, it says nothing more."""
    from compare.jobs.plan import brief_report
    from compare.store import report_path

    path = sheet(store, tmp_path)
    m = ids(path)
    q3(path, m)
    type_into(path, SHEET, {m["八五"]: {"完成时限": "尽快"}})
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    returned = inbox / "区司法局三季度.xlsx"
    shutil.move(path, returned)
    code, _, err = yoy("review", "import", returned, "--store", store)
    assert code == 0 and "完成时限 '尽快' names no day" in err, err
    at = coords(returned, m["八五"], "完成时限")

    def brief():
        return brief_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                            out=tmp_path / "out").warnings

    assert [w for w in brief() if "区司法局三季度.xlsx" in w] == [
        f"{entries_path(store, '新余市', 'fazhi', 2022)}: 区司法局三季度.xlsx: sheet {SHEET} cell "
        f"{at}: 完成时限 '尽快' names no day yoy can read (type a date, or 6月底前, 6.30, "
        "三季度末, 年底前); skipped when it was imported, so not counted (correct it there and "
        "import the file again)"]
    type_into(returned, SHEET, {m["八五"]: {"完成时限": "9月底前"}})
    code, _, err = yoy("review", "import", returned, "--store", store)
    assert code == 0 and stored(store).measures[m["八五"]].deadline == "9月底前"
    assert [w for w in brief() if "区司法局三季度.xlsx" in w] == []


def test_a_units_file_names_the_unit_in_its_title(store, tmp_path):
    """L2: the file sent to a unit names it in its title row (and so on every printed page); the
    file of the rows naming no unit keeps the plain title."""
    from compare.jobs.plan import plan_report
    from compare.store import report_path

    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"牵头单位": "市司法局"}})
    import_plan(path, store)
    written = plan_report(report_path(store, 2021, "新余市", "fazhi"), store=store,
                          out=tmp_path / "out", split_by="牵头单位")
    titles = {p.name: openpyxl.load_workbook(p)[SHEET]["A1"].value for p in written.paths}
    plain = "新余市2022年法治政府建设重点工作任务台账"
    assert titles["fazhi-2022-plan-市司法局.xlsx"] == f"{plain}（市司法局）"
    assert all(t == plain for n, t in titles.items() if "市司法局" not in n), titles


@office
def test_the_summary_headers_print_whole(store, tmp_path):
    """L2: 汇总's headers print on one line each through LibreOffice (状态无法识/别 broke)."""
    import subprocess

    from compare.workbook.template import load_template
    from tests.workbook.test_plan_office import only_sheet

    pdf = soffice(tmp_path, only_sheet(sheet(store, tmp_path), "汇总"), "pdf", tmp_path / "pdf")
    printed = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout
    headers = [c.zh for c in load_template().sheets.plan_summary.columns if c.key != "name"]
    assert [h for h in headers if h not in printed] == []


def test_an_unreadable_workbook_of_a_folder_is_an_error_the_others_imported(store, tmp_path):
    """ua23 M1: a truncated 台账 and a text file under an .xlsx name in a folder are each one
    error line and exit 2, as the same file alone is; the folder's good workbook is imported all
    the same. A workbook yoy did not write (no _yoy sheet) is passed over with a warning."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = sheet(store, tmp_path)
    m = ids(path)
    q3(path, m)
    shutil.copy(path, inbox / "区城管局.xlsx")
    (inbox / "区司法局.xlsx").write_bytes(path.read_bytes()[:3000])       # truncated
    (inbox / "区财政局.xlsx").write_text("ID,状态\n1,已完成\n", encoding="utf-8")
    openpyxl.Workbook().save(inbox / "草稿.xlsx")                          # not yoy's
    code, _, err = yoy("review", "import", inbox, "--store", store)
    assert code == 2, err
    assert f"yoy: error: {inbox / '区司法局.xlsx'}: cannot read workbook" in err, err
    assert f"yoy: error: {inbox / '区财政局.xlsx'}: a text file" in err, err
    assert f"yoy: warning: {inbox / '草稿.xlsx'}: passed over (no _yoy sheet" in err, err
    assert stored(store).measures[m["五型"]].status == {"q3": "done"}


def test_a_deleted_sheet_is_called_deleted_not_renamed(store, tmp_path):
    """ua23 L1: a 台账's 目标任务 deleted (no sheet yoy does not write in its place) is said to be
    deleted, with what then, never "rename it back"; 工作台账's entries are imported all the
    same. 工作台账 deleted refuses the file, saying so."""
    path = sheet(store, tmp_path)
    m = ids(path)
    q3(path, m)
    wb = openpyxl.load_workbook(path)
    targets = next(t for t in wb.sheetnames if t in ("目标任务", "Year targets"))
    del wb[targets]
    wb.save(path)
    code, _, err = yoy("review", "import", path, "--store", store)
    assert code == 0 and f"no sheet {targets} or " in err and "it was deleted" in err, err
    assert "rename it back" not in err and "writes the 台账 again with it" in err, err
    assert stored(store).measures[m["五型"]].status == {"q3": "done"}
    wb = openpyxl.load_workbook(path)
    del wb[SHEET]
    wb.save(path)
    code, _, err = yoy("review", "import", path, "--store", store)
    assert code == 2 and "it was deleted" in err and "rename it back" not in err, err
