"""A reviewer's own columns in the comparison workbook (left23, fix22a's leftover): a column she
inserted beside yoy's (责任人, 备注) is carried over by the rewrite as a 台账 carries an office's
columns — its header where she put it, each cell on its row by ID, kept in the store — on a file
openpyxl or Calc saved; a column yoy cannot place for sure still stops the rewrite in one line."""
from __future__ import annotations

import shutil

import openpyxl
import yaml

# yantian: the fixture, a 盐田区 store and its comparison workbook (taken by name, so F811 below)
from tests.hostile.test_calc_clerk import CALC, COMPARE, office, yantian, yoy  # noqa: F401
from tests.support import soffice

SHEET = "举措跟踪"


def _insert(path, after: str, header: str, cells: dict[int, str]) -> dict[str, str]:
    """A column headed `header` inserted right of `after`, `cells` (the n-th measure row → text)
    typed in it; returns row ID → text typed."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    head = [c.value for c in ws[2]]
    at = head.index(after) + 2
    ws.insert_cols(at)
    ws.cell(2, at).value = header
    id_col = head.index("ID") + 2
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, id_col).value]
    typed = {}
    for n, text in cells.items():
        ws.cell(rows[n], at).value = text
        typed[ws.cell(rows[n], id_col).value] = text
    wb.save(path)
    return typed


def _column(path, header: str) -> tuple[list, dict[str, str]]:
    """The ledger sheet's header, and row ID → the cell under `header`."""
    ws = openpyxl.load_workbook(path)[SHEET]
    head = [c.value for c in ws[2]]
    at, id_at = head.index(header), head.index("ID")
    return head, {r[id_at]: r[at] for r in ws.iter_rows(min_row=3, values_only=True)
                  if r[id_at] and r[at] is not None}


def _check_carried(store, book, typed):
    code, out, err = yoy(*COMPARE, "--store", store, "--out", book.parent.parent)
    assert code == 0, err
    head, cells = _column(book, "责任人")
    assert head[head.index("复核人") + 1] == "责任人", head
    assert cells == typed
    stored = yaml.safe_load((store / "reviews" / "盐田区-gov-work-report-2024-2025.yaml")
                            .read_text(encoding="utf-8"))
    assert {rid: e["extra"]["责任人"] for rid, e in stored["commitments"].items()} == typed
    # and again: the store's columns, where she put it, with nothing typed since
    assert yoy(*COMPARE, "--store", store, "--out", book.parent.parent)[0] == 0
    assert _column(book, "责任人") == (head, typed)


def test_a_reviewers_column_is_carried_over_by_the_rewrite(yantian):  # noqa: F811
    store, _, book = yantian
    typed = _insert(book, "复核人", "责任人", {1: "区发改局 张三", 4: "区住建局"})
    _check_carried(store, book, typed)
    # left25: printed with the columns she put it beside (Calc printed up to 复核人 only)
    ws = openpyxl.load_workbook(book)[SHEET]
    head = [c.value for c in ws[2]]
    area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
    last = openpyxl.utils.get_column_letter(head.index("责任人") + 1)
    assert area.split(":")[1].lstrip("$").startswith(f"{last}$"), (area, head)
    assert ws.column_dimensions[last].width and ws.print_title_rows == "$2:$2"


@office
def test_a_reviewers_column_in_a_file_calc_saved_is_carried_over(yantian, tmp_path):  # noqa: F811
    store, _, book = yantian
    typed = _insert(book, "复核人", "责任人", {0: "区发改局", 7: "区教育局 李四"})
    saved = soffice(tmp_path, book, CALC, tmp_path / "calc")
    shutil.copy(saved, book)
    _check_carried(store, book, typed)


def test_two_columns_of_one_header_stop_the_rewrite_saying_why(yantian):  # noqa: F811
    store, _, book = yantian
    _insert(book, "复核人", "备注", {1: "甲"})
    _insert(book, "复核意见", "备注", {2: "乙"})
    before = book.read_bytes()
    code, _, err = yoy(*COMPARE, "--store", store, "--out", book.parent.parent)
    assert code == 2 and err.count("\n") == 1, err
    assert "typed under '备注', a header yoy does not read (2 columns are headed '备注')" in err
    assert book.read_bytes() == before


def test_an_older_copy_reverts_no_cell_of_a_reviewers_column():
    """Her column's cells merge cell by cell against what yoy wrote there (the _yoy digests), as
    yoy's reviewer columns do: a cell left as written keeps the store's newer text, an edit is
    taken, and a copy without her column keeps the columns the store has."""
    from compare.store.reviews import AddedColumn, ReviewEntry, Reviews, digest, merge_reviews

    def reviews(**entries):
        return Reviews(region="r", kind="k", old_year=2024, new_year=2025, commitments=entries)

    stored = reviews(m1=ReviewEntry(extra={"备注": "新"}, text="甲"),
                     m2=ReviewEntry(extra={"备注": "旧"}, text="乙"))
    stored.columns = {"commitments": [AddedColumn(header="备注", after="reviewed_by")]}
    older = reviews(m1=ReviewEntry(extra={"备注": "旧"}, text="甲"),
                    m2=ReviewEntry(extra={"备注": "改"}, text="乙"))
    base = {"commitments": {"m1": {"extra.备注": digest("旧")}, "m2": {"extra.备注": digest("旧")}}}
    current = {"commitments": {"m1": "甲", "m2": "乙"}, "targets": {}, "shortcomings": {}}
    merged, warnings = merge_reviews(stored, older, current, base=base)
    assert {rid: e.extra for rid, e in merged.commitments.items()} == {
        "m1": {"备注": "新"}, "m2": {"备注": "改"}}
    assert merged.columns == stored.columns
    assert any("extra.备注: the store's '新' is newer" in w for w in warnings), warnings


def test_a_cleared_cell_of_a_reviewers_column_is_said_as_a_cleared_status_is(yantian):  # noqa: F811
    """ua24 LOW: a cell of her own column cleared in the workbook was put back by the rewrite with
    no word. A workbook never erases a stored review: the store keeps it, the rewrite shows it,
    and a line says so, as for a cleared 复核状态 (workbook.review_import._Ledger._cleared)."""
    store, _, book = yantian
    typed = _insert(book, "复核人", "责任人", {1: "区发改局 张三", 4: "区住建局"})
    code, _, err = yoy(*COMPARE, "--store", store, "--out", book.parent.parent)
    assert code == 0, err
    assert "was cleared" not in err, err
    cleared, left = typed
    ws_book = openpyxl.load_workbook(book)
    ws = ws_book[SHEET]
    head = [c.value for c in ws[2]]
    at, id_at = head.index("责任人") + 1, head.index("ID") + 1
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, id_at).value == cleared)
    ws.cell(row, at).value = None
    ws_book.save(book)
    code, _, err = yoy(*COMPARE, "--store", store, "--out", book.parent.parent)
    assert code == 0, err
    assert (f"{book}: sheet {SHEET} row {row} ({cleared}): 责任人 was cleared; a workbook never "
            "erases a stored review, so the store keeps it (edit the reviews file to erase it)"
            ) in err, err
    assert err.count("was cleared") == 1, err
    assert _column(book, "责任人")[1] == typed
    stored = yaml.safe_load((store / "reviews" / "盐田区-gov-work-report-2024-2025.yaml")
                            .read_text(encoding="utf-8"))
    assert stored["commitments"][cleared]["extra"]["责任人"] == typed[cleared]
    assert stored["commitments"][left]["extra"]["责任人"] == typed[left]


def _own_template(tmp_path):
    """A user's templates/workbook.yaml showing one more column of yoy's on 举措跟踪, the row's
    自动判定 again, headed 判定（本单位）, right of 复核人; and 得分 removed."""
    from compare.workbook.template import load_template
    data = yaml.safe_load(load_template().path.read_text(encoding="utf-8"))
    columns = data["sheets"]["commitments"]["columns"]
    columns.remove(next(c for c in columns if c["key"] == "score"))
    at = next(n for n, c in enumerate(columns) if c["key"] == "reviewed_by") + 1
    columns.insert(at, {"key": "status", "zh": "判定（本单位）", "en": "Status (ours)", "width": 9,
                        "vocab": "commitment"})
    folder = tmp_path / "my-templates"
    folder.mkdir()
    (folder / "workbook.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                          encoding="utf-8")
    return folder


def test_yoys_own_column_of_a_users_template_is_not_read_as_a_reviewers(yantian, tmp_path):  # noqa: F811
    """left25 (code24): a workbook written with a user's workbook.yaml (one more column of yoy's)
    and imported without it took that column for the reviewer's own (101 rows of it stored). The
    _yoy sheet names yoy's columns (`columns:<ledger>`), so the import passes it over whatever
    templates are given, and a column of those templates yoy did not write there (得分, removed
    by hers) is not missing; her own column is hers. A workbook from before that record imports as
    before: 得分 missing, no column placed for sure as hers."""
    from compare.workbook.review_import import read_reviews
    store, out, book = yantian
    mine = _own_template(tmp_path)
    code, _, err = yoy("--templates", mine, *COMPARE, "--store", store, "--out", out)
    assert code == 0, err
    assert "判定（本单位）" in _column(book, "判定（本单位）")[0]
    typed = _insert(book, "复核意见", "责任人", {2: "区发改局"})
    read = read_reviews(book)   # the shipped templates
    assert [c.header for c in (read.reviews.columns or {}).get("commitments", [])] == ["责任人"]
    stored = {rid: e.extra for rid, e in read.reviews.commitments.items() if e.extra}
    assert stored == {rid: {"责任人": text} for rid, text in typed.items()}
    assert not any("判定（本单位）" in w for w in read.warnings), read.warnings
    # an older yoy's workbook (no columns:… rows): as before, the column is taken for hers
    wb = openpyxl.load_workbook(book)
    ws = wb["_yoy"]
    for r in range(ws.max_row, 1, -1):
        if str(ws.cell(r, 1).value).startswith("columns:"):
            ws.delete_rows(r)
    wb.save(book)
    older = read_reviews(book)
    assert older.reviews.columns is None and "(missing: 得分)" in older.skipped[0], older.skipped


def test_yoys_own_column_of_a_users_template_on_a_plan_sheet_is_not_the_offices(tmp_path):
    """left25: the 台账 side of the test above worked already (its _yoy records the headers yoy
    wrote, `columns`): a 台账 written with a user's workbook.yaml showing 牵头单位 again under
    主办单位（本单位）, an entry typed, imported and rewritten with the shipped templates: the
    entry stored, that column not taken for the office's, nothing skipped or discarded."""
    from compare.store.plan_entries import entries_path, load_entries
    from compare.workbook.template import load_template
    from tests.support import copy_store, edit, sheet_rows
    store = copy_store(tmp_path / "store", ("新余市",))
    data = yaml.safe_load(load_template().path.read_text(encoding="utf-8"))
    columns = data["sheets"]["plan"]["columns"]
    at = next(n for n, c in enumerate(columns) if c["key"] == "lead") + 1
    columns.insert(at, {"key": "lead", "zh": "主办单位（本单位）", "en": "Lead (ours)",
                        "width": 10})
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "workbook.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                        encoding="utf-8")
    plan = ("plan", "--region", "新余市", "--kind", "fazhi", "--year", "2021", "--store", store,
            "--out", tmp_path / "out")
    assert yoy("--templates", mine, *plan)[0] == 0
    book = tmp_path / "out" / "新余市" / "fazhi-2022-plan.xlsx"
    rows = sheet_rows(book, "工作台账")
    assert rows[0]["主办单位（本单位）"] == rows[0]["牵头单位"]
    rid = next(r["ID"] for r in rows if str(r.get("ID") or "").startswith("m"))
    edit(book, "工作台账", rid, 存在问题="资金未到位")
    code, _, err = yoy("review", "import", book, "--store", store)
    assert code == 0 and "主办单位" not in err, err
    stored = load_entries(entries_path(store, "新余市", "fazhi", 2022))
    assert stored is not None and stored.measures[rid].problem == "资金未到位"
    assert not any(e.extra for e in stored.measures.values())
    code, _, err = yoy(*plan)
    assert code == 0 and "主办单位" not in err and "discarded" not in err, err
    assert "主办单位（本单位）" not in sheet_rows(book, "工作台账")[0]


def test_a_deleted_reviewers_column_is_said_once_as_a_cleared_cell_is(yantian):  # noqa: F811
    """calc25 2: she deleted her own column (its 2 entries stored) in the workbook; the rewrite put
    it back and `yoy review import` of the file was silent, though one cleared cell of it is
    said. Now both say it once, in a cleared cell's words; the store keeps the entries."""
    store, _, book = yantian
    typed = _insert(book, "复核人", "责任人", {1: "区发改局 张三", 4: "区住建局"})
    code, _, err = yoy(*COMPARE, "--store", store, "--out", book.parent.parent)
    assert code == 0, err
    assert "is not in the workbook" not in err, err
    code, _, err = yoy("review", "import", "--store", store, book)   # written with it, still there
    assert code == 0 and "is not in the workbook" not in err, err
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    ws.delete_cols([c.value for c in ws[2]].index("责任人") + 1)
    wb.save(book)
    said = (f"{book}: sheet {SHEET}: column 责任人 (2 stored entries) is not in the workbook; a "
            "workbook never erases a stored review, so the store keeps them and the rewrite puts "
            "the column back (edit the reviews file to drop them)")
    code, _, err = yoy("review", "import", "--store", store, book)
    assert code == 0, err
    assert said in err and err.count("is not in the workbook") == 1, err
    code, _, err = yoy(*COMPARE, "--store", store, "--out", book.parent.parent)
    assert code == 0, err
    assert said in err and err.count("is not in the workbook") == 1, err
    assert _column(book, "责任人")[1] == typed


def test_a_reviewers_column_beyond_the_print_area_keeps_her_line_breaks(yantian):  # noqa: F811
    """fix26 put yoy's own cells beyond the print area on a line (其他证据's breaks as spaces, so
    that Calc does not grow a reviewer's row for them); a column of hers there is her text: its
    line breaks and its wrapping are kept over the rewrite, in the file and in the store."""
    store, _, book = yantian
    head = [c.value for c in openpyxl.load_workbook(book)[SHEET][2]]
    typed = _insert(book, head[head.index("ID") - 1], "责任人", {1: "区发改局\n张三"})
    code, _, err = yoy(*COMPARE, "--store", store, "--out", book.parent.parent)
    assert code == 0, err
    ws = openpyxl.load_workbook(book)[SHEET]
    header = [c.value for c in ws[2]]
    at, id_at = header.index("责任人"), header.index("ID")
    cells = {r[id_at].value: r[at] for r in ws.iter_rows(min_row=3) if r[id_at].value}
    (rid, text), = typed.items()
    assert cells[rid].value == "区发改局\n张三" and cells[rid].alignment.wrap_text
    stored = yaml.safe_load((store / "reviews" / "盐田区-gov-work-report-2024-2025.yaml")
                            .read_text(encoding="utf-8"))
    assert stored["commitments"][rid]["extra"]["责任人"] == text
    # yoy's own cells there stay on a line (the check above can fail: it is not every cell)
    other = header.index("其他证据")
    assert any(isinstance(r[other].value, str) and not r[other].alignment.wrap_text
               for r in ws.iter_rows(min_row=3) if r[id_at].value)
