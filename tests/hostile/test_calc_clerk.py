"""A 督查室 clerk with LibreOffice Calc only (ua21b): a header merged over two columns, a row
inserted for a note, Calc's .ods, an older copy imported after a newer one, two units' copies of a
shared task. What she typed is read, or the file is refused in one line; never dropped unseen, never
reverted, and a rewrite never goes on over it."""
from __future__ import annotations

import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.workbook.plan_import import import_plan_sheet
from compare.workbook.review_import import read_reviews
from tests.hostile.test_plan_sheet import SHEET, ids, sheet, stored
from tests.support import copy_store, row_ids, soffice, type_into

office = pytest.mark.skipif(shutil.which("soffice") is None,
                            reason="LibreOffice (soffice) not installed")
CALC = "xlsx:Calc MS Excel 2007 XML"


@pytest.fixture
def store(tmp_path):
    return copy_store(tmp_path / "store", ("新余市",))


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def _header(ws) -> dict[str, int]:
    top = next(r for r in range(1, 5) if "ID" in [c.value for c in ws[r]])
    return {c.value: c.column for c in ws[top]} | {"_top": top}


def merge_header(path, first: str, second: str, heading: str | None) -> None:
    """Merge the header cells of `first` and `second` (side by side) as Calc does: the heading in
    the first cell (`heading`, or the first's own), the second emptied."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.title in (SHEET, "举措跟踪"):
            col = _header(ws)
            top = col["_top"]
            ws.cell(top, col[second]).value = None
            if heading:
                ws.cell(top, col[first]).value = heading
            ws.merge_cells(start_row=top, start_column=col[first], end_row=top,
                           end_column=col[second])
    wb.save(path)


def type_beside(path, sheet_name: str, rid: str, column: int, value: str) -> None:
    """Type `value` in column `column` (from 1) of `rid`'s row."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet_name]
    col = _header(ws)
    row = next(r for r in range(col["_top"] + 1, ws.max_row + 1)
               if ws.cell(r, col["ID"]).value == rid)
    ws.cell(row, column).value = value
    wb.save(path)


@office
@pytest.mark.parametrize("heading", ["存在问题及下一步措施", None])
def test_typed_under_a_merged_header_is_read_as_the_column_yoy_wrote_there(store, tmp_path,
                                                                            heading):
    """F1: 存在问题 and 下一步措施 merged in the header (with a new heading, or keeping 存在问题
    as Calc's "empty the hidden cells" leaves it): what is typed under 下一步措施 is that
    column's, said in a warning, and so kept by the next `yoy plan`."""
    path = sheet(store, tmp_path)
    m = ids(path)
    ws = openpyxl.load_workbook(path)[SHEET]
    nxt = _header(ws)["下一步措施"]
    merge_header(path, "存在问题", "下一步措施", heading)
    type_beside(path, SHEET, m["八五"], nxt, "合并表头后填的下一步")
    saved = soffice(tmp_path, path, CALC, tmp_path / "calc")
    read = import_plan_sheet(saved)
    assert read.entries.measures[m["八五"]].next_step == "合并表头后填的下一步"
    assert any("is read as '下一步措施'" in w for w in read.warnings), read.warnings
    assert read.skipped == []


def test_typed_under_no_header_stops_a_rewrite(store, tmp_path):
    """F1's net: a cell typed in a column with no header (beyond the table, or a merge yoy cannot
    place) is named, and the next `yoy plan` over the file stops rather than drop it."""
    path = sheet(store, tmp_path)
    m = ids(path)
    ws = openpyxl.load_workbook(path)[SHEET]
    type_beside(path, SHEET, m["八五"], ws.max_column + 2, "表格外写的说明")
    read = import_plan_sheet(path)
    assert any("has no header; its 1 filled cells are not imported" in w for w in read.warnings)
    assert len(read.skipped) == 1 and "typed under no header" in read.skipped[0]
    code, _, err = yoy("plan", "--store", store, "--out", tmp_path / "out", "--region", "新余市",
                       "--year", "2021")
    assert code == 2 and err.count("\n") == 1 and "would be lost" in err, err
    assert openpyxl.load_workbook(path)[SHEET].cell(
        next(c.row for c in ws["A"] if c.row > 2 and ws.cell(c.row, ws.max_column).value
             == m["八五"]), ws.max_column + 2).value == "表格外写的说明"


def note_row(path, note: str, **cells) -> int:
    """A row inserted under 八五's task, the `note` typed in its 具体举措 and `cells` in theirs,
    as a clerk writes a note; returns the task's row."""
    task = ids(path)["八五"]
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    col = _header(ws)
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, col["ID"]).value == task)
    ws.insert_rows(row + 1)
    ws.cell(row + 1, col["具体举措"]).value = note
    for header, value in cells.items():
        ws.cell(row + 1, col[header]).value = value
    wb.save(path)
    return row


@office
def test_a_note_typed_on_an_inserted_row_stops_a_rewrite(store, tmp_path):
    """F2: a row inserted under a task with a note in 具体举措 only: the import names the row, and
    the next `yoy plan` stops (one line) rather than rewrite the sheet without it."""
    path = sheet(store, tmp_path)
    row = note_row(path, "注：上一项由区发改局牵头，已于3月督办")
    saved = soffice(tmp_path, path, CALC, tmp_path / "calc")
    read = import_plan_sheet(saved)
    said = [w for w in read.warnings if f"row {row + 1}: a row without an ID" in w]
    assert len(said) == 1 and "注：上一项由区发改局牵头" in said[0], read.warnings
    shutil.copy(saved, path)
    code, _, err = yoy("plan", "--store", store, "--out", tmp_path / "out", "--region", "新余市",
                       "--year", "2021")
    assert code == 2 and err.count("\n") == 1 and "would be lost" in err, err
    assert "注：上一项由区发改局牵头" in str([c.value for c in openpyxl.load_workbook(path)[SHEET][
        row + 1]])


def test_a_sheet_as_yoy_wrote_it_has_nothing_skipped(store, tmp_path):
    """The nets above see none of yoy's own rows and columns (a task's row, the title row)."""
    read = import_plan_sheet(sheet(store, tmp_path))
    assert (read.skipped, read.warnings) == ([], [])


@pytest.fixture
def yantian(tmp_path):
    """盐田区's 2024 and 2025 reports in a store, and their comparison workbook written by
    `yoy compare` (the file `yoy compare` rewrites next time)."""
    store = copy_store(tmp_path / "ys", ("盐田区",))
    for year in ("2020", "2021", "2022", "2023"):
        shutil.rmtree(store / year, ignore_errors=True)
    out = tmp_path / "yout"
    code, _, err = yoy(*COMPARE, "--store", store, "--out", out)
    assert code == 0, err
    return store, out, out / "盐田区" / "gov-work-report-2024-2025.xlsx"


COMPARE = ("compare", "--region", "盐田区", "--kind", "gov-work-report", "--from", "2024",
           "--to", "2025")


def stored_reviews(store):
    import yaml
    path = store / "reviews" / "盐田区-gov-work-report-2024-2025.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


@office
def test_a_review_note_under_a_merged_header_reaches_the_store(yantian, tmp_path):
    """F1 (comparison): 复核状态 and 复核意见 merged in the header, a status and a note typed,
    Calc's save: the next `yoy compare` imports both (no warning that a note "was cleared") and the
    rewritten workbook shows the note."""
    store, out, book = yantian
    rid = row_ids(book, "举措跟踪", "m")[3]
    ws = openpyxl.load_workbook(book)["举措跟踪"]
    note = _header(ws)["复核意见"]
    merge_header(book, "复核状态", "复核意见", None)
    type_beside(book, "举措跟踪", rid, note, "合并表头后写的复核意见")
    type_beside(book, "举措跟踪", rid, note - 1, "部分落实")
    shutil.copy(soffice(tmp_path, book, CALC, tmp_path / "calc"), book)
    read = read_reviews(book)
    assert read.reviews.commitments[rid].note == "合并表头后写的复核意见"
    assert not any("was cleared" in w for w in read.warnings), read.warnings
    code, _, err = yoy(*COMPARE, "--store", store, "--out", out)
    assert code == 0, err
    assert stored_reviews(store)["commitments"][rid]["note"] == "合并表头后写的复核意见"


@office
def test_a_note_on_a_row_inserted_in_the_ledger_stops_a_rewrite(yantian, tmp_path):
    """F2 (comparison): a row inserted in 举措跟踪 with a note in 举措内容: named at import, and the
    next `yoy compare` stops in one line rather than rewrite the workbook without it; the roll-up
    rows (no ID, yoy's status) are no such rows."""
    store, out, book = yantian
    assert read_reviews(book).skipped == []
    wb = openpyxl.load_workbook(book)
    ws = wb["举措跟踪"]
    col = _header(ws)
    ws.insert_rows(col["_top"] + 3)
    ws.cell(col["_top"] + 3, col["举措内容"]).value = "注：此项与上一项合并督办"
    wb.save(book)
    shutil.copy(soffice(tmp_path, book, CALC, tmp_path / "calc"), book)
    read = read_reviews(book)
    assert [s for s in read.skipped if "text on a row without an ID" in s], read.skipped
    assert any("注：此项与上一项合并督办" in w for w in read.warnings)
    code, _, err = yoy(*COMPARE, "--store", store, "--out", out)
    assert code == 2 and err.count("\n") == 1 and "would be lost" in err, err
    assert "注：此项与上一项合并督办" in str([c.value for c in openpyxl.load_workbook(book)[
        "举措跟踪"][col["_top"] + 3]])


@office
def test_an_ods_saved_beside_the_workbook_is_named_never_passed_over(yantian, tmp_path):
    """F3: Calc's default format. Saved beside the workbook after yoy wrote it, `yoy run` (even
    one that would skip the pair as unchanged) stops the pair in one line naming the .ods and
    what to do; a folder import names it as it names a .xls; the file alone: one line, exit 2."""
    store, out, book = yantian
    code, _, err = yoy("run", "--store", store, "--out", out)
    assert code == 0, err
    ods = soffice(tmp_path, book, "ods", book.parent)
    assert ods == book.with_suffix(".ods") and ods.stat().st_mtime > book.stat().st_mtime
    code, _, err = yoy("run", "--store", store, "--out", out)
    assert code == 2 and f"{ods}: saved by LibreOffice Calc in its own format (.ods)" in err, err
    assert "另存为" in err
    code, _, err = yoy("review", "import", book.parent, "--store", store)
    assert f"passed over {ods.name}: a LibreOffice Calc spreadsheet (.ods)" in err, err
    code, _, err = yoy("review", "import", ods, "--store", store)
    assert code == 2 and err == (f"yoy: error: {ods}: a LibreOffice Calc spreadsheet (.ods), which "
                                 "yoy cannot read: in Calc use 另存为 and the file type Excel "
                                 "2007-365 (.xlsx), then import that\n")
    shutil.copy(soffice(tmp_path, ods, CALC, tmp_path / "back"), book)   # saved as .xlsx over it
    code, _, err = yoy("run", "--store", store, "--out", out)
    assert code == 0, err


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(("content", "said"), [
    (OLE2 + b"\0" * 200 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 300,
     "password-protected (encrypted), which yoy cannot read: open it, save a copy without the "
     "password"),
    (b"", "the file is empty (0 bytes)"),
    ("序号,具体举措,牵头单位\n1,实施八五普法规划,区司法局\n".encode("gb18030"),
     "a text file (a CSV or a page saved under an .xlsx name?), not an Excel workbook"),
])
def test_a_file_yoy_cannot_read_is_named_for_what_it_is(store, tmp_path, content, said):
    """F6, F9: a password-protected .xlsx is no .xls; an empty file and a CSV renamed .xlsx are
    said to be what they are (not the zip library's words); one line, exit 2."""
    bad = tmp_path / "台账.xlsx"
    bad.write_bytes(content)
    code, _, err = yoy("review", "import", bad, "--store", store)
    assert code == 2 and err.startswith(f"yoy: error: {bad}: {said}") and err.count("\n") == 1, err
    assert not (store / "reviews").exists()


def test_a_password_protected_sheet_at_the_output_path_is_not_written_over(store, tmp_path):
    """F6: the 台账 a clerk typed into and then protected with a password stands where `yoy plan`
    writes: it stops in one line (its entries are in that file alone); --discard-edits writes a
    new one and keeps it as a backup."""
    path = sheet(store, tmp_path)
    locked = OLE2 + b"\0" * 200 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 300
    path.write_bytes(locked)
    args = ("plan", "--store", store, "--out", tmp_path / "out", "--region", "新余市", "--year",
            "2021")
    code, _, err = yoy(*args)
    assert code == 2 and err.count("\n") == 1 and "password-protected" in err, err
    assert path.read_bytes() == locked
    code, _, err = yoy(*args, "--discard-edits")
    assert code == 0, err
    assert path.with_name(f"{path.stem}.1.bak.xlsx").read_bytes() == locked


def test_an_older_copy_imported_after_a_newer_one_reverts_nothing(yantian, tmp_path):
    """F4: the newer copy (a status changed) imported, then the older one: refused in one line
    naming the cell, the store keeps the newer decision; the older copy saved again (a person
    meaning its value now) is imported, its edit said."""
    import os
    store, _, book = yantian
    rid = row_ids(book, "举措跟踪", "m")[0]
    older, newer = tmp_path / "s2-fixed.xlsx", tmp_path / "s2-newer.xlsx"
    shutil.copy(book, older)
    type_into(older, "举措跟踪", {rid: {"复核状态": "已落实"}})
    assert yoy("review", "import", older, "--store", store)[0] == 0
    shutil.copy(older, newer)
    type_into(newer, "举措跟踪", {rid: {"复核状态": "未落实"}})
    assert yoy("review", "import", newer, "--store", store)[0] == 0
    code, _, err = yoy("review", "import", older, "--store", store)
    assert code == 2 and err.count("\n") == 1, err
    assert "before another import changed the store" in err and f"举措跟踪 {rid} 复核状态" in err
    assert stored_reviews(store)["commitments"][rid]["status"] == "not_delivered"
    os.utime(older)   # saved again
    code, _, err = yoy("review", "import", older, "--store", store)
    assert code == 0 and "is replaced by the workbook's edit 'delivered'" in err, err
    assert stored_reviews(store)["commitments"][rid]["status"] == "delivered"


def test_two_units_copies_of_a_shared_task_never_drop_one_units_text(store, tmp_path):
    """F7: units A and B fill the task they share in their copies; A's is imported, then B's
    (saved before A's import): refused naming the cell, A's text kept; B's file saved again with
    both units' text is imported whole."""
    a = sheet(store, tmp_path / "a")
    m = ids(a)
    b = tmp_path / "b.xlsx"
    shutil.copy(a, b)
    type_into(a, SHEET, {m["八五"]: {"三季度进展情况": "A局：已完成中期评估",
                                      "三季度完成状态": "序时推进"},
                         m["五型"]: {"三季度完成状态": "已完成"}})
    type_into(b, SHEET, {m["八五"]: {"三季度进展情况": "B局：宣传月活动已开展"},
                         m["固定列席"]: {"三季度完成状态": "滞后"}})
    assert yoy("review", "import", a, "--store", store)[0] == 0
    code, _, err = yoy("review", "import", b, "--store", store)
    assert code == 2 and err.count("\n") == 1 and f"{m['八五']} 三季度进展情况" in err, err
    entries = stored(store)
    assert entries.measures[m["八五"]].progress == {"q3": "A局：已完成中期评估"}
    assert m["固定列席"] not in entries.measures   # nothing of B's file half-imported
    both = "A局：已完成中期评估；B局：宣传月活动已开展"
    type_into(b, SHEET, {m["八五"]: {"三季度进展情况": both}})
    code, _, err = yoy("review", "import", b, "--store", store)
    assert code == 0, err
    entries = stored(store)
    assert entries.measures[m["八五"]].progress == {"q3": both}
    assert entries.measures[m["五型"]].status == {"q3": "done"}
    assert entries.measures[m["固定列席"]].status == {"q3": "lagging"}


def test_a_cue_that_is_no_regular_expression_is_the_templates_error(tmp_path):
    """ua21a F4: a role cue or title pattern with an unbalanced bracket: one line naming the file
    and the key, exit 2 (it was an internal error, exit 1, at first use)."""
    from compare.kinds import TEMPLATES
    mine = tmp_path / "mine" / "kinds"
    mine.mkdir(parents=True)
    text = (TEMPLATES / "kinds" / "fazhi.yaml").read_text(encoding="utf-8")
    assert "'工作打算'" in text
    (mine / "fazhi.yaml").write_text(text.replace("'工作打算'", "'工作打算('", 1), encoding="utf-8")
    source = tmp_path / "r.txt"
    source.write_text("新余市2021年法治政府建设情况报告\n一、工作打算\n（一）实施八五普法规划。\n",
                      encoding="utf-8")
    code, _, err = yoy("--templates", mine.parent, "ingest", source, "--store", tmp_path / "s")
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"yoy: error: {mine / 'fazhi.yaml'}: roles.") and ".cues." in err, err
    assert "not a regular expression (missing ), unterminated subpattern" in err


def test_the_library_never_writes_into_the_store(store, tmp_path):
    """ua21a F10: compare_pair (and export_workbook) refuse an output inside the store, as the
    commands do; nothing is written there."""
    from compare.errors import YoyError
    from compare.jobs.ingest_file import ingest_file
    from compare.jobs.pipeline import compare_pair, pair_paths
    from tests.support import SEED
    ingest_file(str(SEED), kind="fazhi", year=2022, store=store)
    before = sorted(p for p in store.rglob("*"))
    old, new = pair_paths(store, "新余市", "fazhi", 2021, 2022)
    with pytest.raises(YoyError, match="inside the store"):
        compare_pair(old, new, store=store, out=store)
    with pytest.raises(YoyError, match="inside the store"):
        compare_pair(old, new, store=store, out=tmp_path / "out", json_path=store / "c.json")
    assert sorted(p for p in store.rglob("*")) == before


def test_a_renamed_sheet_is_named_with_the_sheets_found(store, tmp_path):
    """ua21b F5: 工作台账 renamed 2025年台账: refused in one line naming the sheets the file holds
    and what to do."""
    path = sheet(store, tmp_path)
    wb = openpyxl.load_workbook(path)
    wb[SHEET].title = "2025年台账"
    wb.save(path)
    code, _, err = yoy("review", "import", path, "--store", store)
    assert code == 2 and err.count("\n") == 1, err
    assert "(its sheets: 2025年台账, " in err and "rename it back)" in err, err


def test_a_note_row_with_entries_says_what_to_do_with_it(store, tmp_path):
    """ua21b F2 (medium): a row inserted for a note, the note in 备注 too: the refusal says to
    move its entries to its task's row and delete it, not only to put back an ID it never had."""
    path = sheet(store, tmp_path)
    note_row(path, "注：上一项由区发改局牵头", 备注="已于3月督办")
    code, _, err = yoy("review", "import", path, "--store", store)
    assert code == 2 and err.count("\n") == 1, err
    assert "a row inserted for a note?" in err and "move its entries to its task's row" in err


def test_a_kind_named_unlike_its_file_is_said_so(tmp_path):
    """ua21a F5: plan-exec.yaml holding `kind: planexec` is named as such, not as an unknown kind
    that the list of known kinds seems to contradict."""
    from compare.kinds import TEMPLATES
    mine = tmp_path / "mine" / "kinds"
    mine.mkdir(parents=True)
    text = (TEMPLATES / "kinds" / "fazhi.yaml").read_text(encoding="utf-8")
    (mine / "fazhi.yaml").write_text(text.replace("kind: fazhi", "kind: fa-zhi", 1),
                                     encoding="utf-8")
    source = tmp_path / "r.txt"
    source.write_text("新余市2021年法治政府建设情况报告\n一、工作打算\n（一）实施八五普法规划。\n",
                      encoding="utf-8")
    code, _, err = yoy("--templates", mine.parent, "ingest", source, "--kind", "fazhi", "--store",
                       tmp_path / "s")
    assert code == 2 and err == (f"yoy: error: {mine / 'fazhi.yaml'}: kind: 'fa-zhi' is not the "
                                 "file's name 'fazhi': yoy finds a kind by its file; name the file "
                                 "fa-zhi.yaml or the kind fazhi\n"), err


def test_a_folder_of_untouched_workbooks_leaves_no_empty_store_files(yantian, tmp_path):
    """ua21b F8 (low): importing workbooks nobody typed in writes no empty reviews or entries
    file, and says so; the tracker yoy wrote is passed over as what it is."""
    store, out, book = yantian
    assert yoy("run", "--store", store, "--out", out)[0] == 0
    code, printed, err = yoy("review", "import", book.parent, "--store", store)
    assert code == 0, err
    assert not (store / "reviews").exists()
    assert f"{book}: nothing typed in it to import (盐田区 gov-work-report 2024→2025)" in printed
    assert "passed over (a multi-year tracker yoy wrote: nothing in it is imported)" in err, err
