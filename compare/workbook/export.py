"""Render a `Comparison` as an Excel workbook for reviewers, as difflib renders a diff.

Sheets: a summary, the commitment ledger, targets, section alignment, the sentence
diff, metrics and shortcomings, plus a hidden `_yoy` sheet recording where the
comparison came from, which the review import (compare/review.py) reads back.
All the look (sheet names, headers, widths, fonts, colours, status words) comes from
templates/workbook.yaml; this module only decides what goes in which column.
XlsxWriter writes the workbook (openpyxl costs ~60 µs a cell); openpyxl reads it back.
"""
from __future__ import annotations

import functools
import io
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, get_args

from pydantic import Field, PrivateAttr, model_validator

from compare import __version__
from compare.errors import YoyError
from compare.kinds import TEMPLATES, read_template, template_file
from compare.schema import (
    Change,
    CommitmentStatus,
    Comparator,
    Comparison,
    Evidence,
    Model,
    SentencePair,
    ShortcomingStatus,
    Verdict,
)

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

    from compare.store.reviews import ReviewEntry, Reviews
    from compare.workbook.plansheet import PlanEntries
from compare.files import atomic_write

LANGS = ("zh", "en")
PROVENANCE_SHEET = "_yoy"
# Reviewer columns of the ledger sheets → ReviewEntry fields (review.py reads them back).
REVIEW_COLUMNS = {"review_status": "status", "review_note": "note",
                  "reviewed_by": "reviewed_by", "reviewed_at": "reviewed_at"}
# Fixed document time (XlsxWriter fixes the zip-member times), so the same content
# gives the same bytes; XlsxWriter stamps its zip members 1980-01-01 itself.
FIXED_TIME = datetime(2000, 1, 1)
# Section id → (label path, heading) for one report; see Report.headings().
Headings = Mapping[str, tuple[str, str]]


# ---- the template ------------------------------------------------------------

def _utf16_len(text: str) -> int:
    """Length as Excel counts it (a character beyond the BMP counts twice)."""
    return len(text.encode("utf-16-le")) // 2


Colour = Annotated[str, Field(pattern=r"^[0-9A-Fa-f]{6}$", description="RGB hex, e.g. C6EFCE")]

class Text(Model):
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Term(Text):
    colour: str | None = None


class Column(Text):
    key: str
    width: float = 12
    format: str | None = None
    vocab: str | None = None
    dropdown: bool = False
    hidden: bool = False


class Sheet(Text):
    columns: list[Column] = []


class Sheets(Model):
    summary: Sheet
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


class Tone(Model):
    fill: Colour
    font: Colour


class RunStyle(Model):
    colour: Colour
    bold: bool = False
    strike: bool = False


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


# Vocabularies whose keys the code writes: the template must name every one.
_CODE_VOCABS = {"commitment": get_args(CommitmentStatus), "target": get_args(Verdict),
                "shortcoming": get_args(ShortcomingStatus), "change": get_args(Change),
                "comparator": get_args(Comparator), "changed": ("changed", "unchanged"),
                "plan_status": ("not_started", "in_progress", "done", "not_done"),
                "plan_agreement": ("agree", "disagree")}
_LABELS = ("title", "report_title", "region", "kind", "year", "review_year", "plan_year", "source",
           "commitments", "targets", "shortcomings", "status", "count", "share", "total", "reviewed",
           "sheets", "tool_version", "engine_version", "store", "warnings",
           "invalid_title", "invalid_text", "plan_deadline", "plan_measures")


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

    def term(self, vocab: str, key: str, lang: str) -> str:
        """The label of `key`; an unknown key (e.g. a stored review status the template
        no longer lists) is shown as is, so nothing is lost."""
        term = self.vocab[vocab].get(key)
        return term.get(lang) if term else key

    def label(self, key: str, lang: str) -> str:
        return self.labels[key].get(lang)


def load_template(templates: Path | None = None) -> Template:
    """The workbook template `workbook.yaml` in `templates` (else $YOY_TEMPLATES, else the shipped one)."""
    return _load_template(template_file("workbook.yaml", templates).resolve())


@functools.cache
def _load_template(path: Path) -> Template:
    if not path.is_file():
        raise YoyError(path, "workbook template not found")
    from compare.files import validated
    tpl = validated(Template, read_template(path), path)
    tpl._path = path
    return tpl


_ILLEGAL_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str) -> str:
    name = _ILLEGAL_SHEET_CHARS.sub("_", name).strip("'")
    # 31 UTF-16 units; "ignore" drops a surrogate pair cut in half; no ' at either end
    return name.encode("utf-16-le")[:62].decode("utf-16-le", "ignore").rstrip("'") or "_"


def sheet_names(tpl: Template, lang: str) -> dict[str, str]:
    """Sheet key → its name in `lang`, made legal for Excel (31 chars, no []:*?/\\)."""
    names = {key: _sheet_name(sheet.get(lang)) for key, sheet in tpl.sheets}
    # Excel compares sheet names case-insensitively
    folded = [n.casefold() for n in [*names.values(), PROVENANCE_SHEET]]
    if len(set(folded)) < len(folded):
        raise YoyError(tpl._path, f"sheet names must differ ({lang}): {', '.join(names.values())}")
    return names


# ---- public API --------------------------------------------------------------

def write_workbook(comparison: Comparison, path: Path, *, lang: str = "zh",
                   reviews: Reviews | None = None, origin: dict | None = None,
                   templates: Path | None = None,
                   headings: tuple[Headings, Headings] | None = None,
                   plan_entries: PlanEntries | None = None) -> Path:
    """Write `comparison` as an .xlsx workbook at `path`, atomically; return `path`.

    reviews   pre-fill the reviewer columns (the automatic status stays beside them).
    origin    provenance recorded in the hidden _yoy sheet: any keys, conventionally
              store, old and new (the paths of the two stored reports, which the summary
              also shows as sources).
    headings  (earlier, later): section id → (label path, heading) for each report; by
              default the comparison's own (Comparison.sections), so `yoy export` of its JSON
              writes the same workbook as `yoy compare`.
    plan_entries  the office's entries in the earlier report's plan sheet (yoy plan):
              its latest 完成状态 and progress beside yoy's status, disagreements marked.
    """
    path = Path(path)
    if lang not in LANGS:
        raise YoyError(path, f"unknown language {lang!r} (choose {' or '.join(LANGS)})")
    if reviews is not None and not reviews.matches(comparison):
        raise YoyError(path, f"the reviews are for {reviews.key()}, not for this comparison")
    import xlsxwriter

    tpl = load_template(templates)
    names = sheet_names(tpl, lang)
    old_h, new_h = headings or (comparison.sections.old, comparison.sections.new)
    diff_rows = _diff_rows(comparison, old_h, new_h)
    links = _DiffIndex(names["diff"], diff_rows)
    tables = {
        "commitments": _office_columns(_commitment_rows(comparison, reviews, old_h, links, tpl, lang),
                                       comparison, plan_entries, path),
        "targets": _target_rows(comparison, reviews, tpl),
        "sections": _section_rows(comparison, old_h, new_h),
        "diff": diff_rows,
        "metrics": _metric_rows(comparison),
        "shortcomings": _shortcoming_rows(comparison, reviews, links, tpl),
    }
    buf = io.BytesIO()  # built in memory, then written atomically
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"author": "yoy", "created": FIXED_TIME})
    fmt = _Formats(wb, tpl)
    _write_summary(wb, wb.add_worksheet(names["summary"]), comparison, reviews, origin or {}, names,
                   tpl, lang, fmt)
    for key, rows in tables.items():
        _write_table(wb.add_worksheet(names[key]), getattr(tpl.sheets, key), rows, tpl, lang, fmt)
    prov = wb.add_worksheet(PROVENANCE_SHEET)
    prov.hide()
    _write_table(prov, _PROVENANCE, _provenance_rows(comparison, origin or {}, lang, reviews), tpl, lang, fmt)
    wb.close()
    atomic_write(path, buf.getvalue())
    return path


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
    import xlsxwriter

    tpl = load_template(templates)
    names = sheet_names(tpl, lang)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"author": "yoy", "created": FIXED_TIME})
    fmt = _Formats(wb, tpl)
    sheets = {}
    for key, rows in tables:
        sheets[key] = wb.add_worksheet(names[key])
        spec = specs[key] if specs and key in specs else getattr(tpl.sheets, key)
        _write_table(sheets[key], spec, rows, tpl, lang, fmt)
    if provenance is not None:
        prov = wb.add_worksheet(PROVENANCE_SHEET)
        prov.hide()
        _write_table(prov, _PROVENANCE, [{"key": k, "value": v} for k, v in provenance.items()],
                     tpl, lang, fmt)
    if decorate:
        decorate(wb, sheets)
    wb.close()
    atomic_write(Path(path), buf.getvalue())
    return Path(path)


# ---- rows: what goes in which column ------------------------------------------

class Link(NamedTuple):
    """A cell value that links to a place in the workbook, e.g. 'Diff'!A5."""
    value: Any
    location: str


class Rich(NamedTuple):
    """A cell value in runs of different looks (see _Formats): ((look, text), ...)."""
    runs: tuple[tuple[str, str], ...]


def _sheet_ref(name: str) -> str:
    """`name` quoted for a reference such as 'Diff'!A5."""
    return "'" + name.replace("'", "''") + "'"


def _heading(headings: Headings, sid: str | None) -> str | None:
    if sid is None:
        return None
    label, heading = headings.get(sid, ("", ""))
    return f"{label}{heading}" or sid


def _quote(tpl: Template, text: str) -> str:
    return f"{tpl.quotes[0]}{text}{tpl.quotes[1]}"


class _DiffIndex:
    """Where each later-report sentence sits in the diff sheet, so evidence can link there."""

    def __init__(self, sheet: str, diff_rows: list[dict]):
        self.sheet = _sheet_ref(sheet)
        self.by_section: dict[str, list[tuple[int, str]]] = {}
        for r, row in enumerate(diff_rows, 2):
            if row["_new_id"] is not None:
                self.by_section.setdefault(row["_new_id"], []).append((r, row["_new_text"] or ""))

    def location(self, ev: Evidence) -> str | None:
        """The evidence's sentence in the diff of its section; the section's first pair
        when the evidence is the section itself; None when the diff does not show it."""
        # evidence may sit in an item or paragraph (s3.2-i1, s1.1.p3) of a diffed section
        node = ev.node_id
        while node not in self.by_section:
            shorter = re.sub(r"[-.][^-.]*$", "", node)
            if shorter == node:
                return None
            node = shorter
        rows = self.by_section[node]
        fallback = rows[0][0] if node == ev.node_id else None
        row = next((r for r, text in rows if text and (ev.text in text or text in ev.text)), fallback)
        return f"{self.sheet}!A{row}" if row else None


def _evidence_cells(evidence: list[Evidence], links: _DiffIndex, tpl: Template) -> dict:
    if not evidence:
        return {"evidence": None, "location": None, "more_evidence": None, "score": None}
    best, *rest = sorted(evidence, key=lambda e: -e.score)
    quoted = _quote(tpl, best.text)
    target = links.location(best)
    more = "\n".join(f"{_quote(tpl, e.text)} [{''.join(e.label_path)} · {e.score:.2f}]" for e in rest)
    return {"evidence": Link(quoted, target) if target else quoted,
            "location": best.location or "".join(best.label_path), "more_evidence": more or None,
            "score": best.score}


def _review_cells(entry: ReviewEntry | None) -> dict:
    return {col: getattr(entry, field, None) for col, field in REVIEW_COLUMNS.items()}


def _commitment_rows(c: Comparison, reviews: Reviews | None, old_h: Headings,
                     links: _DiffIndex, tpl: Template, lang: str = "zh") -> list[dict]:
    """A 台账: each plan section's roll-up row (outline level 0, no ID: not reviewable), then
    its measures (level 1, grouped under it)."""
    entries = reviews.commitments if reviews else {}
    rollups = {s.section_id: s for s in c.plan_sections}
    rows: list[dict] = []
    n = 0
    for r in c.commitments:
        if r.section_id in rollups:
            s = rollups.pop(r.section_id)
            counts = "　".join(f"{tpl.term('commitment', k, lang)} {v}" for k, v in s.counts.items() if v)
            rows.append({"id": None, "seq": None, "section": _heading(old_h, s.section_id),
                         "text": _heading(old_h, s.section_id), "confidence": None, "status": s.status,
                         "cues": counts, "planned": None, "actual": None, "carried_over": None,
                         "evidence": None, "location": None, "more_evidence": None, "score": None,
                         **_review_cells(None), "_level": 0, "_look": "group"})
        n += 1
        rows.append({"id": r.commitment_id, "seq": n, "section": _heading(old_h, r.section_id),
                     "text": r.text, "confidence": r.confidence, "status": r.status, "cues": "、".join(r.cues),
                     "planned": r.quantity.text if r.quantity else None,
                     "actual": r.cues[0] if r.quantity and r.cues else None,
                     "carried_over": _quote(tpl, r.carried_over.text) if r.carried_over else None,
                     **_evidence_cells(r.evidence, links, tpl), **_review_cells(entries.get(r.commitment_id)),
                     "_level": 1})
    return rows


def _office_columns(rows: list[dict], c: Comparison, entries: PlanEntries | None, path: Path) -> list[dict]:
    """The commitment rows with the office's own 完成状态 (its latest period) and progress
    from the plan sheet, and whether they agree with yoy's status."""
    from compare.workbook.plansheet import disagrees, period_end
    if entries is not None and (entries.region, entries.kind, entries.plan_year) != (
            c.old.region, c.old.kind, c.old.plan_year):
        raise YoyError(path, f"the plan entries are for {entries.region} {entries.kind} {entries.plan_year}, "
                             f"not for this comparison's plan year")
    stored = entries.measures if entries else {}
    results = {r.commitment_id: r for r in c.commitments}
    for row in rows:
        r = results.get(row["id"]) if row["id"] else None  # roll-up rows have no id
        entry = stored.get(r.commitment_id) if r else None
        office = entry.latest_status() if entry else None
        latest = max(entry.progress, key=lambda k: period_end(k)) if entry and entry.progress else None
        against = disagrees(office, r.status) if r else None
        row.update({"office_status": office, "office_progress": entry.progress[latest] if entry and latest else None,
                    "agreement": None if against is None else "disagree" if against else "agree"})
    return rows


def _target_rows(c: Comparison, reviews: Reviews | None, tpl: Template) -> list[dict]:
    entries = reviews.targets if reviews else {}
    return [{"id": r.target_id, "seq": n, "indicator": r.indicator, "text": r.text or None,
             "comparator": r.comparator, "low": r.low, "high": r.high, "unit": r.unit or None,
             "actual": r.actual, "actual_qualifier": r.actual_qualifier or None,
             "actual_text": _quote(tpl, r.actual_text) if r.actual_text else None,
             "verdict": r.verdict, "note": r.note or None, **_review_cells(entries.get(r.target_id))}
            for n, r in enumerate(c.targets, 1)]


def _shortcoming_rows(c: Comparison, reviews: Reviews | None, links: _DiffIndex,
                      tpl: Template) -> list[dict]:
    entries = reviews.shortcomings if reviews else {}
    return [{"id": r.shortcoming_id, "seq": n, "status": r.status, "text": r.text,
             **_evidence_cells(r.evidence, links, tpl), **_review_cells(entries.get(r.shortcoming_id))}
            for n, r in enumerate(c.shortcomings, 1)]


def _section_rows(c: Comparison, old_h: Headings, new_h: Headings) -> list[dict]:
    return [{"seq": n, "old_id": a.old_id, "old_heading": _heading(old_h, a.old_id),
             "new_id": a.new_id, "new_heading": _heading(new_h, a.new_id),
             "score": a.score, "change": a.change}
            for n, a in enumerate(c.alignment, 1)]


def _metric_rows(c: Comparison) -> list[dict]:
    # The percent format wants a fraction: derive it from the figures rather than rely on
    # whether change_pct is a fraction or in per cent; None still means "not meaningful".
    return [{"seq": n, "subject": m.subject, "unit": m.unit or None, "old": m.old, "new": m.new,
             "change": m.change, "change_pct": m.change / m.old if m.change_pct is not None and m.old else None}
            for n, m in enumerate(c.metrics, 1)]


def _diff_rows(c: Comparison, old_h: Headings, new_h: Headings) -> list[dict]:
    rows: list[dict] = []
    for sd in c.diffs:
        section = _heading(new_h, sd.new_id) if sd.new_id else _heading(old_h, sd.old_id)
        for pair in sd.pairs:
            changed = pair.old != pair.new
            rows.append({"seq": len(rows) + 1, "section": section,
                         "changed": "changed" if changed else "unchanged",
                         "similarity": pair.similarity, "old": pair.old, "new": pair.new,
                         "diff": _rich_diff(pair) if changed else pair.new,
                         # not columns: where evidence links to
                         "_new_id": sd.new_id, "_new_text": pair.new})
    return rows


def _rich_diff(pair: SentencePair) -> Rich | None:
    """The character diff of a pair as one rich-text value: deletions and insertions
    styled as the template's diff says, equal text plain."""
    old, new = pair.old or "", pair.new or ""
    # an added or removed sentence has no opcodes: it is all insertion or all deletion
    ops = pair.opcodes or ([("delete", 0, len(old), 0, 0)] if old else []) + \
        ([("insert", len(old), len(old), 0, len(new))] if new else [])
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag in ("delete", "replace"):
            runs.append(("delete", old[i1:i2]))
        if tag in ("insert", "replace"):
            runs.append(("insert", new[j1:j2]))
        if tag == "equal":
            runs.append(("cell", new[j1:j2]))
    legal = ((look, _legal(text)) for look, text in runs)
    kept = tuple((look, text) for look, text in legal if text)
    return Rich(kept) if kept else None


def _provenance_rows(c: Comparison, origin: dict, lang: str, reviews: Reviews | None = None) -> list[dict]:
    """Key/value rows of the _yoy sheet: the pair's identity, `origin` (by convention
    the store, the report paths and their source hashes) and, for each pre-filled
    review, digests of its cells (review.BASE_PREFIX), by which an import tells the
    cells a reviewer changed from those left as exported."""
    from compare.store.reviews import base_rows
    identity = {"format": "yoy-workbook/1", "region": c.old.region, "kind": c.old.kind,
                "old_year": c.old.year, "new_year": c.new.year,
                "old_region": c.old.region, "old_kind": c.old.kind,
                "new_region": c.new.region, "new_kind": c.new.kind,
                "engine_version": c.engine_version, "tool_version": __version__, "lang": lang}
    extra = {k: v for k, v in sorted(origin.items()) if k not in identity}
    return [{"key": k, "value": v} for k, v in {**identity, **extra, **base_rows(reviews)}.items()]


# Machine-read, so fixed here rather than in the template.
_PROVENANCE = Sheet(zh=PROVENANCE_SHEET, en=PROVENANCE_SHEET, columns=[
    Column(key="key", zh="key", en="key", width=16), Column(key="value", zh="value", en="value", width=60)])


# ---- cells and sheets ------------------------------------------------------------

class _Formats:
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
        }
        self._made: dict[tuple, Format] = {}

    def __call__(self, look: str = "cell", num_format: str | None = None, quote: bool = False) -> Format:
        key = (look, num_format, quote)
        if key not in self._made:
            props = dict(self._looks[look])
            if num_format:
                props["num_format"] = num_format
            if quote:
                props["quote_prefix"] = True
            self._made[key] = self._wb.add_format(props)
        return self._made[key]


_ILLEGAL_XML = re.compile(r"[\000-\010\013\014\016-\037]")
# Prefixes that make a typed-in cell a formula (or a CSV injection when exported).
_RISKY = ("=", "+", "-", "@", "\t", "\r")


# Excel's limit on a cell's text, in UTF-16 units; longer text is cut with a marker
# saying how much is missing (XlsxWriter would cut it silently and warn on stderr).
MAX_CELL = 32_767
_CUT = "…［{} characters cut: beyond Excel's cell limit］"


def _legal(text: str) -> str:
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


def _put(ws: Worksheet, row: int, col: int, value: Any, fmt: _Formats, look: str = "cell",
         num_format: str | None = None) -> None:
    """Write one cell (row and col from 0). Text is always written as text, never as a
    formula, and text Excel would read as a formula is flagged (quote prefix) so that it
    stays text when a reviewer edits the cell."""
    link = value.location if isinstance(value, Link) else None
    if link:
        value, look = value.value, "link"
    if isinstance(value, float) and not math.isfinite(value):
        value = None  # Excel has no NaN or infinity
    if value is None:
        ws.write_blank(row, col, None, fmt(look, num_format))
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt(look, num_format))
    elif isinstance(value, Rich):
        (first_look, first_text), *more = _fit_runs(value.runs)
        quote = first_text.startswith(_RISKY)
        if not more:  # Excel's rich text needs two runs: one run is a plain string in its look
            ws.write_string(row, col, first_text, fmt(first_look, num_format, quote))
        else:
            runs = (part for run_look, text in _fit_runs(value.runs) for part in (fmt(run_look), text))
            ws.write_rich_string(row, col, *runs, fmt(look, num_format, quote))
    else:
        text = _legal(str(value))
        cell_format = fmt(look, num_format, text.startswith(_RISKY))
        if link:
            ws.write_url(row, col, f"internal:{link}", cell_format, text)
        else:
            ws.write_string(row, col, text, cell_format)


def _put_row(ws: Worksheet, row: int, values: list, fmt: _Formats, look: str = "cell") -> None:
    for col, value in enumerate(values):
        _put(ws, row, col, value, fmt, look)


def _xl_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _write_table(ws: Worksheet, sheet: Sheet, rows: list[dict], tpl: Template, lang: str,
                 fmt: _Formats) -> None:
    """The one table writer: header, rows, widths, formats, status colours, drop-downs,
    frozen header, autofilter and print settings, all as `sheet` in the template says."""
    cols = sheet.columns
    _put_row(ws, 0, [c.get(lang) for c in cols], fmt, "header")
    for r, row in enumerate(rows, 1):
        look = row.get("_look", "cell")
        for c, col in enumerate(cols):
            if col.key not in row:
                known = ", ".join(k for k in row if not k.startswith("_"))
                raise YoyError(tpl._path, f"sheet {sheet.zh}: unknown column {col.key!r} (known: {known})")
            value = row[col.key]
            if (value is None or value == "") and look == "cell":
                # the column's format (below) is a plain empty cell's: half a ledger's cells are empty;
                # a roll-up row's are written, so that the whole row keeps its look
                continue
            if col.vocab and isinstance(value, str):
                value = tpl.term(col.vocab, value, lang)
            _put(ws, r, c, value, fmt, look, num_format=col.format)
        if row.get("_level"):  # grouped under the roll-up row above it (Excel's outline)
            ws.set_row(r, None, None, {"level": row["_level"]})
    last_row = max(len(rows), 1)  # status colours and drop-downs cover one row at least
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width, fmt("cell", col.format), {"hidden": col.hidden})
        if not col.vocab:
            continue
        terms = tpl.vocab[col.vocab].values()
        for term in terms:
            if term.colour:
                ws.conditional_format(1, c, last_row, c, {
                    "type": "cell", "criteria": "==", "value": _xl_string(term.get(lang)),
                    "format": fmt(f"tone.{term.colour}")})
        if col.dropdown:
            ws.data_validation(1, c, last_row, c, {
                "validate": "list", "source": [t.get(lang) for t in terms], "ignore_blank": True,
                "show_error": True, "error_title": tpl.label("invalid_title", lang),
                "error_message": tpl.label("invalid_text", lang)})
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(rows), len(cols) - 1)
    ws.repeat_rows(0)
    _page_setup(ws, tpl.page)


def _page_setup(ws: Worksheet, page: PageSpec) -> None:
    if page.orientation == "landscape":
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(page.paper)
    if page.fit_to_width:
        ws.fit_to_pages(1, 0)  # one page wide, as many pages down as needed


# A summary chart's size in pixels: 12 × 6 cm at 96 dpi.
_CHART_SIZE = {"width": 454, "height": 227}


def _write_summary(wb: Workbook, ws: Worksheet, c: Comparison, reviews: Reviews | None, origin: dict,
                   names: dict[str, str], tpl: Template, lang: str, fmt: _Formats) -> None:
    def text(key: str) -> str:
        return tpl.label(key, lang)

    spec = tpl.sheets.summary
    for i, col in enumerate(spec.columns):
        ws.set_column(i, i, col.width)
    _put(ws, 0, 0, text("title"), fmt, "title")
    _put_row(ws, 2, [col.get(lang) for col in spec.columns], fmt, "header")
    r = 3
    for key in ("report_title", "region", "kind", "year", "review_year", "plan_year"):
        field = "title" if key == "report_title" else key
        _put_row(ws, r, [text(key), getattr(c.old, field), getattr(c.new, field)], fmt)
        r += 1
    _put_row(ws, r, [text("source"), origin.get("old"), origin.get("new")], fmt)
    r += 1

    ledgers: list[tuple[str, str, list[tuple[str, str]]]] = [("commitments", "commitment", [(x.commitment_id, x.status) for x in c.commitments]),
               ("targets", "target", [(x.target_id, x.verdict) for x in c.targets]),
               ("shortcomings", "shortcoming", [(x.shortcoming_id, x.status) for x in c.shortcomings])]
    for n, (ledger, vocab, items) in enumerate(ledgers):
        _put(ws, r + 1, 0, text(ledger), fmt, "bold")
        _put_row(ws, r + 2, [text("status"), text("count"), text("share")], fmt, "header")
        r += 3
        first, total = r, len(items)
        counts = Counter(status for _, status in items)
        entries = getattr(reviews, ledger) if reviews else {}
        reviewed = sum(1 for i, _ in items if i in entries and entries[i].status)
        terms = tpl.vocab[vocab]
        for label, count in [*((t.get(lang), counts[k]) for k, t in terms.items()),
                             (text("total"), total), (text("reviewed"), reviewed)]:
            _put_row(ws, r, [label, count], fmt)
            _put(ws, r, 2, count / total if total else 0, fmt, num_format=tpl.share_format)
            r += 1
        last = first + len(terms) - 1
        chart = wb.add_chart({"type": "bar"})
        chart.add_series({"categories": [ws.name, first, 0, last, 0], "values": [ws.name, first, 1, last, 1],
                          "points": [{"fill": {"color": f"#{tpl.palette[t.colour].fill}"}} if t.colour else None
                                     for t in terms.values()]})
        chart.set_title({"name": text(ledger)})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True})  # a bar chart's category axis: statuses top-down in template order
        chart.set_size(_CHART_SIZE)
        ws.insert_chart(2 + 14 * n, len(spec.columns) + 1, chart)

    _put(ws, r + 1, 0, text("sheets"), fmt, "bold")
    r += 2
    for key, name in names.items():
        # the tracker and the plan sheet are workbooks of their own
        if key != "summary" and not key.startswith(("tracker_", "plan")):
            _put(ws, r, 0, Link(name, f"{_sheet_ref(name)}!A1"), fmt)
            r += 1
    r += 1
    for key, value in [("tool_version", __version__), ("engine_version", c.engine_version),
                       ("store", origin.get("store"))]:
        _put_row(ws, r, [text(key), value], fmt)
        r += 1
    if c.warnings:
        _put(ws, r + 1, 0, text("warnings"), fmt, "bold")
        for i, warning in enumerate(c.warnings):
            _put(ws, r + 1 + i, 1, warning, fmt)
    _page_setup(ws, tpl.page)
