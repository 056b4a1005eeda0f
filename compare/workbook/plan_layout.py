"""The clerk's layout of a 台账 she edited, kept when yoy writes it again (calc25 finding 5).

A rewrite keeps every entry typed (the guard imports them first); this keeps how she laid the
工作台账 out: the order of its columns (yoy's and hers, as her header row has them), an
autofilter she set (its range and the values it shows, over the new rows) and the last column of
a print range she widened. It is read from her file before it is replaced (`read_layout`) and
applied to the sheet being written (`ordered`, `fitted_filter`, `filtered_rows`); nothing of it is
stored, so a file as yoy wrote it gives the same bytes again.

Columns are matched by header (yoy's in either language, its aliases, her own columns' as she
typed them). A column new in this version of yoy, or one she deleted and the rewrite brings back,
goes where the template puts it: right of its neighbour on the left.
"""
from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.workbook.template import PROVENANCE_SHEET, Column, Sheet

# How many rows from the top hold the header (a title row above it on a printed sheet).
_HEADER_ROWS = 5


@dataclass(frozen=True)
class Layout:
    """What a clerk's 工作台账 looks like: her header row's headers (left to right, None where a
    column has none), yoy's own headers in the template's order (its _yoy `columns`), her
    autofilter (its first and last column, from 0, and per column the values it shows) and her
    print range's last column (from 0)."""
    headers: list[str | None]
    written: list[str] | None = None
    filter_columns: tuple[int, int] | None = None
    shown: dict[int, set[str]] = field(default_factory=dict)
    print_last: int | None = None


def read_layout(path: Path, sheet: Sheet) -> Layout | None:
    """The layout of the 工作台账 (`sheet`: the template's, named in either language or by an
    alias) in the workbook at `path`; None when there is none to keep: no file, or one that cannot
    be read (the guard, which runs first, says why a file cannot be read; a layout is not worth a
    second refusal). A file as yoy wrote it holds her layout as yoy kept it (ver26: it was kept
    for one rewrite only), but for its autofilter, yoy's own unless it filters by her values."""
    from openpyxl import load_workbook

    from compare.ingest.readers import check_expansion
    from compare.workbook.sheets import written_by_yoy
    path = Path(path)
    if not path.is_file():
        return None
    yoys = written_by_yoy(path)
    try:
        with zipfile.ZipFile(path) as zf:
            check_expansion(path, zf.infolist())
        # not read-only: openpyxl's read-only sheets give no autofilter or print area
        wb = load_workbook(path)
    except Exception:   # noqa: BLE001 - whatever keeps it from being read, there is no layout
        return None
    names = {n for n in (sheet.zh, sheet.en, *sheet.aliases) if n}
    ws = next((wb[n] for n in wb.sheetnames if n in names), None)
    if ws is None:
        return None
    known = {_plain(h) for c in sheet.columns for h in _names(c)}
    tops = [[c.value for c in row] for row in ws.iter_rows(max_row=_HEADER_ROWS)]
    if not tops:
        return None
    top = max(range(len(tops)), key=lambda r: (sum(_plain(v) in known for v in tops[r]), -r))
    headers = [_plain(v) or None for v in tops[top]]
    columns, shown = _filter(ws)
    return Layout(headers, _written(wb), *((None, {}) if yoys and not shown else (columns, shown)),
                  _print_last(ws))


def _names(col: Column) -> list[str]:
    return [col.zh, col.en, *col.aliases]


def _plain(value: Any) -> str:
    """A header as matched: its text without spaces or line breaks (a header wrapped in Calc)."""
    return re.sub(r"\s+", "", str(value)) if value is not None else ""


def _written(wb: Any) -> list[str] | None:
    """yoy's own headers of the sheet in the template's order (the _yoy sheet's `columns`)."""
    if PROVENANCE_SHEET not in wb.sheetnames:
        return None
    for key, value, *_ in wb[PROVENANCE_SHEET].iter_rows(values_only=True):
        if key == "columns" and isinstance(value, str):
            try:
                headers = json.loads(value)
            except ValueError:
                return None
            return [_plain(h) for h in headers] if isinstance(headers, list) else None
    return None


def _filter(ws: Any) -> tuple[tuple[int, int] | None, dict[int, set[str]]]:
    """Her autofilter's columns (first, last, from 0) and, per column (from 0), the values it
    shows: a filter by values, as Excel's and Calc's drop-down checkboxes set it. A filter of
    another kind (a condition, the top ten) keeps its range and shows every row."""
    from openpyxl.utils import range_boundaries
    ref = ws.auto_filter.ref
    if not ref:
        return None, {}
    first, _, last, _ = (n or 1 for n in range_boundaries(ref))
    shown: dict[int, set[str]] = {}
    for fc in ws.auto_filter.filterColumn:
        if fc.filters is not None and fc.filters.filter:
            values = {str(v) for v in fc.filters.filter}
            shown[first - 1 + fc.colId] = values | ({""} if fc.filters.blank else set())
    return (first - 1, last - 1), shown


def _print_last(ws: Any) -> int | None:
    """The last column (from 0) of the sheet's print range (its first, when she set several)."""
    from openpyxl.utils import range_boundaries
    area = ws.print_area
    if not area:
        return None
    ref = (area[0] if isinstance(area, list) else str(area).split(",")[0]).split("!")[-1]
    return (range_boundaries(ref.replace("$", ""))[2] or 1) - 1


def _keys(layout: Layout, spec: Sheet, headers: Sequence[str | None] | None = None) -> list[
        str | None]:
    """The column key of `spec` each of `headers` (her header row's by default) names, or None."""
    by_name: dict[str, str] = {}
    for col in spec.columns:
        for name in _names(col):
            by_name.setdefault(_plain(name), col.key)
    return [by_name.get(h) if h else None for h in (layout.headers if headers is None
                                                      else headers)]


def ordered(spec: Sheet, layout: Layout | None) -> Sheet:
    """`spec` with its columns in her order and the print range's last column hers, where she
    changed them. A column of `spec` her header row does not have goes right of the column the
    template puts before it (the first, when none is). Her order is kept only where it differs
    from the template's order the file records: a file in that order takes the template's, which
    a newer yoy may have changed."""
    if layout is None:
        return spec
    keys = [c.key for c in spec.columns]
    hers = list(dict.fromkeys(k for k in _keys(layout, spec) if k is not None))
    update: dict[str, Any] = {}
    written = [k for k in _keys(layout, spec, layout.written) if k in hers] if layout.written \
        else None
    if hers and hers != written:
        order = list(hers)
        for i, key in enumerate(keys):
            if key in order:
                continue
            before = next((k for k in reversed(keys[:i]) if k in order), None)
            order.insert(order.index(before) + 1 if before is not None else 0, key)
        by_key = {c.key: c for c in spec.columns}
        update["columns"] = [by_key[k] for k in order]
    if layout.print_last is not None and layout.print_last < len(layout.headers):
        last = _keys(layout, spec)[layout.print_last]
        if last is not None:
            update["print_through"] = last
    return spec.model_copy(update=update) if update else spec


def fitted_filter(spec: Sheet, layout: Layout | None) -> tuple[tuple[int, int],
                                                                 dict[int, set[str]]] | None:
    """Her autofilter on `spec` (as `ordered` gives it): its first and last column and the values
    each filtered column shows, by column (from 0) of `spec`; None when she set none, or its
    columns are none of the sheet's."""
    if layout is None or layout.filter_columns is None:
        return None
    keys = _keys(layout, spec)
    at = {c.key: i for i, c in enumerate(spec.columns)}
    first, last = layout.filter_columns
    inside = [at[k] for k in keys[first:last + 1] if k is not None and k in at]
    named = {i: k for i, k in enumerate(keys) if k is not None and k in at}
    if not inside:
        return None
    shown = {at[named[i]]: values for i, values in layout.shown.items() if i in named}
    return (min(inside), max(inside)), shown


def filtered_rows(rows: list[dict], spec: Sheet, shown: dict[int, set[str]],
                  text: Any) -> list[dict]:
    """`rows` with the ones her filter hides marked `_hidden` (a spreadsheet hides them as it
    opens the file only if the file says so): a row is shown when each filtered column's cell,
    as the sheet shows it (`text`: column, value → text, None for a value it cannot say as the
    spreadsheet does, such as a date in its number format), is one of the values she picked. A
    column whose cell cannot be said hides no row: a filter yoy cannot read never hides entries."""
    if not shown:
        return rows
    cols = spec.columns
    out = []
    for row in rows:
        said = ((text(cols[c], row.get(cols[c].key)), values) for c, values in shown.items())
        hidden = any(t is not None and t not in values for t, values in said)
        out.append({**row, "_hidden": True} if hidden else row)
    return out
