"""Sheets: writing the template's tables with XlsxWriter.

Every workbook yoy writes (the comparison's, the plan year's 台账, the tracker) is tables
written here, each as its sheet in templates/workbook.yaml says: headers, widths, formats,
status colours, drop-downs, frozen header, autofilter and page setup. Nothing here knows
what a row means; the modules beside it decide what goes in which column.

    write_sheets(path, tables, …)   → plain tables as a workbook, atomically
    Book(tpl, lang)                 → a workbook being written, for sheets that are not tables
    legend_rows(tpl, keys, lang)    → the legend sheet: what each column and value means

The template is template.py's, what goes in a cell cells.py's.

XlsxWriter writes the workbook (openpyxl costs ~60 µs a cell); openpyxl reads it back
(review_import.py, plan_import.py). Same content, same bytes: the document time is fixed.
"""
from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import YoyError
from compare.files import atomic_write
from compare.workbook.cells import Formats, Rich, fitted_height, legal, put, put_row
from compare.workbook.template import (
    COLUMNS_PREFIX,
    PROVENANCE_SHEET,
    Column,
    PageSpec,
    Sheet,
    Template,
    load_template,
    sheet_names,
)

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

# Fixed document time (XlsxWriter fixes the zip-member times), so the same content
# gives the same bytes; XlsxWriter stamps its zip members 1980-01-01 itself.
FIXED_TIME = datetime(2000, 1, 1)


class Book:
    """A workbook being written: XlsxWriter in memory, with the template's sheet names and
    cell formats. Tables go in with `table`, anything else on a `sheet`; `save` writes the
    file atomically."""

    def __init__(self, tpl: Template, lang: str, *, printed: bool = False):
        """printed: a workbook made to be printed (the 台账): the template's font is also the
        workbook's default, on which spreadsheets base column widths, so the columns print as
        wide as the template says rather than as wide as a substitute for Calibri makes them
        (LibreOffice without Calibri draws them a third wider, and shrinks the page to fit)."""
        import xlsxwriter
        self.tpl, self.lang = tpl, lang
        self.names = sheet_names(tpl, lang)
        self._buf = io.BytesIO()
        options: dict[str, Any] = {"in_memory": True}
        if printed:
            options["default_format_properties"] = {"font_name": tpl.font.name,
                                                    "font_size": tpl.font.size}
        self.wb = xlsxwriter.Workbook(self._buf, options)
        self.wb.set_properties({"author": "yoy", "created": FIXED_TIME})
        self.fmt = Formats(self.wb, tpl)

    def sheet(self, key: str) -> Worksheet:
        """A new sheet named as the template names `key`."""
        return self.wb.add_worksheet(self.names[key], worksheet_class=_worksheet())

    def table(self, key: str, rows: list[dict], spec: Sheet | None = None,
              title: str | None = None) -> Worksheet:
        """A new sheet holding `rows` (column key → value) as the template's sheet `key`, or
        `spec`, says; `title`: a title row above the header, also the printed pages' header."""
        ws = self.sheet(key)
        _write_table(ws, spec if spec is not None else getattr(self.tpl.sheets, key), rows,
                     self.tpl, self.lang,
                     self.fmt, title)
        return ws

    def provenance(self, values: Mapping[str, Any], columns_of: Iterable[str] = ()) -> None:
        """The hidden _yoy sheet: key → value, what the imports read back; and for each sheet
        of `columns_of`, the headers of yoy's columns there (`columns:<key>`, JSON), by which an
        import with other templates than the workbook was written with (a user's workbook.yaml
        showing more columns, or fewer) tells them from a reviewer's own (review code24)."""
        import json
        ws = self.wb.add_worksheet(PROVENANCE_SHEET)
        ws.hide()
        values = {**values, **{f"{COLUMNS_PREFIX}{key}": json.dumps(
            [c.get(self.lang) for c in getattr(self.tpl.sheets, key).columns], ensure_ascii=False)
            for key in columns_of}}
        _write_table(ws, _PROVENANCE, [{"key": k, "value": v} for k, v in values.items()],
                     self.tpl, self.lang, self.fmt)

    def save(self, path: Path) -> Path:
        self.wb.close()
        atomic_write(Path(path), self._buf.getvalue())
        return Path(path)


@functools.cache
def _worksheet() -> type:
    """XlsxWriter's worksheet, less two costs of its inner loops that yoy's cells never need:

    - the rewriting of each formula for Excel's newer functions (thirty regular expressions a
      formula: half the time of writing a 台账's 860 formulas). yoy's formulas (COUNTIFS, IF,
      TODAY, ISNUMBER, OFFSET) use none of those functions.
    - the escaping of a text or number cell's attributes as it is written out: its reference
      (A1), style and string index are letters and digits, never escaped, so the element is
      written whole, as XlsxWriter writes it (a comparison's workbook: ≈ 6,500 cells, a seventh
      of its writing). Other cells are written as XlsxWriter writes them.
    """
    from xlsxwriter.utility import xl_rowcol_to_cell_fast
    from xlsxwriter.worksheet import Worksheet

    class YoyWorksheet(Worksheet):
        # rows (0-based) written with their height but no fixed one (Sheet.refit_rows): Excel
        # and LibreOffice keep the height when opening, and fit the row again when it is typed
        # into (XlsxWriter marks every row of its own height customHeight, which they never refit)
        refit: set[int] = set()
        _refitting = False
        # a sheet with notes on cells prints them after its pages (Excel's and Calc's "notes at
        # end of sheet"): a note marking a row (cells.reworded_note) is on paper too
        notes_printed = False

        def _xml_empty_tag(self, tag: str, attributes: Any = None) -> None:
            if tag == "pageSetup" and self.notes_printed:
                attributes = [*(attributes or []), ("cellComments", "atEnd")]
            super()._xml_empty_tag(tag, attributes)

        def _write_row(self, row: int, *args: Any, **kwargs: Any) -> None:
            self._refitting = row in self.refit
            try:
                super()._write_row(row, *args, **kwargs)
            finally:
                self._refitting = False

        def _xml_start_tag_unencoded(self, tag: str, attributes: Any = None) -> None:
            super()._xml_start_tag_unencoded(tag, self._refit_attributes(tag, attributes))

        def _xml_empty_tag_unencoded(self, tag: str, attributes: Any = None) -> None:
            super()._xml_empty_tag_unencoded(tag, self._refit_attributes(tag, attributes))

        def _refit_attributes(self, tag: str, attributes: Any) -> Any:
            if tag != "row" or not self._refitting or not attributes:
                return attributes
            return [a for a in attributes if a[0] != "customHeight"]

        def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
            # as XlsxWriter's: without the array braces and the leading =
            formula = formula[1:] if formula.startswith("{") else formula
            formula = formula[1:] if formula.startswith("=") else formula
            return formula[:-1] if formula.endswith("}") else formula

        def _write_cell(self, row: int, col: int, cell: Any) -> None:
            kind = cell.__class__.__name__
            if cell.format is None or self.constant_memory or kind not in _WHOLE:
                super()._write_cell(row, col, cell)
                return
            # as XlsxWriter's _xml_number_element and _xml_string_element write them
            at = f'r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}"'
            if kind == "Number":
                self.fh.write(f"<c {at}><v>{cell.number:.16G}</v></c>")
            else:  # a shared string's index, plain or rich
                self.fh.write(f'<c {at} t="s"><v>{cell.string}</v></c>')

    return YoyWorksheet


# The cells `_worksheet` writes whole: XlsxWriter's cell tuples of a number and a shared string.
_WHOLE = frozenset({"Number", "String", "RichString"})


def write_sheets(path: Path, tables: list[tuple[str, list[dict]]], *, lang: str = "zh",
                 templates: Path | None = None,
                 decorate: Callable[[Any, dict[str, Any]], None] | None = None,
                 specs: Mapping[str, Sheet] | None = None,
                 provenance: Mapping[str, Any] | None = None,
                 titles: Mapping[str, str] | None = None) -> Path:
    """Write plain tables as a workbook at `path`, atomically, each as its template sheet says.

    tables      (sheet key in the template, rows as column key → value), in sheet order.
                A row's `_look` key, when given, is the look of its cells (e.g. "group").
    decorate    called with the XlsxWriter workbook and sheet key → worksheet before it is
                closed, e.g. to add charts (the tracker's target series).
    specs       sheet key → the Sheet to write instead of the template's (columns made
                at run time, e.g. the plan sheet's periods).
    provenance  key → value, written to the hidden _yoy sheet the imports read back.
    titles      sheet key → its title, in a row above the header and the printed pages' header.
    """
    book = Book(load_template(templates), lang)
    sheets = {key: book.table(key, rows, specs.get(key) if specs else None,
                              title=(titles or {}).get(key)) for key, rows in tables}
    if provenance is not None:
        book.provenance(provenance)
    if decorate:
        decorate(book.wb, sheets)
    return book.save(path)


def written_by_yoy(path: Path) -> bool:
    """Whether the workbook at `path` is as a yoy writer left it: its document properties still
    carry the fixed time (FIXED_TIME) that Excel, LibreOffice and openpyxl replace on saving."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as zf:
            core = zf.read("docProps/core.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return (re.search(rb"<dcterms:modified[^>]*>" + re.escape(stamp) + rb"</dcterms:modified>",
                      core) is not None)


# Machine-read, so fixed here rather than in the template.
_PROVENANCE = Sheet(zh=PROVENANCE_SHEET, en=PROVENANCE_SHEET, columns=[
    Column(key="key", zh="key", en="key", width=16), Column(key="value", zh="value",
                                                            en="value", width=60)])



def _xl_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _write_table(ws: Worksheet, sheet: Sheet, rows: list[dict], tpl: Template, lang: str,
                 fmt: Formats, title: str | None = None) -> None:
    """The one table writer: header, rows, widths, formats, status colours, drop-downs,
    frozen header, autofilter and print settings, all as `sheet` in the template says;
    `title` goes in a row of its own above the header and in the printed pages' header."""
    from xlsxwriter.utility import xl_range
    cols = sheet.columns
    top = 0 if title is None else 1  # the header's row
    put_row(ws, top, [c.get(lang) for c in cols], fmt, "header", border=sheet.border)
    formats = [c.number_format(lang) for c in cols]
    keys = [c.key for c in cols]
    through = keys.index(sheet.print_through) if sheet.print_through in keys else len(cols) - 1
    # a person's own columns right of the last printed one (her 备注 after 复核人) print with it:
    # she put them beside what she prints (left25; the page is fitted to its width)
    while through + 1 < len(cols) and keys[through + 1].startswith("extra."):
        through += 1
    # the widths a row is fitted to: a hidden column's (0) is not, nor one beyond the print
    # area's when the sheet fits its rows to what prints
    widths = [0.0 if c.hidden or (sheet.fit_rows == "printed" and i > through) else c.width_in(lang)
              for i, c in enumerate(cols)]
    printed_heights: list[float] = []  # each row's height as printed (points), for page breaks
    refit: set[int] = set()   # rows typed into, which the spreadsheet may fit again (refit_rows)
    for r, row in enumerate(rows, top + 1):
        look = row.get("_look", "cell")
        # a row Calc fits again to what a reviewer types counts only what prints (refit_rows:
        # printed): the cells beyond the print area stay on a line
        beyond = (len(cols) if sheet.refit_rows != "printed" or look != "cell"
                  or row.get("id") is None else through)
        shown: list[Any] = []  # the row as its cells show it (a status by its label)
        for c, col in enumerate(cols):
            if col.key not in row:
                known = ", ".join(k for k in row if not k.startswith("_"))
                raise YoyError(tpl.path,
                               f"sheet {sheet.zh}: unknown column {col.key!r} (known: {known})")
            value = row[col.key]
            if col.vocab and isinstance(value, str) and value:
                value = tpl.term(col.vocab, value, lang)
            shown.append(value)
            if (value is None or value == "") and (look == "cell" or sheet.border):
                # the column's format (below) is a plain empty cell's: half a
                # ledger's cells are empty; a roll-up row's are written, so that the whole row keeps
                # its look, unless the row's format (below: a bordered table) gives it
                continue
            # yoy's own cells beyond the print area, not a column of hers, whose text is hers
            flat = c > beyond and not col.key.startswith("extra.")
            if flat and isinstance(value, str):
                # LibreOffice shows a cell's line breaks, and fits its row to them, even when the
                # cell does not wrap (其他证据: a candidate a line, 22 → 64 mm for a typed 复核人)
                value = value.replace("\n", "  ")
            put(ws, r, c, value, fmt, "line" if flat else look,
                num_format=row.get("_formats", {}).get(col.key, formats[c]), border=sheet.border)
        for key, note in sorted(row.get("_notes", {}).items()):
            # a note on the cell (Excel's and Calc's red corner): a row's entry given when its
            # text read otherwise (store.reviews.reworded)
            ws.write_comment(r, keys.index(key), note, {"x_scale": 2, "y_scale": 1.5})
            ws.notes_printed = True
        height = fitted_height(shown, widths, tpl) if sheet.fit_rows else None
        # a hidden row takes no room on paper: no page is broken for it
        printed_heights.append(0.0 if row.get("_hidden") else height or DEFAULT_ROW_HEIGHT)
        # the row's format borders its empty cells (cheaper than writing them); the outline level
        # groups it under the roll-up row above it (Excel's outline)
        # `_hidden`: a row a clerk's kept filter hides (plan_layout), as her file had it hidden
        if row.get("_level") or height or sheet.border or row.get("_hidden"):
            ws.set_row(r, height, fmt(look, border=True) if sheet.border else None,
                       {"level": row.get("_level", 0), "hidden": bool(row.get("_hidden"))})
        if sheet.refit_rows and look == "cell" and row.get("id") is not None:
            refit.add(r)
    if refit:
        ws.refit = refit   # YoyWorksheet's
    # colours and drop-downs cover one row at least
    first, last_row = top + 1, top + max(len(rows), 1)
    # drop-downs only on the rows that take entries: a row without an ID (a ledger's roll-up row)
    # is not read back, so it is offered no choice there
    runs = _runs([r for r, row in enumerate(rows, first) if row.get("id", r) is not None]
                 if rows else [first])
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width_in(lang), fmt("cell", formats[c]), {"hidden": col.hidden})
        if not col.vocab:
            continue
        terms = tpl.vocab[col.vocab]
        for term in terms.values():
            if term.colour:
                ws.conditional_format(first, c, last_row, c, {
                    "type": "cell", "criteria": "==", "value": _xl_string(term.get(lang)),
                    "format": fmt(f"tone.{term.colour}")})
        if col.dropdown and runs:
            (top_row, bottom), *more = runs
            ws.data_validation(top_row, c, bottom, c, {
                "validate": "list", "ignore_blank": True,
                "source": [t.get(lang) for k, t in terms.items() if k not in col.dropdown_exclude],
                "show_error": True, "error_title": tpl.label("invalid_title", lang),
                "error_message": tpl.label("invalid_text", lang),
                **({"multi_range": " ".join(xl_range(a, c, b, c) for a, b in runs)}
                   if more else {})})
    ws.freeze_panes(top + 1, sheet.freeze_columns)
    ws.autofilter(top, 0, top + len(rows), len(cols) - 1)
    ws.repeat_rows(top)
    page_setup(ws, tpl.page, sheet.margins, sheet.one_page)
    if title is not None:
        title_row(ws, title, through, tpl, lang, fmt)
        if sheet.print_through is not None:
            ws.print_area(0, 0, top + len(rows), through)
        if sheet.fit_rows:
            header = fitted_height([c.get(lang) for c in cols], widths, tpl)
            ws.set_row(top, header)
            if any(row.get("_look") == "group" for row in rows):
                room = page_room(tpl.page, sheet.margins or tpl.page.margins)
                if room is not None:
                    rest = room - (header or DEFAULT_ROW_HEIGHT)
                    breaks = heading_breaks(printed_heights,
                                            [row.get("_look") == "group" for row in rows],
                                            rest - title_height(tpl), rest)
                    ws.set_h_pagebreaks([top + 1 + b for b in breaks])
    if not rows and not sheet.print_empty:
        # a blank cell: Excel and LibreOffice print nothing of a sheet whose print area is blank
        ws.print_area(top + 1, 0, top + 1, 0)


# A row yoy sets no height for prints at the sheet's default (xlsxwriter's, in points).
DEFAULT_ROW_HEIGHT = 15.0
# Paper sizes (points, portrait width × height) by Excel's paper code (the template's page.paper).
PAPER = {9: (595.28, 841.89), 8: (841.89, 1190.55), 1: (612.0, 792.0)}


def title_height(tpl: Template) -> float:
    """The title row's height (points): a line of the title's font, 4 points larger."""
    return (tpl.font.size + 4) * tpl.page.line_spacing + 6


def page_room(page: PageSpec, margins: Sequence[float]) -> float | None:
    """The height (points) a printed page has for rows at 100% (between its top and bottom
    margins: the page header and footer stand in them); None for a paper yoy knows no size of."""
    if page.paper not in PAPER:
        return None
    width, height = PAPER[page.paper]
    return (width if page.orientation == "landscape" else height) - 72 * (margins[2] + margins[3])


def heading_breaks(heights: Sequence[float], headings: Sequence[bool], first: float,
                   rest: float) -> list[int]:
    """The rows (indices) that start a printed page, the first page having `first` points for rows
    and each other `rest`: as many rows as fit, except that a page never ends with heading rows
    (a section's or task's) whose rows follow on the next page — they start it. All breaks are
    set, so that a spreadsheet's own never falls elsewhere: at 100% the rows fit as counted here,
    and Excel and LibreOffice print a sheet at 100% or smaller (one page wide, never wider).

    >>> heading_breaks([15, 15, 15, 15, 15], [False, False, True, False, False], 45, 45)
    [2]
    """
    breaks: list[int] = []
    start, room, used = 0, first, 0.0
    for i, h in enumerate(heights):
        h = math.ceil(h / PIXEL) * PIXEL  # a row is drawn in whole pixels
        if used + h <= room or i == start:
            used += h
            continue
        j = i
        while j - 1 > start and headings[j - 1]:
            j -= 1
        breaks.append(j)
        start, room = j, rest
        used = sum(math.ceil(x / PIXEL) * PIXEL for x in heights[j:i + 1])
    return breaks


PIXEL = 0.75  # points


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive ones.

    >>> _runs([1, 2, 3, 5, 7, 8])
    [(1, 3), (5, 5), (7, 8)]
    """
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def legend_rows(tpl: Template, keys: Sequence[str], lang: str) -> list[dict]:
    """The legend sheet's rows (item, meaning) for the sheets `keys`: the template's intro, then
    per sheet its name, each shown column with its help and, under a column with a vocabulary,
    each value with its help, in its status colour."""
    names = sheet_names(tpl, lang)
    rows: list[dict] = [{"item": None, "meaning": tpl.label("legend_intro", lang)}]
    for key in keys:
        rows.append({"item": names[key], "meaning": None, "_look": "group"})
        for col in getattr(tpl.sheets, key).columns:
            if col.hidden:
                continue
            rows.append({"item": col.get(lang), "meaning": col.help.get(lang)
                         if col.help else None})
            for term in tpl.vocab[col.vocab].values() if col.vocab else ():
                if term.help is not None:
                    look = f"swatch.{term.colour}" if term.colour else "cell"
                    rows.append({"item": Rich(((look, term.get(lang)),)),
                                 "meaning": term.help.get(lang),
                                 "_level": 1})
    return rows


def title_row(ws: Worksheet, title: str, last_col: int, tpl: Template, lang: str,
              fmt: Formats) -> None:
    """`title` across the first row's columns up to `last_col`, and in the printed pages' header
    (page_titles)."""
    if last_col > 0:
        ws.merge_range(0, 0, 0, last_col, legal(title), fmt("title"))
    else:
        put(ws, 0, 0, title, fmt, "title")
    ws.set_row(0, title_height(tpl))
    page_titles(ws, title, tpl, lang)


def page_titles(ws: Worksheet, title: str, tpl: Template, lang: str) -> None:
    """`title` in the printed pages' header, and their footer, as the template's `page` says."""
    escaped = title.replace("&", "&&")  # & starts a code in a page header
    for text, setter in ((tpl.page.header, ws.set_header), (tpl.page.footer, ws.set_footer)):
        if text is not None:
            setter(text.get(lang).replace("{title}", escaped))



def page_setup(ws: Worksheet, page: PageSpec,
               margins: tuple[float, float, float, float] | None = None,
               one_page: bool = False) -> None:
    """The template's page (orientation, paper, margins, one page wide); `one_page`: one page
    tall too, shrunk to fit."""
    if page.orientation == "landscape":
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(page.paper)
    ws.set_margins(*(margins or page.margins))
    if one_page:
        ws.fit_to_pages(1, 1)
    elif page.fit_to_width:
        ws.fit_to_pages(1, 0)  # one page wide, as many pages down as needed
