"""The workbook template: templates/workbook.yaml as a validated model (sheets, columns,
vocabularies, labels, looks, page) and the names its sheets may have.

    load_template(templates)        → Template (validated; the user's templates first)
    sheet_names(tpl, lang)          → sheet key → its name in `lang`, legal for Excel
    sheet_titles(tpl, key)          → the names a sheet may have in a workbook (also
                                    its aliases) → language
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, PrivateAttr, model_validator

from compare.errors import YoyError
from compare.files import validated
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

LANGS = ("zh", "en")
PROVENANCE_SHEET = "_yoy"


def utf16_len(text: str) -> int:
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


class Widths(Model):
    zh: float
    en: float


class Column(Text):
    key: str
    # one width for both languages, or zh/en: a column as wide as its longest header word in each
    # (a spreadsheet breaks a word that does not fit: Reviewe⏎d by)
    width: float | Widths = 12
    format: str | Text | None = None   # an Excel number format, one for both languages or zh/en
    vocab: str | None = None
    dropdown: bool = False
    # vocabulary keys left out of this column's drop-down (still read back, e.g. a year-end status)
    dropdown_exclude: list[str] = []
    hidden: bool = False
    help: Text | None = None   # what the column holds, on the legend sheet

    def number_format(self, lang: str) -> str | None:
        return self.format.get(lang) if isinstance(self.format, Text) else self.format

    def width_in(self, lang: str) -> float:
        if isinstance(self.width, Widths):
            return self.width.en if lang == "en" else self.width.zh
        return self.width


def added_column(header: str) -> Column:
    """A column a person added to a sheet yoy wrote (an office's on the 台账, a reviewer's on a
    ledger), written again under her header: its cells are `extra.<header>`."""
    return Column(key=f"extra.{header}", zh=header, en=header, width=14)


class Sheet(Text):
    columns: list[Column] = []
    # for a sheet that is printed and handed out: thin borders round every cell of the table, row
    # heights that fit its wrapped text (LibreOffice does not fit them itself; `printed`: the text
    # of the printed columns only, where those beyond hold long text read on screen), the leading
    # columns frozen beside the header, and the print area ending at the column `print_through`
    border: bool = False
    fit_rows: bool | Literal["printed"] = False
    # the rows people type into (a row with an ID, not a roll-up) keep their fitted height but no
    # fixed one, so that Excel and LibreOffice fit them again to what is typed there; `printed`:
    # and their cells beyond the print area do not wrap, so that yoy's long text there (其他证据,
    # hundreds of characters) does not grow the row to a page of white when a reviewer types
    refit_rows: bool | Literal["printed"] = False
    freeze_columns: int = 0
    print_through: str | None = None
    # inches (left, right, top, bottom): the page's
    margins: tuple[float, float, float, float] | None = None
    # false: the sheet prints nothing while it has no rows (a list filled in on screen)
    print_empty: bool = True
    # true: printed on one page, shrunk to fit (a sheet that is a page: the summary)
    one_page: bool = False


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
    plan_gone: Sheet
    reviews_gone: Sheet
    panel: Sheet


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
    # the 完成时限 states whose cell is underlined twice besides its colour: the light fills
    # print as one pale grey on a black-and-white copy (ua26 F5)
    deadline_marked: list[Literal["done", "overdue", "due_soon", "on_track"]] = []
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
    # column widths (mm) of its tables, adding up to the page's 154 mm of text: by unit (the
    # unit's name, each count, each rate), and the targets' (指标, 目标值, 实际值, 是否完成)
    unit_width: float = 30
    count_width: float = 12
    rate_width: float = 20
    target_widths: list[float] = [40, 44, 40, 30]
    flagged: list[str] = ["lagging", "not_done"]
    texts: dict[str, Text] = {}


class FontSpec(Model):
    name: str
    size: float = 10


class HeaderSpec(Model):
    bold: bool = True
    fill: Colour
    font_colour: Colour


class CharUnits(Model):
    """A printed character's width in column-width units (a digit of the workbook's font): `wide`
    a CJK or other non-ASCII one, `narrow` an ASCII one other than a digit (the unit itself);
    `padding`: the units a cell keeps empty."""
    wide: float = 1.86
    narrow: float = 1.1
    padding: float = 0.5


class PageSpec(Model):
    orientation: Literal["landscape", "portrait"] = "landscape"
    paper: int = 9
    fit_to_width: bool = True
    # margins in inches (left, right, top, bottom), and the page header and footer of a sheet that
    # has a title (Excel's codes: &L &C &R sections, &P page, &N pages; {title} the title)
    margins: tuple[float, float, float, float] = (0.7, 0.7, 0.75, 0.75)
    header: Text | None = None
    footer: Text | None = None
    # a printed line's height as a multiple of the font size (CJK fonts run taller than Latin ones)
    line_spacing: float = 1.45
    # how many column-width units a printed character takes, by class, and a cell's padding
    char_units: CharUnits = CharUnits()


# Vocabularies whose keys the code writes: the template must name every one.
_CODE_VOCABS = {"commitment": get_args(CommitmentStatus), "target": get_args(Verdict),
                "shortcoming": get_args(ShortcomingStatus), "change": get_args(Change),
                "comparator": get_args(Comparator), "changed": ("changed", "unchanged"),
                "metric_part": get_args(MetricPart), "target_note": get_args(TargetNote),
                "plan_status": ("not_started", "in_progress", "lagging", "done", "not_done"),
                "plan_agreement": ("agree", "disagree")}
_LABELS = ("title", "sheet_title", "report_name", "report", "report_title", "region", "kind",
           "year", "review_year", "plan_year", "source",
           "commitments", "targets", "shortcomings", "status", "count", "share",
           "total", "reviewed",
           "sheets", "tool_version", "engine_version", "store", "warnings",
           "invalid_title", "invalid_text", "plan_no_lead",
           "plan_by_unit", "plan_by_task", "plan_history_note", "plan_gone_note", "plan_unit_title",
           "reviews_gone_note", "reviews_gone_warning",
           "legend_intro")


_BRIEF_TEXTS = ("draft", "date", "intro", "overall", "totals", "count", "share", "separator",
                "by_unit", "flagged",
                "none_flagged", "item", "progress", "problem", "next_step", "not_given", "requests",
                "requests_text")


class Template(Model):
    font: FontSpec
    header: HeaderSpec
    link_colour: Colour
    quotes: tuple[str, str]
    short_heading: str = "，；：。"
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
                    raise ValueError(
                        f"vocab.{name}.{key}: colour {term.colour!r} is not in palette")
        missing = [k for k in _LABELS if k not in self.labels]
        if missing:
            raise ValueError(f"labels lacks {', '.join(missing)}")
        look, statuses = self.plan_sheet, self.vocab["plan_status"]
        unknown = [k for k in look.year_end_statuses if k not in statuses]
        if unknown:
            raise ValueError(f"plan_sheet.year_end_statuses: {', '.join(unknown)} not in "
                             "vocab.plan_status")
        unknown = [k for k in self.brief.flagged if k not in statuses]
        if unknown:
            raise ValueError(f"brief.flagged: {', '.join(unknown)} not in vocab.plan_status")
        missing = [k for k in _BRIEF_TEXTS if k not in self.brief.texts]
        if missing:
            raise ValueError(f"brief.texts lacks {', '.join(missing)}")
        for col in self.sheets.plan_summary.columns:  # count.<status>, share.<status>
            kind, _, status = col.key.partition(".")
            if kind in ("count", "share") and status not in statuses and (kind, status) not in (
                    ("count", "none"), ("count", "unread")):
                raise ValueError(f"sheets.plan_summary.{col.key}: {status!r} is not in "
                                 "vocab.plan_status")
        for name, tone in look.deadline_tones.items():
            if tone not in self.palette:
                raise ValueError(
                    f"plan_sheet.deadline_tones.{name}: colour {tone!r} is not in palette")
        columns = [(f"sheets.{key}", sheet.columns) for key, sheet in self.sheets]
        for where_cols, cols in [*columns, ("period_columns", self.period_columns)]:
            for col in cols:
                where = f"{where_cols}.{col.key}"
                if col.vocab is not None and col.vocab not in self.vocab:
                    raise ValueError(f"{where}: unknown vocab {col.vocab!r}")
                # A list validation is a comma-separated literal, so labels cannot hold , or "
                if col.dropdown and (col.vocab is None or any(
                        ch in t.zh + t.en for t in self.vocab[col.vocab].values() for ch in ',"')):
                    raise ValueError(
                        f"{where}: a dropdown needs a vocab whose labels have no , or \"")
                # Excel's limit for a list validation: 255 characters with the quotes
                if col.dropdown and any(
                        utf16_len(",".join(t.get(lang)
                                           for t in self.vocab[col.vocab].values())) > 253
                        for lang in LANGS):
                    raise ValueError(f"{where}: the dropdown labels exceed Excel's 255 characters")
        # the dropdown's error box
        for key, limit in (("invalid_title", 32), ("invalid_text", 255)):
            if any(utf16_len(self.labels[key].get(lang)) > limit for lang in LANGS):
                raise ValueError(f"labels.{key}: Excel allows at most {limit} characters")
        return self

    def term(self, vocab: str, key: str, lang: str, values: Mapping[str, Any] | None = None) -> str:
        """The label of `key`, its `{name}` placeholders filled from `values` (numbers as %g); an
        unknown key (e.g. a stored review status the template no longer lists) is shown as is,
        so nothing is lost."""
        term = self.vocab[vocab].get(key)
        return key if term is None else fill(term.get(lang), values or {})

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
    names = [(sheet.zh, "zh"), (sheet.en, "en"), *((a, "en" if a.isascii() else "zh")
                                                   for a in sheet.aliases)]
    return {_sheet_name(name): lang for name, lang in names}


def missing_sheet(tpl: Template, key: str, sheetnames: list[str], deleted: str) -> str:
    """Why a workbook lacks its sheet `key`, in words a user acts on: renamed (a sheet yoy does
    not write is there: rename it back) or deleted (`deleted`: what then). A deleted sheet was
    once called renamed, and "rename it back" was advice for a sheet that is gone (review ua23)."""
    known = {PROVENANCE_SHEET} | {t for k, _ in tpl.sheets for t in sheet_titles(tpl, k)}
    found = ", ".join(t for t in sheetnames if t != PROVENANCE_SHEET)
    wanted = " or ".join(sheet_titles(tpl, key))
    strangers = [t for t in sheetnames if t not in known]
    if strangers:
        return (f"no sheet {wanted} (its sheets: {found}): if {' or '.join(strangers)} is it, "
                "renamed, rename it back")
    return f"no sheet {wanted}: it was deleted (its sheets: {found}); {deleted}"


def sheet_names(tpl: Template, lang: str) -> dict[str, str]:
    """Sheet key → its name in `lang`, made legal for Excel (31 chars, no []:*?/\\)."""
    names = {key: _sheet_name(sheet.get(lang)) for key, sheet in tpl.sheets}
    # Excel compares sheet names case-insensitively
    folded = [n.casefold() for n in [*names.values(), PROVENANCE_SHEET]]
    if len(set(folded)) < len(folded):
        raise YoyError(tpl.path, f"sheet names must differ ({lang}): {', '.join(names.values())}")
    return names


def fill(pattern: str, values: Mapping[str, Any]) -> str:
    """`pattern` with its `{name}` placeholders filled from `values` (numbers as %g), one at a
    time, so that a value holding braces is never read as one."""
    for name, value in values.items():
        pattern = pattern.replace("{" + name + "}", f"{value:g}" if isinstance(value, float)
                                  else str(value))
    return pattern

# The _yoy rows naming the headers of yoy's columns on a sheet (sheets.Book.provenance's
# `columns_of`; workbook.review_import.written_headers reads them).
COLUMNS_PREFIX = "columns:"
