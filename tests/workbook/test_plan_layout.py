"""wb26 (calc25 finding 5): a 台账 written again keeps the clerk's layout — her column order (yoy's
columns and hers), an autofilter she set and a print range she widened — with every entry typed."""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import FilterColumn, Filters

from compare.jobs.plan import plan_report
from compare.workbook.plan_layout import Layout, ordered
from compare.workbook.template import load_template
from tests.support import copy_store

SHEET = "工作台账"
UNIT = "区发改局"


def _write(store: Path, out: Path) -> Path:
    return plan_report(store=store, region="盐田区", kind="gov-work-report", year=2022,
                       out=out).path


def _table(ws) -> tuple[list[str], list[list]]:
    """The header (row 2) and the rows below it, as values."""
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    return rows[0], rows[1:]


def _laid_out(ws, order: list[str]) -> None:
    """The sheet's columns from the header row down rewritten in `order` (headers), as moving a
    column in Excel or Calc leaves them: a header not in `order` is deleted."""
    header, body = _table(ws)
    at = {h: i for i, h in enumerate(header)}
    for c in range(1, len(header) + 1):
        for r in range(2, ws.max_row + 1):
            ws.cell(r, c).value = None
    for c, h in enumerate(order, 1):
        ws.cell(2, c).value = h
        for r, values in enumerate(body, 3):
            ws.cell(r, c).value = values[at[h]] if h in at else None


@pytest.fixture
def edited(tmp_path):
    """A 台账 its clerk edited: 牵头单位 typed on four measures, her own column 督办人 moved
    before 具体举措 and 备注 after 序号, 佐证材料 deleted, an autofilter showing 区发改局's rows and
    the print range widened to 联系人; and the same 台账 written again."""
    store = copy_store(tmp_path / "store")
    book = _write(store, tmp_path / "out")
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    header, body = _table(ws)
    at = {h: i for i, h in enumerate(header)}
    measures = [r for r, values in enumerate(body, 3) if isinstance(values[at["序号"]], int)]
    typed = {ws.cell(r, at["ID"] + 1).value: u for r, u in
             zip(measures[:4], [UNIT, "区财政局", UNIT, UNIT], strict=True)}
    for r in measures[:4]:
        ws.cell(r, at["牵头单位"] + 1).value = typed[ws.cell(r, at["ID"] + 1).value]
    ws.cell(2, len(header) + 1).value = "督办人"
    ws.cell(measures[0], len(header) + 1).value = "王芳"
    moved = ("序号", "备注", "佐证材料")
    order = ["序号", "备注", "督办人", *(h for h in header if h not in moved)]
    _laid_out(ws, order)
    last = get_column_letter(len(order))
    lead = order.index("牵头单位")
    ws.auto_filter.ref = f"A2:{last}{ws.max_row}"
    ws.auto_filter.filterColumn.append(FilterColumn(colId=lead, filters=Filters(filter=[UNIT])))
    for r in range(3, ws.max_row + 1):
        ws.row_dimensions[r].hidden = ws.cell(r, lead + 1).value != UNIT
    ws.print_area = f"A1:{get_column_letter(order.index('联系人') + 1)}{ws.max_row}"
    wb.save(book)
    again = _write(store, tmp_path / "out")
    assert again == book
    return order, typed, openpyxl.load_workbook(book)[SHEET]


def test_a_rewritten_台账_keeps_her_column_order(edited):
    order, typed, ws = edited
    header, body = _table(ws)
    # her order, 佐证材料 (deleted) back right of 联系人, where the template has it
    expected = list(order)
    expected.insert(order.index("联系人") + 1, "佐证材料")
    assert header == expected
    at = {h: i for i, h in enumerate(header)}
    # every entry on its row (by ID), hers too
    leads = {row[at["ID"]]: row[at["牵头单位"]] for row in body if row[at["ID"]] in typed}
    assert leads == typed
    assert [row[at["督办人"]] for row in body if row[at["ID"]] == next(iter(typed))] == ["王芳"]
    # 当前状态 follows the period columns where they now stand
    formula = next(row[at["当前状态"]] for row in body if isinstance(row[at["序号"]], int))
    cited = {header[openpyxl.utils.column_index_from_string(c) - 1]
             for c in re.findall(r"([A-Z]+)\d+<>", formula)}
    assert cited == {f"{q}季度完成状态" for q in "一二三四"}


def test_a_rewritten_台账_keeps_her_filter_and_print_range(edited):
    order, typed, ws = edited
    header, _ = _table(ws)
    at = {h: i for i, h in enumerate(header)}
    last = get_column_letter(len(header))
    assert ws.auto_filter.ref == f"A2:{last}{ws.max_row}"
    (fc,) = ws.auto_filter.filterColumn
    assert fc.colId == at["牵头单位"] and list(fc.filters.filter) == [UNIT]
    hidden = {r for r in range(3, ws.max_row + 1) if ws.row_dimensions[r].hidden}
    shown = set(range(3, ws.max_row + 1)) - hidden
    assert {ws.cell(r, at["牵头单位"] + 1).value for r in shown} == {UNIT}
    assert len(shown) == sum(u == UNIT for u in typed.values())
    # three rows shown print on one page: no page is broken for the rows hidden
    assert not ws.row_breaks.brk
    contact = get_column_letter(at["联系人"] + 1)
    assert ws.print_area == f"'{SHEET}'!$A$1:${contact}${ws.max_row}"
    assert ws["A1"].value and f"A1:{contact}1" in {str(m) for m in ws.merged_cells}


def test_a_台账_saved_unmoved_takes_the_templates_order():
    """Her file in the order yoy wrote it (an older yoy's, say) is no order of hers: a newer
    template's order is not undone by it."""
    spec = load_template().sheets.plan
    headers = [c.zh for c in spec.columns]
    moved = [headers[1], headers[0], *headers[2:]]
    assert ordered(spec, Layout(headers, written=headers)) == spec
    assert [c.zh for c in ordered(spec, Layout(moved, written=headers)).columns] == moved
    # an older yoy's order, saved unmoved: the template's, even where it differs
    older = [headers[0], headers[2], headers[1], *headers[3:]]
    assert ordered(spec, Layout(older, written=older)) == spec


def test_her_layout_and_her_column_hold_over_every_rewrite(edited, tmp_path):
    """ver26: her order held for one rewrite only (yoy recorded the order it wrote, hers, so the
    next file read as "saved unmoved"; a file as yoy wrote it was read as no layout at all), and
    her own column, once written back, was recorded as yoy's: the next rewrite refused her new
    entries in it as typed under a header yoy cannot place."""
    order, typed, ws = edited
    header, _ = _table(ws)
    store, book = tmp_path / "store", tmp_path / "out" / "盐田区" / "gov-work-report-2022-plan.xlsx"
    book = _write(store, tmp_path / "out")   # untouched since yoy wrote it
    ws = openpyxl.load_workbook(book)[SHEET]
    assert _table(ws)[0] == header and ws.auto_filter.filterColumn
    wb = openpyxl.load_workbook(book)   # she types again, in her column too, and saves
    ws = wb[SHEET]
    at = {h: i for i, h in enumerate(header)}
    row = next(r for r in range(3, ws.max_row + 1)
               if isinstance(ws.cell(r, at["序号"] + 1).value, int)
               and ws.cell(r, at["督办人"] + 1).value is None)
    ws.cell(row, at["督办人"] + 1).value = "李强"
    wb.save(book)
    book = _write(store, tmp_path / "out")
    ws = openpyxl.load_workbook(book)[SHEET]
    header2, body = _table(ws)
    assert header2 == header
    assert sorted(r[at["督办人"]] for r in body if r[at["督办人"]]) == ["李强", "王芳"]
