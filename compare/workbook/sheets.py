"""Sheets: the workbook template, and writing its tables with XlsxWriter.

Every workbook yoy writes (the comparison's, the plan year's 台账, the tracker) is tables
written here, each as its sheet in templates/workbook.yaml says: headers, widths, formats,
status colours, drop-downs, frozen header, autofilter and page setup. Nothing here knows
what a row means; the modules beside it decide what goes in which column.

    load_template(templates)        → Template (validated; the user's templates first)
    sheet_names(tpl, lang)          → sheet key → its name in `lang`, legal for Excel
    sheet_titles(tpl, key)          → the names a sheet may have in a workbook (also its aliases) → language
    write_sheets(path, tables, …)   → plain tables as a workbook, atomically
    Book(tpl, lang)                 → a workbook being written, for sheets that are not tables
    legend_rows(tpl, keys, lang)    → the legend sheet: what each column and value means

XlsxWriter writes the workbook (openpyxl costs ~60 µs a cell); openpyxl reads it back
(review_import.py). Same content, same bytes: the document time is fixed.
"""
from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, get_args

from pydantic import Field, PrivateAttr, model_validator

from compare.errors import YoyError
from compare.files import atomic_write, validated
from compare.kinds import TEMPLATES, read_template, template_file
from compare.schema import (
    Change,
    CommitmentStatus,
    Comparator,
    MetricPart,
    Model,
    ShortcomingStatus,
    TargetNote,
    Verdict,
)

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

LANGS = ("zh", "en")
PROVENANCE_SHEET = "_yoy"
# Fixed document time (XlsxWriter fixes the zip-member times), so the same content
# gives the same bytes; XlsxWriter stamps its zip members 1980-01-01 itself.
FIXED_TIME = datetime(2000, 1, 1)


# ---- the template ------------------------------------------------------------

def _utf16_len(text: str) -> int:
    """Length as Excel counts it (a character beyond the BMP counts twice)."""
    return len(text.encode("utf-16-le")) // 2


Colour = Annotated[str, Field(pattern=r"^[0-9A-Fa-f]{6}$", description="RGB hex, e.g. C6EFCE")]

class Text(Model):
    zh: str
    en: str
    # other names read back as this one: a term's other spellings (an old label, a short form), a
    # column's other headers, a sheet's earlier names (workbooks of earlier versions still import)
    aliases: list[str] = []

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Term(Text):
    colour: str | None = None
    help: Text | None = None   # what the value means, on the legend sheet


class Column(Text):
    key: str
    width: float = 12
    format: str | Text | None = None   # an Excel number format, one for both languages or zh/en
    vocab: str | None = None
    dropdown: bool = False
    # vocabulary keys left out of this column's drop-down (still read back, e.g. a year-end status)
    dropdown_exclude: list[str] = []
    hidden: bool = False
    help: Text | None = None   # what the column holds, on the legend sheet

    def number_format(self, lang: str) -> str | None:
        return self.format.get(lang) if isinstance(self.format, Text) else self.format


class Sheet(Text):
    columns: list[Column] = []
    # for a sheet that is printed and handed out: thin borders round every cell of the table, row
    # heights that fit its wrapped text (LibreOffice does not fit them itself), the leading
    # columns frozen beside the header, and the print area ending at the column `print_through`
    border: bool = False
    fit_rows: bool = False
    freeze_columns: int = 0
    print_through: str | None = None
    margins: tuple[float, float, float, float] | None = None  # inches (left, right, top, bottom): the page's


class Sheets(Model):
    summary: Sheet
    legend: Sheet
    commitments: Sheet
    targets: Sheet
    sections: Sheet
    diff: Sheet
    metrics: Sheet
    shortcomings: Sheet
    tracker_commitments: Sheet
    tracker_targets: Sheet
    plan: Sheet
    plan_targets: Sheet
    plan_units: Sheet
    plan_summary: Sheet
    plan_history: Sheet


class Tone(Model):
    fill: Colour
    font: Colour


class RunStyle(Model):
    colour: Colour
    bold: bool = False
    strike: bool = False


class PlanLook(Model):
    """How the plan sheet (plansheet.py) treats the office's statuses, deadlines and targets."""
    # statuses only the last period may take (未完成 is the year's verdict, not a quarter's)
    year_end_statuses: list[str] = ["not_done"]
    # a deadline this many days away or fewer is 临期 (due soon)
    due_soon_days: int = 30
    # the 完成时限 cell's colour (palette names): done, overdue (逾期), due_soon (临期), on_track
    deadline_tones: dict[Literal["done", "overdue", "due_soon", "on_track"], str] = {}
    # 目标值 by comparator ({value}, {low}, {high}, {unit}); `fall` before a reduction target's
    target_forms: dict[Comparator, Text] = {}
    fall: Text = Text(zh="下降", en="fall of ")


class BriefLook(Model):
    """The year-end brief (brief.py): fonts (points) and the texts it is written in."""
    font: str = "仿宋_GB2312"
    size: float = 16
    title_font: str = "方正小标宋简体"
    title_size: float = 22
    heading_font: str = "黑体"
    table_size: float = 10.5
    flagged: list[str] = ["lagging", "not_done"]
    texts: dict[str, Text] = {}


class FontSpec(Model):
    name: str
    size: float = 10


class HeaderSpec(Model):
    bold: bool = True
    fill: Colour
    font_colour: Colour


class PageSpec(Model):
    orientation: Literal["landscape", "portrait"] = "landscape"
    paper: int = 9
    fit_to_width: bool = True
    # margins in inches (left, right, top, bottom), and the page header and footer of a sheet that
    # has a title (Excel's codes: &L &C &R sections, &P page, &N pages, &D date; {title} the title)
    margins: tuple[float, float, float, float] = (0.7, 0.7, 0.75, 0.75)
    header: Text | None = None
    footer: Text | None = None
    # a printed line's height as a multiple of the font size (CJK fonts run taller than Latin ones)
    line_spacing: float = 1.45


# Vocabularies whose keys the code writes: the template must name every one.
_CODE_VOCABS = {"commitment": get_args(CommitmentStatus), "target": get_args(Verdict),
                "shortcoming": get_args(ShortcomingStatus), "change": get_args(Change),
                "comparator": get_args(Comparator), "changed": ("changed", "unchanged"),
                "metric_part": get_args(MetricPart), "target_note": get_args(TargetNote),
                "plan_status": ("not_started", "in_progress", "lagging", "done", "not_done"),
                "plan_agreement": ("agree", "disagree")}
_LABELS = ("title", "report_title", "region", "kind", "year", "review_year", "plan_year", "source",
           "commitments", "targets", "shortcomings", "status", "count", "share", "total", "reviewed",
           "sheets", "tool_version", "engine_version", "store", "warnings",
           "invalid_title", "invalid_text", "plan_no_lead",
           "plan_by_unit", "plan_by_task", "plan_history_note", "legend_intro")


_BRIEF_TEXTS = ("draft", "date", "intro", "overall", "totals", "count", "share", "separator", "by_unit", "flagged",
                "none_flagged", "item", "progress", "problem", "next_step", "not_given", "requests", "requests_text")


class Template(Model):
    font: FontSpec
    header: HeaderSpec
    link_colour: Colour
    quotes: tuple[str, str]
    share_format: str = "0.0%"
    palette: dict[str, Tone]
    diff: dict[Literal["delete", "insert"], RunStyle]
    page: PageSpec = PageSpec()
    vocab: dict[str, dict[str, Term]]
    labels: dict[str, Text]
    sheets: Sheets
    periods: dict[Literal["quarter", "half", "month"], list[Text]]
    period_columns: list[Column]
    plan_sheet: PlanLook = PlanLook()
    brief: BriefLook = BriefLook()
    _path: Path = PrivateAttr(default=TEMPLATES / "workbook.yaml")

    @model_validator(mode="after")
    def _consistent(self) -> Template:
        for name, keys in _CODE_VOCABS.items():
            missing = [k for k in keys if k not in self.vocab.get(name, {})]
            if missing:
                raise ValueError(f"vocab.{name} lacks {', '.join(missing)}")
        for name, terms in self.vocab.items():
            for key, term in terms.items():
                if term.colour is not None and term.colour not in self.palette:
                    raise ValueError(f"vocab.{name}.{key}: colour {term.colour!r} is not in palette")
        missing = [k for k in _LABELS if k not in self.labels]
        if missing:
            raise ValueError(f"labels lacks {', '.join(missing)}")
        look, statuses = self.plan_sheet, self.vocab["plan_status"]
        unknown = [k for k in look.year_end_statuses if k not in statuses]
        if unknown:
            raise ValueError(f"plan_sheet.year_end_statuses: {', '.join(unknown)} not in vocab.plan_status")
        unknown = [k for k in self.brief.flagged if k not in statuses]
        if unknown:
            raise ValueError(f"brief.flagged: {', '.join(unknown)} not in vocab.plan_status")
        missing = [k for k in _BRIEF_TEXTS if k not in self.brief.texts]
        if missing:
            raise ValueError(f"brief.texts lacks {', '.join(missing)}")
        for col in self.sheets.plan_summary.columns:  # count.<status>, share.<status>
            kind, _, status = col.key.partition(".")
            if kind in ("count", "share") and status not in statuses and (kind, status) != ("count", "none"):
                raise ValueError(f"sheets.plan_summary.{col.key}: {status!r} is not in vocab.plan_status")
        for name, tone in look.deadline_tones.items():
            if tone not in self.palette:
                raise ValueError(f"plan_sheet.deadline_tones.{name}: colour {tone!r} is not in palette")
        columns = [(f"sheets.{key}", sheet.columns) for key, sheet in self.sheets]
        for where_cols, cols in [*columns, ("period_columns", self.period_columns)]:
            for col in cols:
                where = f"{where_cols}.{col.key}"
                if col.vocab is not None and col.vocab not in self.vocab:
                    raise ValueError(f"{where}: unknown vocab {col.vocab!r}")
                # A list validation is a comma-separated literal, so labels cannot hold , or "
                if col.dropdown and (col.vocab is None or any(
                        ch in t.zh + t.en for t in self.vocab[col.vocab].values() for ch in ',"')):
                    raise ValueError(f"{where}: a dropdown needs a vocab whose labels have no , or \"")
                # Excel's limit for a list validation: 255 characters with the quotes
                if col.dropdown and any(
                        _utf16_len(",".join(t.get(lang) for t in self.vocab[col.vocab].values())) > 253
                        for lang in LANGS):
                    raise ValueError(f"{where}: the dropdown labels exceed Excel's 255 characters")
        for key, limit in (("invalid_title", 32), ("invalid_text", 255)):  # the dropdown's error box
            if any(_utf16_len(self.labels[key].get(lang)) > limit for lang in LANGS):
                raise ValueError(f"labels.{key}: Excel allows at most {limit} characters")
        return self

    def term(self, vocab: str, key: str, lang: str, values: Mapping[str, Any] | None = None) -> str:
        """The label of `key`, its `{name}` placeholders filled from `values` (numbers as %g); an
        unknown key (e.g. a stored review status the template no longer lists) is shown as is,
        so nothing is lost."""
        term = self.vocab[vocab].get(key)
        if term is None:
            return key
        text = term.get(lang)
        for name, value in (values or {}).items():
            text = text.replace("{" + name + "}", f"{value:g}" if isinstance(value, float) else str(value))
        return text

    def label(self, key: str, lang: str) -> str:
        return self.labels[key].get(lang)

    @property
    def path(self) -> Path:
        """The file the template was read from, named in the errors it causes."""
        return self._path


def lang_suffix(lang: str) -> str:
    """What a workbook's file name adds for its language (zh: nothing, en: -en), so that the
    variants stand side by side and a run in one language never overwrites the other's."""
    return "" if lang == LANGS[0] else f"-{lang}"


def load_template(templates: Path | None = None) -> Template:
    """The workbook template `workbook.yaml` in `templates` (the user's), else the shipped one."""
    return _load_template(template_file("workbook.yaml", templates).resolve())


@functools.cache
def _load_template(path: Path) -> Template:
    if not path.is_file():
        raise YoyError(path, "workbook template not found")
    tpl = validated(Template, read_template(path), path)
    tpl._path = path
    return tpl


_ILLEGAL_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str) -> str:
    name = _ILLEGAL_SHEET_CHARS.sub("_", name).strip("'")
    # 31 UTF-16 units; "ignore" drops a surrogate pair cut in half; no ' at either end
    return name.encode("utf-16-le")[:62].decode("utf-16-le", "ignore").rstrip("'") or "_"


def sheet_titles(tpl: Template, key: str) -> dict[str, str]:
    """Every name a workbook's sheet `key` may have (its names and aliases, legal for Excel) → its
    language (an alias's by its script: the template's languages are Chinese and English)."""
    sheet: Sheet = getattr(tpl.sheets, key)
    names = [(sheet.zh, "zh"), (sheet.en, "en"), *((a, "en" if a.isascii() else "zh") for a in sheet.aliases)]
    return {_sheet_name(name): lang for name, lang in names}


def sheet_names(tpl: Template, lang: str) -> dict[str, str]:
    """Sheet key → its name in `lang`, made legal for Excel (31 chars, no []:*?/\\)."""
    names = {key: _sheet_name(sheet.get(lang)) for key, sheet in tpl.sheets}
    # Excel compares sheet names case-insensitively
    folded = [n.casefold() for n in [*names.values(), PROVENANCE_SHEET]]
    if len(set(folded)) < len(folded):
        raise YoyError(tpl.path, f"sheet names must differ ({lang}): {', '.join(names.values())}")
    return names


# ---- writing ------------------------------------------------------------------

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
            options["default_format_properties"] = {"font_name": tpl.font.name, "font_size": tpl.font.size}
        self.wb = xlsxwriter.Workbook(self._buf, options)
        self.wb.set_properties({"author": "yoy", "created": FIXED_TIME})
        self.fmt = Formats(self.wb, tpl)

    def sheet(self, key: str) -> Worksheet:
        """A new sheet named as the template names `key`."""
        return self.wb.add_worksheet(self.names[key], worksheet_class=_plain_formulas())

    def table(self, key: str, rows: list[dict], spec: Sheet | None = None, title: str | None = None) -> Worksheet:
        """A new sheet holding `rows` (column key → value) as the template's sheet `key`, or
        `spec`, says; `title`: a title row above the header, also the printed pages' header."""
        ws = self.sheet(key)
        _write_table(ws, spec if spec is not None else getattr(self.tpl.sheets, key), rows, self.tpl, self.lang,
                     self.fmt, title)
        return ws

    def provenance(self, values: Mapping[str, Any]) -> None:
        """The hidden _yoy sheet: key → value, what the imports read back."""
        ws = self.wb.add_worksheet(PROVENANCE_SHEET)
        ws.hide()
        _write_table(ws, _PROVENANCE, [{"key": k, "value": v} for k, v in values.items()],
                     self.tpl, self.lang, self.fmt)

    def save(self, path: Path) -> Path:
        self.wb.close()
        atomic_write(Path(path), self._buf.getvalue())
        return Path(path)


@functools.cache
def _plain_formulas() -> type:
    """XlsxWriter's worksheet, less its rewriting of each formula for Excel's newer functions
    (thirty regular expressions a formula: half the time of writing a 台账's 860 formulas).
    yoy's formulas (COUNTIFS, IF, TODAY, ISNUMBER, OFFSET) use none of those functions."""
    from xlsxwriter.worksheet import Worksheet

    class PlainFormulas(Worksheet):
        def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
            # as XlsxWriter's: without the array braces and the leading =
            formula = formula[1:] if formula.startswith("{") else formula
            formula = formula[1:] if formula.startswith("=") else formula
            return formula[:-1] if formula.endswith("}") else formula

    return PlainFormulas


def write_sheets(path: Path, tables: list[tuple[str, list[dict]]], *, lang: str = "zh",
                 templates: Path | None = None,
                 decorate: Callable[[Any, dict[str, Any]], None] | None = None,
                 specs: Mapping[str, Sheet] | None = None,
                 provenance: Mapping[str, Any] | None = None) -> Path:
    """Write plain tables as a workbook at `path`, atomically, each as its template sheet says.

    tables      (sheet key in the template, rows as column key → value), in sheet order.
                A row's `_look` key, when given, is the look of its cells (e.g. "group").
    decorate    called with the XlsxWriter workbook and sheet key → worksheet before it is
                closed, e.g. to add charts (the tracker's target series).
    specs       sheet key → the Sheet to write instead of the template's (columns made
                at run time, e.g. the plan sheet's periods).
    provenance  key → value, written to the hidden _yoy sheet the imports read back.
    """
    book = Book(load_template(templates), lang)
    sheets = {key: book.table(key, rows, specs.get(key) if specs else None) for key, rows in tables}
    if provenance is not None:
        book.provenance(provenance)
    if decorate:
        decorate(book.wb, sheets)
    return book.save(path)


# ---- cells and sheets ------------------------------------------------------------

class Link(NamedTuple):
    """A cell value that links to a place in the workbook, e.g. 'Diff'!A5."""
    value: Any
    location: str


class Rich(NamedTuple):
    """A cell value in runs of different looks (see Formats): ((look, text), ...)."""
    runs: tuple[tuple[str, str], ...]


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
    return re.search(rb"<dcterms:modified[^>]*>" + re.escape(stamp) + rb"</dcterms:modified>", core) is not None


class Formula(NamedTuple):
    """A cell the spreadsheet computes, e.g. a count over a column that people fill in.

    `{row}` in `formula` is the cell's own row as Excel numbers it; `value` is the result
    as yoy computes it when writing, stored beside the formula so that a reader which does
    not recalculate (a viewer, openpyxl) still shows it."""
    formula: str
    value: Any = ""


def sheet_ref(name: str) -> str:
    """`name` quoted for a reference such as 'Diff'!A5."""
    return "'" + name.replace("'", "''") + "'"


# Machine-read, so fixed here rather than in the template.
_PROVENANCE = Sheet(zh=PROVENANCE_SHEET, en=PROVENANCE_SHEET, columns=[
    Column(key="key", zh="key", en="key", width=16), Column(key="value", zh="value", en="value", width=60)])


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
            # a roll-up row of a table (a plan task above its measures)
            "group": {**body, "bold": True},
            "title": {**font, "bold": True, "font_size": tpl.font.size + 4},
            "link": {**body, "font_color": f"#{tpl.link_colour}", "underline": 1},
            "header": {**font, "bold": h.bold, "font_color": f"#{h.font_colour}", "pattern": 1,
                       "bg_color": f"#{h.fill}", "text_wrap": True, "valign": "vcenter", "align": "center"},
            # runs of the character diff (rich text)
            **{kind: {**body, "font_color": f"#{s.colour}", "bold": s.bold, "font_strikeout": s.strike}
               for kind, s in tpl.diff.items()},
            # status colours, for conditional formatting
            **{f"tone.{name}": {"bg_color": f"#{t.fill}", "font_color": f"#{t.font}"}
               for name, t in tpl.palette.items()},
            # … and as a cell's own look (a legend's sample, a figure short of plan)
            **{f"swatch.{name}": {**body, "pattern": 1, "bg_color": f"#{t.fill}", "font_color": f"#{t.font}"}
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


_ILLEGAL_XML = re.compile(r"[\000-\010\013\014\016-\037]")
# Prefixes that make a typed-in cell a formula (or a CSV injection when exported).
_RISKY = ("=", "+", "-", "@", "\t", "\r")


# Excel's limit on a cell's text, in UTF-16 units; longer text is cut with a marker
# saying how much is missing (XlsxWriter would cut it silently and warn on stderr).
MAX_CELL = 32_767
_CUT = "…［{} characters cut: beyond Excel's cell limit］"
# The start of that marker, read back: text holding it is yoy's cut, never all a person typed
# (who may have typed around it, or had Excel cut it at its limit again).
CUT_MARK = re.compile(re.escape(_CUT[:_CUT.index("{}")]) + r"\d+" + re.escape(_CUT[_CUT.index("{}") + 2:][:16]))


def legal(text: str) -> str:
    # control characters from PDF extraction are not allowed in the file's XML
    return _fit(_ILLEGAL_XML.sub("", text))


def _fit(text: str) -> str:
    keep = _kept(text)
    return text if keep == len(text) else text[:keep] + _CUT.format(len(text) - keep)


def _kept(text: str) -> int:
    """How many characters of `text` fit in a cell together with the cut marker."""
    if len(text) * 2 <= MAX_CELL or _utf16_len(text) <= MAX_CELL:  # the common case costs nothing
        return len(text)
    budget = MAX_CELL - len(_CUT.format(len(text)))  # the marker's count only shrinks
    keep = budget
    while (excess := _utf16_len(text[:keep]) - budget) > 0:
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
        when = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
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
            runs = (part for run_look, text in _fit_runs(value.runs) for part in (fmt(run_look), text))
            ws.write_rich_string(row, col, *runs, fmt(look, num_format, quote, border))
    else:
        text = legal(str(value))
        cell_format = fmt(look, num_format, text.startswith(_RISKY), border)
        if link:
            ws.write_url(row, col, f"internal:{link}", cell_format, text)
        else:
            ws.write_string(row, col, text, cell_format)


def put_row(ws: Worksheet, row: int, values: list, fmt: Formats, look: str = "cell", border: bool = False) -> None:
    for col, value in enumerate(values):
        put(ws, row, col, value, fmt, look, border=border)


def _xl_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _write_table(ws: Worksheet, sheet: Sheet, rows: list[dict], tpl: Template, lang: str,
                 fmt: Formats, title: str | None = None) -> None:
    """The one table writer: header, rows, widths, formats, status colours, drop-downs,
    frozen header, autofilter and print settings, all as `sheet` in the template says;
    `title` goes in a row of its own above the header and in the printed pages' header."""
    cols = sheet.columns
    top = 0 if title is None else 1  # the header's row
    put_row(ws, top, [c.get(lang) for c in cols], fmt, "header", border=sheet.border)
    formats = [c.number_format(lang) for c in cols]
    widths = [0.0 if c.hidden else c.width for c in cols]
    for r, row in enumerate(rows, top + 1):
        look = row.get("_look", "cell")
        for c, col in enumerate(cols):
            if col.key not in row:
                known = ", ".join(k for k in row if not k.startswith("_"))
                raise YoyError(tpl.path, f"sheet {sheet.zh}: unknown column {col.key!r} (known: {known})")
            value = row[col.key]
            if (value is None or value == "") and (look == "cell" or sheet.border):
                # the column's format (below) is a plain empty cell's: half a ledger's cells are empty;
                # a roll-up row's are written, so that the whole row keeps its look, unless the row's
                # format (below: a bordered table) gives it
                continue
            if col.vocab and isinstance(value, str):
                value = tpl.term(col.vocab, value, lang)
            put(ws, r, c, value, fmt, look, num_format=formats[c], border=sheet.border)
        height = fitted_height([row[c.key] for c in cols], widths, tpl) if sheet.fit_rows else None
        # the row's format borders its empty cells (cheaper than writing them); the outline level
        # groups it under the roll-up row above it (Excel's outline)
        if row.get("_level") or height or sheet.border:
            ws.set_row(r, height, fmt(look, border=True) if sheet.border else None, {"level": row.get("_level", 0)})
    first, last_row = top + 1, top + max(len(rows), 1)  # colours and drop-downs cover one row at least
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width, fmt("cell", formats[c]), {"hidden": col.hidden})
        if not col.vocab:
            continue
        terms = tpl.vocab[col.vocab]
        for term in terms.values():
            if term.colour:
                ws.conditional_format(first, c, last_row, c, {
                    "type": "cell", "criteria": "==", "value": _xl_string(term.get(lang)),
                    "format": fmt(f"tone.{term.colour}")})
        if col.dropdown:
            ws.data_validation(first, c, last_row, c, {
                "validate": "list", "ignore_blank": True,
                "source": [t.get(lang) for k, t in terms.items() if k not in col.dropdown_exclude],
                "show_error": True, "error_title": tpl.label("invalid_title", lang),
                "error_message": tpl.label("invalid_text", lang)})
    ws.freeze_panes(top + 1, sheet.freeze_columns)
    ws.autofilter(top, 0, top + len(rows), len(cols) - 1)
    ws.repeat_rows(top)
    page_setup(ws, tpl.page, sheet.margins)
    if title is not None:
        keys = [c.key for c in cols]
        through = keys.index(sheet.print_through) if sheet.print_through in keys else len(cols) - 1
        title_row(ws, title, through, tpl, lang, fmt)
        if sheet.print_through is not None:
            ws.print_area(0, 0, top + len(rows), through)
        if sheet.fit_rows:
            ws.set_row(top, fitted_height([c.get(lang) for c in cols], widths, tpl))


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
            rows.append({"item": col.get(lang), "meaning": col.help.get(lang) if col.help else None})
            for term in tpl.vocab[col.vocab].values() if col.vocab else ():
                if term.help is not None:
                    look = f"swatch.{term.colour}" if term.colour else "cell"
                    rows.append({"item": Rich(((look, term.get(lang)),)), "meaning": term.help.get(lang),
                                 "_level": 1})
    return rows


def title_row(ws: Worksheet, title: str, last_col: int, tpl: Template, lang: str, fmt: Formats) -> None:
    """`title` across the first row's columns up to `last_col`, and in the printed pages' header
    and footer as the template's `page` says."""
    if last_col > 0:
        ws.merge_range(0, 0, 0, last_col, legal(title), fmt("title"))
    else:
        put(ws, 0, 0, title, fmt, "title")
    ws.set_row(0, (tpl.font.size + 4) * tpl.page.line_spacing + 6)
    escaped = title.replace("&", "&&")  # & starts a code in a page header
    for text, setter in ((tpl.page.header, ws.set_header), (tpl.page.footer, ws.set_footer)):
        if text is not None:
            setter(text.get(lang).replace("{title}", escaped))


def fitted_height(values: list[Any], widths: list[float], tpl: Template) -> float | None:
    """The height (points) of a row whose wrapped cells hold `values` in columns of `widths`
    (0: hidden), or None when one line is enough. Excel fits rows on its own when it opens a
    file; LibreOffice and printing do not, and a cut-off 具体举措 is a useless handout."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if value is None or not width:
            continue
        if isinstance(value, Formula):
            value = value.value
        elif isinstance(value, Rich):
            value = "".join(text for _, text in value.runs)
        # a text that fits even were every character wide needs no counting (most cells of a row)
        if isinstance(value, str) and (len(value) * 2.1 > width - 1.5 or "\n" in value):
            lines = max(lines, wrapped_lines(value, width))
    if lines == 1:
        return None
    return min(409.0, round(lines * tpl.font.size * tpl.page.line_spacing + 4, 1))  # Excel's highest row


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (Excel's unit: a
    digit of the default font; a CJK character takes about two).

    >>> wrapped_lines("国内生产总值增长6%以上", 10), wrapped_lines("a" * 30, 10)
    (3, 4)
    """
    room = max(width - 1.5, 1.0)  # the cell's padding
    n = 0
    for part in text.split("\n"):
        # UTF-8 takes 3 bytes for a CJK character and 1 for ASCII: units ≈ characters + wide ones
        units = len(part) + (len(part.encode("utf-8")) - len(part)) / 2
        n += max(1, math.ceil(units * 1.05 / room))
    return n


def page_setup(ws: Worksheet, page: PageSpec, margins: tuple[float, float, float, float] | None = None) -> None:
    if page.orientation == "landscape":
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(page.paper)
    ws.set_margins(*(margins or page.margins))
    if page.fit_to_width:
        ws.fit_to_pages(1, 0)  # one page wide, as many pages down as needed
