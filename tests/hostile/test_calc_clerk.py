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
    what to do; a folder import names it in an error line, exit 2 (ua24 M2); the file alone: one
    line, exit 2."""
    store, out, book = yantian
    code, _, err = yoy("run", "--store", store, "--out", out)
    assert code == 0, err
    ods = soffice(tmp_path, book, "ods", book.parent)
    assert ods == book.with_suffix(".ods") and ods.stat().st_mtime > book.stat().st_mtime
    code, _, err = yoy("run", "--store", store, "--out", out)
    assert code == 2 and f"{ods}: saved by LibreOffice Calc in its own format (.ods)" in err, err
    assert "另存为" in err
    code, _, err = yoy("review", "import", book.parent, "--store", store)
    assert code == 2 and f"yoy: error: {ods}: a LibreOffice Calc spreadsheet (.ods)" in err, err
    # ua22a L3: the .xlsx imported beside it is the older of the two, said
    assert f"{ods.name} was saved after the .xlsx beside it, which is imported without" in err
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


@office
def test_an_older_copy_saved_again_in_calc_reverts_nothing(yantian, tmp_path):
    """F4, ua22a H2: two copies of the workbook yoy wrote, the older typed first (已落实, 旧版意见),
    the newer after (部分落实, 新版意见) and imported; the older then opened and saved again in Calc
    (a new save time, as an e-mailed attachment saved with Ctrl+S): refused in one line naming the
    row and column with both values, whenever it was saved, the store keeping the newer decision
    and note together. Each cell is compared with what yoy wrote there (the _yoy record), not the
    file's time; a row the older copy left as yoy wrote it is no edit, and one typed there since
    is imported."""
    store, _, book = yantian
    rid, other = row_ids(book, "举措跟踪", "m")[:2]
    older, newer = tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    shutil.copy(book, older)
    shutil.copy(book, newer)
    type_into(older, "举措跟踪", {rid: {"复核状态": "已落实", "复核意见": "旧版意见"}})
    type_into(newer, "举措跟踪", {rid: {"复核状态": "部分落实",
                                       "复核意见": "新版意见：只落实一半"}})
    assert yoy("review", "import", newer, "--store", store)[0] == 0
    older = soffice(tmp_path, older, CALC, tmp_path / "resaved")   # saved after the import
    code, _, err = yoy("review", "import", older, "--store", store)
    assert code == 2 and err.count("\n") == 1, err
    assert (f"举措跟踪 {rid} 复核状态 (the store's 'partial', this file's 'delivered')" in err
            and f"举措跟踪 {rid} 复核意见 (the store's '新版意见：只落实一半', this file's "
            "'旧版意见')" in err), err
    assert "save the file again" not in err
    kept = stored_reviews(store)["commitments"][rid]
    assert (kept["status"], kept["note"]) == ("partial", "新版意见：只落实一半")
    # the older copy's row made to agree with the store's (as the refusal says), another typed
    type_into(older, "举措跟踪", {rid: {"复核状态": "部分落实", "复核意见": "新版意见：只落实一半"},
                                 other: {"复核意见": "另一行的意见"}})
    older = soffice(tmp_path, older, CALC, tmp_path / "agreed")
    code, _, err = yoy("review", "import", older, "--store", store)
    assert code == 0, err
    stored = stored_reviews(store)["commitments"]
    assert (stored[rid]["status"], stored[other]["note"]) == ("partial", "另一行的意见")


def test_a_copy_left_as_yoy_wrote_it_never_reverts_a_newer_entry(yantian, tmp_path):
    """H2's rule, without Calc: a copy of the workbook yoy wrote, imported after a newer entry,
    changes nothing where it holds what yoy wrote (whatever its save time: `cp` after the import),
    and imports what was typed elsewhere."""
    store, _, book = yantian
    rid, other = row_ids(book, "举措跟踪", "m")[:2]
    newer = tmp_path / "new.xlsx"
    shutil.copy(book, newer)
    type_into(newer, "举措跟踪", {rid: {"复核状态": "未落实"}})
    assert yoy("review", "import", newer, "--store", store)[0] == 0
    copy = tmp_path / "copy.xlsx"
    shutil.copy(book, copy)   # a new file time, after the import
    type_into(copy, "举措跟踪", {other: {"复核状态": "已落实"}})
    code, _, err = yoy("review", "import", copy, "--store", store)
    assert code == 0, err
    stored = stored_reviews(store)["commitments"]
    assert (stored[rid]["status"], stored[other]["status"]) == ("not_delivered", "delivered")


@office
def test_two_units_copies_of_a_shared_task_never_drop_one_units_text(store, tmp_path):
    """F7, ua22a M1: units A and B fill the task they share in their copies; A's is imported, then
    B's: refused naming the cell with both units' values, A's text kept, whenever B's file was
    saved (opened and saved again in Calc: still refused, and the refusal never advises that);
    B's file with both units' text in the cell is imported whole."""
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
    assert code == 2 and err.count("\n") == 1 and (
        f"{m['八五']} 三季度进展情况 (the store's 'A局：已完成中期评估', this file's "
        "'B局：宣传月活动已开展')") in err, err
    assert "save the file again" not in err and "both entries" in err
    resaved = soffice(tmp_path, b, CALC, tmp_path / "resaved")
    code, _, err = yoy("review", "import", resaved, "--store", store)
    assert code == 2 and f"{m['八五']} 三季度进展情况" in err, err
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


def rename_sheet(path, old: str, new: str) -> None:
    wb = openpyxl.load_workbook(path)
    wb[old].title = new
    wb.save(path)


@office
def test_a_renamed_sheet_stops_every_rewrite_and_loses_nothing(yantian, tmp_path):
    """ua22a H1 (comparison): reviews typed, 举措跟踪 renamed 举措台账, saved by Calc. The import
    refuses it, and so does every command that would rewrite it (`yoy compare`, `yoy run`): one
    line saying what to do, the file byte for byte as it was, no backup; --discard-edits alone
    writes over it, keeping it."""
    store, out, book = yantian
    rid = row_ids(book, "举措跟踪", "m")[0]
    type_into(book, "举措跟踪", {rid: {"复核状态": "未落实", "复核意见": "改名后键入一"}})
    rename_sheet(book, "举措跟踪", "举措台账")
    shutil.copy(soffice(tmp_path, book, CALC, tmp_path / "calc"), book)
    before = book.read_bytes()
    code, _, err = yoy("review", "import", book, "--store", store)
    assert code == 2 and "rename it back" in err, err
    for args in ((*COMPARE, "--store", store, "--out", out),
                 ("run", "--store", store, "--out", out)):
        code, _, err = yoy(*args)
        assert code == 2 and "rename it back" in err and "--discard-edits" in err, err
        assert [str(book) in line for line in err.splitlines() if "error" in line] == [True], err
        assert book.read_bytes() == before and not list(book.parent.glob("*.bak.xlsx"))
    assert stored_reviews(store) is None
    code, _, err = yoy(*COMPARE, "--store", store, "--out", out, "--discard-edits")
    assert code == 0, err
    assert book.with_name(f"{book.stem}.1.bak.xlsx").read_bytes() == before


@office
def test_a_renamed_plan_sheet_stops_yoy_plan(store, tmp_path):
    """ua22a H1 (台账): entries typed, 工作台账 renamed, saved by Calc: `yoy plan` stops in one
    line, the file as it was."""
    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"三季度进展情况": "改名前填的进展",
                                       "三季度完成状态": "序时推进"}})
    rename_sheet(path, SHEET, "2021台账")
    shutil.copy(soffice(tmp_path, path, CALC, tmp_path / "calc"), path)
    before = path.read_bytes()
    code, _, err = yoy("plan", "--store", store, "--out", tmp_path / "out", "--region", "新余市",
                       "--year", "2021")
    assert code == 2 and err.count("\n") == 1 and "rename it back" in err, err
    assert "--discard-edits" in err
    assert path.read_bytes() == before and not list(path.parent.glob("*.bak.xlsx"))


def keep_hidden_header(path, sheet_name: str, header: str, text: str) -> None:
    """Put `text` back in the header cell under a merge that openpyxl emptied (column `header`'s
    place, from merge_header), as Calc's merge keeps the hidden cells' contents when asked to."""
    import re
    import zipfile
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet_name]
    part = f"xl/worksheets/sheet{wb.sheetnames.index(sheet_name) + 1}.xml"
    top = next(r for r in range(1, 5) if "ID" in [c.value for c in ws[r]])
    merged = next(m for m in ws.merged_cells.ranges if m.min_row == top)
    ref = f"{openpyxl.utils.get_column_letter(merged.max_col)}{top}"
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    xml = files[part].decode("utf-8")
    cell = f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    xml, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell, xml, count=1)
    assert n == 1, header
    files[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)


@office
def test_a_retitled_merged_review_header_is_read_by_its_place(yantian, tmp_path):
    """ua22a H3 (comparison): 复核状态 and 复核意见 merged in the header, retitled 复核状态及意见,
    the second cell's 复核意见 kept under the merge (Calc's "keep the hidden cells"): the first
    column is read as 复核状态, the column yoy wrote before 复核意见 (said), so the statuses typed
    there reach the store and the rewritten workbook."""
    store, out, book = yantian
    rid = row_ids(book, "举措跟踪", "m")[2]
    type_into(book, "举措跟踪", {rid: {"复核状态": "部分落实", "复核意见": "合并后的意见"}})
    merge_header(book, "复核状态", "复核意见", "复核状态及意见")
    keep_hidden_header(book, "举措跟踪", "复核意见", "复核意见")
    shutil.copy(soffice(tmp_path, book, CALC, tmp_path / "calc"), book)
    read = read_reviews(book)
    assert read.reviews.commitments[rid].status == "partial", read.warnings
    assert any("is read as '复核状态', the column yoy wrote before '复核意见'" in w
               for w in read.warnings), read.warnings
    assert read.skipped == []
    code, _, err = yoy(*COMPARE, "--store", store, "--out", out)
    assert code == 0, err
    assert stored_reviews(store)["commitments"][rid]["status"] == "partial"


@office
def test_a_retitled_merged_header_nothing_places_stops_the_rewrite(yantian, store, tmp_path):
    """ua22a H3, neither cell of the merge keeping a header yoy knows: the comparison's statuses
    typed under 复核状态及意见, and the 台账's 存在问题 under 问题与措施, are input of no column
    for sure: named, never "ignored", and the next rewrite stops rather than drop them (or, in
    the 台账, show the older 存在问题 again beside them)."""
    ys, out, book = yantian
    rid = row_ids(book, "举措跟踪", "m")[2]
    type_into(book, "举措跟踪", {rid: {"复核状态": "部分落实"}})
    merge_header(book, "复核状态", "复核意见", "复核状态及意见")
    shutil.copy(soffice(tmp_path, book, CALC, tmp_path / "calc"), book)
    read = read_reviews(book)
    assert read.skipped and "复核状态及意见" in read.skipped[0], read.skipped
    assert not any("ignored" in w for w in read.warnings), read.warnings
    before = book.read_bytes()
    code, _, err = yoy(*COMPARE, "--store", ys, "--out", out)
    assert code == 2 and err.count("\n") == 1 and "would be lost" in err, err
    assert book.read_bytes() == before

    path = sheet(store, tmp_path)
    m = ids(path)
    type_into(path, SHEET, {m["八五"]: {"存在问题": "托育点新增2个"}})
    code, _, err = yoy("review", "import", path, "--store", store)   # the sheet as first filled
    assert code == 0, err
    type_into(path, SHEET, {m["八五"]: {"存在问题": "托育点新增3个"}})
    merge_header(path, "存在问题", "下一步措施", "问题与措施")
    shutil.copy(soffice(tmp_path, path, CALC, tmp_path / "plan-calc"), path)
    read = import_plan_sheet(path)
    assert any("问题与措施" in s for s in read.skipped), read.skipped
    assert all(not e.extra for e in read.entries.measures.values())
    code, _, err = yoy("plan", "--store", store, "--out", tmp_path / "out", "--region", "新余市",
                       "--year", "2021")
    assert code == 2 and "would be lost" in err, err
    assert stored(store).measures[m["八五"]].problem == "托育点新增2个"


@office
def test_a_retitled_merged_plan_header_is_read_by_its_place(store, tmp_path):
    """ua22a H3 (台账): 存在问题 and 下一步措施 merged, retitled 问题与措施, 下一步措施 kept in the
    hidden cell: what is typed under 问题与措施 is 存在问题's (the column yoy wrote before
    下一步措施), never an added column beside an older 存在问题."""
    path = sheet(store, tmp_path)
    m = ids(path)
    args = ("plan", "--store", store, "--out", tmp_path / "out", "--region", "新余市", "--year",
            "2021")
    type_into(path, SHEET, {m["八五"]: {"存在问题": "2025-06-30"}})
    assert yoy(*args)[0] == 0   # imported, the sheet written again with it
    type_into(path, SHEET, {m["八五"]: {"存在问题": "托育点新增2个"}})
    merge_header(path, "存在问题", "下一步措施", "问题与措施")
    keep_hidden_header(path, SHEET, "下一步措施", "下一步措施")
    shutil.copy(soffice(tmp_path, path, CALC, tmp_path / "calc"), path)
    read = import_plan_sheet(path)
    assert read.entries.measures[m["八五"]].problem == "托育点新增2个", read.warnings
    assert not read.entries.measures[m["八五"]].extra and read.skipped == []
    code, _, err = yoy(*args)
    assert code == 0, err
    assert stored(store).measures[m["八五"]].problem == "托育点新增2个"


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
    from compare.jobs.ingest_file import ingest_and_store
    from compare.jobs.pipeline import compare_pair, pair_paths
    from tests.support import SEED
    ingest_and_store(str(SEED), kind="fazhi", year=2022, store=store)
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
    assert "(its sheets: 2025年台账, " in err, err
    assert "if 2025年台账 is it, renamed, rename it back" in err, err


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
