"""Cells: what a cell may hold (text, numbers, dates, links, rich text, formulas), its look
(`Formats`), Excel's limits on it, and how tall a row of wrapped cells prints.

    put(ws, row, col, value, fmt)   → one cell written, text always as text
    fitted_height(values, widths)   → a row's height in points, its wrapped text shown whole
"""
from __future__ import annotations

import functools
import math
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from compare.workbook.template import CharUnits, Sheet, Template, fill, utf16_len

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet


class Link(NamedTuple):
    """A cell value that links to a place in the workbook, e.g. 'Diff'!A5."""
    value: Any
    location: str


class Rich(NamedTuple):
    """A cell value in runs of different looks (see Formats): ((look, text), ...)."""
    runs: tuple[tuple[str, str], ...]


class Formula(NamedTuple):
    """A cell the spreadsheet computes, e.g. a count over a column that people fill in.

    `{row}` in `formula` is the cell's own row as Excel numbers it; `value` is the result
    as yoy computes it when writing, stored beside the formula so that a reader which does
    not recalculate (a viewer, openpyxl) still shows it."""
    formula: str
    value: Any = ""


def unit_format(unit: str) -> str:
    """An Excel number format showing a number as it is, its `unit` after it (quoted: a %
    there is a character, not a scaling by 100).

    >>> unit_format("%"), unit_format('微克/立方米')
    ('General"%"', 'General"微克/立方米"')
    """
    return 'General"' + unit.replace('"', "") + '"'


def sheet_ref(name: str) -> str:
    """`name` quoted for a reference such as 'Diff'!A5."""
    return "'" + name.replace("'", "''") + "'"

class Formats:
    """The workbook's cell formats by look, made on first use: XlsxWriter formats
    belong to one workbook, and one per distinct look keeps the styles part small."""

    def __init__(self, wb: Workbook, tpl: Template):
        font = {"font_name": tpl.font.name, "font_size": tpl.font.size}
        body = {**font, "text_wrap": True, "valign": "top"}
        h = tpl.header
        self._wb = wb
        self._looks: dict[str, dict] = {
            "cell": body,
            # labels on the summary sheet run over the empty cells beside them: no wrap
            "bold": {**font, "bold": True, "valign": "top"},
            # a cell on one line, which a spreadsheet's fitting of its row never grows it for
            "line": {**font, "valign": "top"},
            # a roll-up row of a table (a plan task above its measures)
            "group": {**body, "bold": True},
            "title": {**font, "bold": True, "font_size": tpl.font.size + 4},
            "link": {**body, "font_color": f"#{tpl.link_colour}", "underline": 1},
            "header": {**font, "bold": h.bold, "font_color": f"#{h.font_colour}", "pattern": 1,
                       "bg_color": f"#{h.fill}", "text_wrap": True, "valign": "vcenter",
                       "align": "center"},
            # runs of the character diff (rich text)
            **{kind: {**body, "font_color": f"#{s.colour}", "bold": s.bold,
                      "font_strikeout": s.strike}
               for kind, s in tpl.diff.items()},
            # status colours, for conditional formatting
            **{f"tone.{name}": {"bg_color": f"#{t.fill}", "font_color": f"#{t.font}"}
               for name, t in tpl.palette.items()},
            # … underlined twice too, read on a black-and-white copy (a deadline overdue); not
            # bold, which widens the text past the line its row was fitted to
            **{f"tone.{name}.marked": {"bg_color": f"#{t.fill}", "font_color": f"#{t.font}",
                                       "underline": 2}
               for name, t in tpl.palette.items()},
            # … and as a cell's own look (a legend's sample, a figure short of plan)
            **{f"swatch.{name}": {**body, "pattern": 1, "bg_color": f"#{t.fill}",
                                  "font_color": f"#{t.font}"}
               for name, t in tpl.palette.items()},
        }
        self._made: dict[tuple, Format] = {}

    def __call__(self, look: str = "cell", num_format: str | None = None, quote: bool = False,
                 border: bool = False) -> Format:
        key = (look, num_format, quote, border)
        if key not in self._made:
            props = dict(self._looks[look])
            if num_format:
                props["num_format"] = num_format
            if quote:
                props["quote_prefix"] = True
            if border:
                props["border"] = 1  # thin, all four sides
            self._made[key] = self._wb.add_format(props)
        return self._made[key]


def column_letters(sheet: Sheet) -> dict[str, str]:
    """Each column key of `sheet` → its letter (A, B, …), for formulas that name columns."""
    from xlsxwriter.utility import xl_col_to_name
    return {c.key: xl_col_to_name(i) for i, c in enumerate(sheet.columns)}


_ILLEGAL_XML = re.compile(r"[\000-\010\013\014\016-\037]")
# Prefixes that make a typed-in cell a formula (or a CSV injection when exported).
_RISKY = ("=", "+", "-", "@", "\t", "\r")


# Excel's limit on a cell's text, in UTF-16 units; longer text is cut with a marker
# saying how much is missing (XlsxWriter would cut it silently and warn on stderr).
MAX_CELL = 32_767
_CUT = "…［{} characters cut: beyond Excel's cell limit］"
# The start of that marker, read back: text holding it is yoy's cut, never all a person typed
# (who may have typed around it, or had Excel cut it at its limit again).
CUT_MARK = re.compile(re.escape(_CUT[:_CUT.index("{}")]) + r"\d+"
                      + re.escape(_CUT[_CUT.index("{}") + 2:][:16]))


def legal(text: str) -> str:
    # control characters from PDF extraction are not allowed in the file's XML
    return _fit(_ILLEGAL_XML.sub("", text))


def _fit(text: str) -> str:
    keep = _kept(text)
    return text if keep == len(text) else text[:keep] + _CUT.format(len(text) - keep)


def _kept(text: str) -> int:
    """How many characters of `text` fit in a cell together with the cut marker."""
    if len(text) * 2 <= MAX_CELL or utf16_len(text) <= MAX_CELL:  # the common case costs nothing
        return len(text)
    budget = MAX_CELL - len(_CUT.format(len(text)))  # the marker's count only shrinks
    keep = budget
    while (excess := utf16_len(text[:keep]) - budget) > 0:
        keep -= (excess + 1) // 2  # a character is one or two units: never cuts too much
    return keep


def _fit_runs(runs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Rich-text runs cut to Excel's cell limit as a whole, the last run carrying the marker."""
    total = sum(len(text) for _, text in runs)
    keep = _kept("".join(text for _, text in runs))
    if keep == total:
        return runs
    out, room = [], keep
    for look, text in runs:
        if room <= 0:
            break
        out.append((look, text[:room]))
        room -= len(text)
    last_look, last_text = out[-1]
    out[-1] = (last_look, last_text + _CUT.format(total - keep))
    return tuple(out)


def put(ws: Worksheet, row: int, col: int, value: Any, fmt: Formats, look: str = "cell",
         num_format: str | None = None, border: bool = False) -> None:
    """Write one cell (row and col from 0). Text is always written as text, never as a
    formula, and text Excel would read as a formula is flagged (quote prefix) so that it
    stays text when a reviewer edits the cell; a formula is written only as a Formula."""
    if type(value) is str:  # the common case first: a table is mostly text
        text = legal(value)
        ws.write_string(row, col, text, fmt(look, num_format, text.startswith(_RISKY), border))
        return
    link = value.location if isinstance(value, Link) else None
    if link:
        value, look = value.value, "link"
    if isinstance(value, float) and not math.isfinite(value):
        value = None  # Excel has no NaN or infinity
    if value is None:
        ws.write_blank(row, col, None, fmt(look, num_format, border=border))
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt(look, num_format, border=border))
    elif isinstance(value, date):  # a datetime is a date too
        when = value if isinstance(value, datetime) else datetime(
            value.year, value.month, value.day)
        ws.write_datetime(row, col, when, fmt(look, num_format or "yyyy-mm-dd", border=border))
    elif isinstance(value, Formula):
        result = legal(value.value) if isinstance(value.value, str) else value.value
        ws.write_formula(row, col, value.formula.replace("{row}", str(row + 1)),
                         fmt(look, num_format, border=border), result)
    elif isinstance(value, Rich):
        (first_look, first_text), *more = _fit_runs(value.runs)
        quote = first_text.startswith(_RISKY)
        if not more:  # Excel's rich text needs two runs: one run is a plain string in its look
            ws.write_string(row, col, first_text, fmt(first_look, num_format, quote, border))
        else:
            runs = (part for run_look, text in _fit_runs(value.runs)
                    for part in (fmt(run_look), text))
            ws.write_rich_string(row, col, *runs, fmt(look, num_format, quote, border))
    else:
        text = legal(str(value))
        cell_format = fmt(look, num_format, text.startswith(_RISKY), border)
        if link:
            ws.write_url(row, col, f"internal:{link}", cell_format, text)
        else:
            ws.write_string(row, col, text, cell_format)


def put_row(ws: Worksheet, row: int, values: list, fmt: Formats, look: str = "cell",
            border: bool = False) -> None:
    for col, value in enumerate(values):
        put(ws, row, col, value, fmt, look, border=border)


def fitted_height(values: list[Any], widths: list[float], tpl: Template) -> float | None:
    """The height (points) of a row whose wrapped cells hold `values` in columns of `widths`
    (0: hidden), or None when one line is enough. Excel keeps the heights yoy sets, LibreOffice
    and printing never fit rows themselves, and a cut-off 具体举措 is a useless handout."""
    units = tpl.page.char_units
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if value is None or not width:
            continue
        if isinstance(value, Formula):
            value = value.value
        elif isinstance(value, Rich):
            value = "".join(text for _, text in value.runs)
        # a text that fits even were every character wide needs no counting (most cells of a row)
        if isinstance(value, str) and (len(value) * units.wide > width - units.padding
                                       or "\n" in value):
            lines = max(lines, wrapped_lines(value, width, units))
    if lines == 1:
        return None
    # Excel's highest row
    return min(409.0, round(lines * tpl.font.size * tpl.page.line_spacing + 4, 1))


# How Excel and LibreOffice break a line (kinsoku, as Unicode's line-breaking rules): never
# before closing punctuation nor after opening, never inside a run of ASCII letters and digits
# (20+8, PM2.5, 2196); anywhere else between two CJK characters.
_OPENING = "（《「『“‘〈【〔［｛(["
_CLOSING = "，。、；：？！）》」』”’〉】〕］｝…—～·%,.;:!?)]"
_TOKEN = re.compile(rf"[{re.escape(_OPENING)}]*(?:[!-~]+|\S|\s)[{re.escape(_CLOSING)}]*")


@functools.lru_cache(maxsize=4096)
def _token_size(token: str, narrow_unit: float, wide_unit: float) -> float:
    """A token's width in units; cached, as a ledger's tokens are mostly the same few thousand
    characters (the writer's largest cost before)."""
    narrow = len(token.encode("ascii", "ignore"))
    digits = sum(c.isdigit() for c in token) if narrow else 0
    # a digit is the unit itself (a column's width counts the font's widest digit)
    return digits + (narrow - digits) * narrow_unit + (len(token) - narrow) * wide_unit


def wrapped_lines(text: str, width: float, units: CharUnits | None = None) -> int:
    """How many lines `text` wraps to in a column `width` units wide (Excel's unit: a digit of the
    workbook's font), a digit one unit, any other character as wide as `units` (the template's
    char_units) says for its class, broken where a spreadsheet breaks it.

    >>> wrapped_lines("国内生产总值增长6%以上", 10), wrapped_lines("a" * 30, 10)
    (3, 4)
    """
    units = units or CharUnits()
    room = max(width - units.padding, units.wide)
    n = 0
    for part in text.split("\n"):
        lines, used = 1, 0.0
        for token in _TOKEN.findall(part):
            size = _token_size(token, units.narrow, units.wide)
            if used and used + size > room:
                if token.isspace():  # a space ending a line takes no room
                    continue
                lines, used = lines + 1, 0.0
            if size > room:  # a run longer than a line is broken inside it
                lines += math.ceil(size / room) - 1
                size -= (math.ceil(size / room) - 1) * room
            used += size
        n += lines
    return n


def reworded_note(key: str, recorded: str | None, text: str | None, tpl: Template,
                  lang: str, *, dropped: bool = False) -> dict[str, dict[str, str]]:
    """A row's `_notes` (sheets.write_sheets: a note on its `key` cell) when its entry was given
    to a text reading `recorded` and the row now reads `text` otherwise (a 更正版 re-ingested:
    store.reviews.reworded), saying what changed; else nothing. The warning is printed and on
    概览 too; the note is where the reviewer or the office looks (ua22b F3). `dropped`: as
    store.reviews.reworded (a comparison's row)."""
    from compare.store.reviews import reworded
    change = reworded(recorded, text, dropped=dropped)
    return ({"_notes": {key: fill(tpl.label("reworded_note", lang), {"change": change})}}
            if change else {})


def mark_reworded(rows: list[dict[str, Any]], entries: Any, tpl: Template, lang: str,
                  spec: Sheet | None = None) -> None:
    """The notes on a comparison ledger's `rows` (entries: id → its review): a reviewed row whose
    text changed since (reworded_note, words dropped too), and a row without a review whose text
    was split off a reviewed row's (a 更正版 cutting a sentence in two, ua24 M3: the review went to
    one part, the other part is to be checked too). A review set aside because its sentence is
    now several rows (store.reviews.split_parts) is shown in each part's 复核意见 cell behind
    the split_aside_mark, which review_import reads as no entry of hers (calc25 1): notes do
    not print. `spec`: the ledger's sheet, whose 复核状态 vocabulary names the status."""
    from compare.store.reviews import SET_ASIDE, Row, split_parts, text_key
    by_id = {row["id"]: row for row in rows if row.get("id")}
    current = {rid: Row(row.get("text") or "") for rid, row in by_id.items()}
    vocab = next((c.vocab for c in (spec.columns if spec else ()) if c.key == "review_status"),
                 None)
    for key in sorted(k for k in entries if k.endswith(SET_ASIDE)):
        entry, cut = entries[key], split_parts(entries[key].text, current)
        status = entry.status and vocab and tpl.vocab[vocab].get(entry.status)
        said = "；".join(" ".join(str(v).split()) for v in (
            status.get(lang) if status else entry.status, entry.note, entry.reviewed_by) if v)
        for rid in cut:
            if rid not in entries and not by_id[rid].get("review_note"):
                by_id[rid]["review_note"] = tpl.label("split_aside_mark", lang) + said
                by_id[rid].setdefault("_notes", {})["text"] = fill(
                    tpl.label("split_aside_note", lang), {"rows": "、".join(cut)})
    split = {}   # the recorded text of a review whose row lost words → that row's id
    for row in rows:
        if row.get("id") in entries:
            entry = entries[row["id"]]
            row.update(reworded_note("text", entry.text, row["text"], tpl, lang, dropped=True))
            was, now = text_key(entry.text), text_key(row["text"])
            if now and now != was and now in was:
                split[was] = row["id"]
    for row in rows:
        now = text_key(row.get("text"))
        parts = [(rid, was) for was, rid in sorted(split.items()) if now and now in was]
        if row.get("id") not in entries and parts:
            notes = row.setdefault("_notes", {})
            notes["text"] = fill(tpl.label("split_note", lang), {"row": parts[0][0]})
