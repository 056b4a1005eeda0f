"""Reading a filled workbook back: the reviewer columns of a comparison, the office's columns of a plan sheet.

Rows are found by their ID column and columns by their zh or en header, so sorted,
filtered or re-ordered sheets import the same; the hidden _yoy sheet says which pair or
plan year a workbook belongs to.

    workbook_format(xlsx)      → yoy-workbook/1 (a comparison) or yoy-plan/1 (a plan sheet)
    read_reviews(xlsx)         → the reviewer input, warnings and the _yoy sheet
    import_workbook(xlsx)      → the reviewer input and warnings
    import_plan_sheet(xlsx)    → the office's entries, the _yoy sheet, warnings and where each row was
"""
from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from compare.errors import YoyError
from compare.ingest.plan_cues import deadline_date
from compare.ingest.readers import check_expansion
from compare.store.plan_entries import PERIODS, PlanEntries, PlanEntry, Unit, period_keys
from compare.store.reviews import LEDGERS, ReviewEntry, Reviews, base_of, digest
from compare.text import quoted
from compare.workbook.ledger import REVIEW_COLUMNS
from compare.workbook.plansheet import COMPUTED, PLAN_FORMAT, office_column, plan_sheet
from compare.workbook.sheets import (
    CUT_MARK,
    LANGS,
    PROVENANCE_SHEET,
    Column,
    Sheet,
    Template,
    Term,
    load_template,
    sheet_names,
    sheet_titles,
)


def import_workbook(xlsx: Path, *, templates: Path | None = None) -> tuple[Reviews, list[str]]:
    """The reviewer input in a workbook written by write_workbook, and warnings.

    The comparison's identity comes from the hidden _yoy sheet; rows are keyed by the
    ID column; columns and sheets are found by their zh or en names in the template.
    A row with neither status nor note gives no entry. An unknown status is an error
    naming the sheet and cell.
    """
    read = read_reviews(xlsx, templates=templates)
    return read.reviews, read.warnings


class ReadBack(NamedTuple):
    """A comparison workbook read back."""
    reviews: Reviews
    warnings: list[str]
    info: dict                          # the _yoy sheet: key → value
    rows: dict[tuple[str, str], str]    # (ledger, id) → where its row is ("sheet 承诺跟踪 row 5")


def read_reviews(xlsx: Path, *, templates: Path | None = None) -> ReadBack:
    """import_workbook's reviews and warnings, the _yoy sheet's key → value (the pair's
    identity, the reports' source hashes, the review cells as exported: store.reviews.base_of)
    and where each row with an ID is."""
    xlsx = Path(xlsx)
    tpl = load_template(templates)
    wb = _open_workbook(xlsx)
    try:
        info = _provenance(wb, xlsx)
        reviews = Reviews(region=info["region"], kind=info["kind"],
                          old_year=info["old_year"], new_year=info["new_year"])
        warnings: list[str] = []
        rows: dict[tuple[str, str], str] = {}
        base = base_of(info)
        for ledger in LEDGERS:
            titles = sheet_titles(tpl, ledger)
            title = next((t for t in titles if t in wb.sheetnames), None)
            if title is None:
                raise YoyError(xlsx, f"no sheet {' or '.join(titles)}")
            sheet = _Ledger(wb[title], getattr(tpl.sheets, ledger), titles[title], xlsx, base.get(ledger, {}))
            getattr(reviews, ledger).update(_reading(xlsx, sheet.read, tpl, warnings))
            rows.update({(ledger, rid): f"sheet {title} row {r}" for rid, r in sheet.rows.items()})
    finally:
        wb.close()
    return ReadBack(reviews, warnings, info, rows)


def _reading(xlsx: Path, read: Callable[..., Any], *args: Any) -> Any:
    """read(*args), a damaged part of the workbook (XML cut short, strings that are not) refused in one line."""
    try:
        return read(*args)
    except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as e:
        raise YoyError(xlsx, f"cannot read workbook: {_first_line(e)}") from None


def _first_line(e: BaseException) -> str:
    text = (e.strerror if isinstance(e, OSError) and e.strerror else str(e)).strip().splitlines()
    return text[0][:200] if text else type(e).__name__


def _provenance_sheet(wb: Any, xlsx: Path) -> dict:
    """The key → value pairs of the hidden _yoy sheet."""
    if PROVENANCE_SHEET not in wb.sheetnames:
        raise YoyError(xlsx, f"no {PROVENANCE_SHEET} sheet: not a workbook written by yoy")
    return _reading(xlsx, lambda: {str(row[0]): row[1] for row in
                                   wb[PROVENANCE_SHEET].iter_rows(min_row=2, values_only=True)
                                   if len(row) > 1 and row[0] is not None})


def _provenance(wb: Any, xlsx: Path) -> dict:
    info = _provenance_sheet(wb, xlsx)
    missing = [k for k in ("region", "kind", "old_year", "new_year") if info.get(k) in (None, "")]
    if missing:
        raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET} lacks {', '.join(missing)}")
    try:
        return {**info, "old_year": int(info["old_year"]), "new_year": int(info["new_year"])}
    except (TypeError, ValueError):
        raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: years must be numbers") from None


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """The merged cells of a read-only sheet as (first row, first column, last row, last column),
    from 1. openpyxl's read-only sheets do not give them, so they are read from the sheet's XML
    (its <mergeCell ref="A1:B3"/> elements follow the rows)."""
    from openpyxl.utils import range_boundaries

    source = getattr(ws, "_get_source", None)  # the sheet's XML part, as openpyxl's read-only rows read it
    if source is None:
        return []
    with source() as f:
        xml = f.read()
    found = []
    for ref in re.findall(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"', xml):
        min_col, min_row, max_col, max_row = (int(n or 0) for n in range_boundaries(ref.decode()))
        found.append((min_row, min_col, max_row, max_col))
    return found


class _Ledger:
    """One ledger sheet of a comparison workbook, read by its headers; `base`: the review
    cells as exported (id → field → digest), so that cleared and cut cells can be told."""

    def __init__(self, ws: Any, spec: Sheet, lang: str, xlsx: Path, base: dict[str, dict[str, str]]):
        self.ws, self.spec, self.lang, self.xlsx, self.base = ws, spec, lang, xlsx, base
        self.rows: dict[str, int] = {}   # id → its (last) row

    def read(self, tpl: Template, warnings: list[str]) -> dict[str, ReviewEntry]:
        from openpyxl.utils import get_column_letter

        ws, xlsx = self.ws, self.xlsx
        rows = ws.iter_rows()
        by_header = {h: col for col in self.spec.columns for h in (col.zh, col.en, *col.aliases)}
        at: dict[str, int] = {}  # column key → index in the sheet, as the reviewer left them
        unknown: dict[int, str] = {}  # index → header of a column yoy does not read
        for i, c in enumerate(next(rows, ())):
            h = c.value
            col = by_header.get(str(h).strip()) if h is not None else None
            if col is not None:
                at.setdefault(col.key, i)
            elif h is not None and str(h).strip():
                unknown[i] = str(h).strip()
        if "id" not in at:
            raise YoyError(xlsx, f"sheet {ws.title}: no ID column")
        vocab = next((c.vocab for c in self.spec.columns if c.key == "review_status"), None)
        header = {key: next(c.get(self.lang) for c in self.spec.columns if c.key == key) for key in at}
        merges = self._merges(at)
        spans: dict[int, dict[int, Any]] = {}  # row → column index → what a merged cell above gives it

        entries: dict[str, ReviewEntry] = {}
        first_row: dict[str, int] = {}
        unread: set[int] = set()
        for r, cells in enumerate(rows, 2):
            values = [_typed(c, ws.title, xlsx, warnings) for c in cells]
            for i, value in spans.pop(r, {}).items():
                values += [None] * (i + 1 - len(values))
                values[i] = value
            for (left, right, bottom), cols in merges.pop(r, {}).items():
                self._spread(values, r, left, right, bottom, cols, spans, header, warnings)
            unread.update(i for i in unknown if i < len(values) and _text(values[i]) is not None)

            rid = _cell(values, at, "id")
            fields = {field: _cell(values, at, col) for col, field in REVIEW_COLUMNS.items()}
            exported = self.base.get(rid, {}) if rid else {}
            for key, field in REVIEW_COLUMNS.items():
                value = fields[field]
                if value is not None and CUT_MARK.search(value):
                    # yoy cut the stored text at Excel's limit: the store keeps it whole
                    fields[field] = None
                    if digest(value) != exported.get(field):
                        warnings.append(f"{xlsx}: sheet {ws.title} row {r}: {header.get(key, key)} holds text "
                                        f"yoy cut at Excel's cell limit; not imported (the store keeps the whole "
                                        f"text: edit the reviews file to change it)")
                elif value is None and field in exported and rid in self.base:
                    warnings.append(f"{xlsx}: sheet {ws.title} row {r} ({rid}): {header.get(key, key)} was "
                                    f"cleared; a workbook never erases a stored review, so the store keeps it "
                                    f"(edit the reviews file to erase it)")
            if rid is not None:
                self.rows[rid] = r
            if not fields["status"] and not fields["note"]:
                continue
            if fields["status"] and vocab:
                status = _status_key(tpl.vocab[vocab], fields["status"])
                if status is None:
                    allowed = ", ".join(t.get(self.lang) for t in tpl.vocab[vocab].values())
                    coord = f"{get_column_letter(at['review_status'] + 1)}{r}"
                    raise YoyError(xlsx, f"sheet {ws.title} cell {coord}: unknown status "
                                         f"{quoted(fields['status'])} (allowed: {allowed})")
                fields["status"] = status
            if rid is None:
                warnings.append(f"sheet {ws.title} row {r}: reviewer input without an ID, ignored")
                continue
            if rid in entries:
                warnings.append(f"sheet {ws.title} row {r}: ID {rid} also in row {first_row[rid]}; "
                                f"row {r} wins")
            first_row.setdefault(rid, r)
            text = _cell(values, at, "text")
            entries[rid] = ReviewEntry(**fields, text=_uncut(text))
        missing = [c.get(self.lang) for c in self.spec.columns if c.key in REVIEW_COLUMNS and c.key not in at]
        for i in sorted(unread):
            # a renamed reviewer column (复核状态 → 复核结论) would otherwise lose its input unseen
            warnings.append(f"{xlsx}: sheet {ws.title}: column {unknown[i]!r} is not one yoy reads; its "
                            f"input is ignored" + (f" (missing: {', '.join(missing)})" if missing else ""))
        return entries

    def _merges(self, at: dict[str, int]) -> dict[int, dict[tuple[int, int, int], dict[int, str]]]:
        """Merged cells over more than one row that reach a column yoy reads, by their first row:
        (first column, last column, last row) → the column index → key of the columns read."""
        read = {i: key for key, i in at.items()}
        found: dict[int, dict[tuple[int, int, int], dict[int, str]]] = {}
        for top, left, bottom, right in _merged_ranges(self.ws):
            cols = {i: read[i] for i in range(left - 1, right) if i in read}
            if bottom > top >= 2 and cols:
                found.setdefault(top, {})[(left, right, bottom)] = cols
        return found

    def _spread(self, values: list[Any], top: int, left: int, right: int, bottom: int, cols: dict[int, str],
                spans: dict[int, dict[int, Any]], header: dict[str, str], warnings: list[str]) -> None:
        """A value typed over merged rows is every row's (Excel keeps it in the first cell only),
        with a warning naming the cells."""
        from openpyxl.utils import get_column_letter
        value = values[left - 1] if left - 1 < len(values) else None
        for r in range(top + 1, bottom + 1):
            for i in cols:
                spans.setdefault(r, {})[i] = value if i == left - 1 else None
        if _text(value) is not None:
            ref = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
            what = header[cols[left - 1]] if left - 1 in cols else "their value"
            warnings.append(f"{self.xlsx}: sheet {self.ws.title} cells {ref} are merged: {what} "
                            f"{quoted(value)} is read for each of their {bottom - top + 1} rows")


def cell_names(info: Mapping[str, Any], cells: Iterable[tuple[str, str, str]], *,
               templates: Path | None = None, limit: int = 6) -> list[str]:
    """(table, id, field) of a workbook's entries named as its reader finds them: sheet, row ID and
    column header in the workbook's language ("承诺跟踪 m3f2a 复核状态"); after `limit`, how many more."""
    tpl = load_template(templates)
    lang = str(info.get("lang") or "zh")
    lang = lang if lang in LANGS else "zh"
    names = sheet_names(tpl, lang)
    if info.get("format") == PLAN_FORMAT:
        try:
            plan = plan_sheet(tpl, str(info.get("periods") or "quarter"), lang)
        except YoyError:
            plan = tpl.sheets.plan
        specs = {"measures": ("plan", plan), "targets": ("plan_targets", tpl.sheets.plan_targets),
                 "units": ("plan_units", tpl.sheets.plan_units)}
        column = {}
    else:
        specs = {ledger: (ledger, getattr(tpl.sheets, ledger)) for ledger in LEDGERS}
        column = {field: key for key, field in REVIEW_COLUMNS.items()}
    out = []
    for table, rid, field in cells:
        sheet, spec = specs.get(table, (None, None))
        headers = {c.key: c.get(lang) for c in spec.columns} if spec else {}
        header = headers.get(column.get(field, field), field.removeprefix("extra."))  # a column the office added
        out.append(f"{names.get(sheet, table) if sheet else table} {rid} {header}")
    if len(out) > limit:
        out = [*out[:limit], f"{len(out) - limit} more"]
    return out


def _typed(c: Any, sheet: str, xlsx: Path, warnings: list[str]) -> Any:
    """A cell's value; a formula is kept as the text typed (Excel may never have
    computed it, and a computed reviewer decision is not one), with a warning."""
    if getattr(c, "data_type", None) != "f":
        return c.value
    text = c.value if isinstance(c.value, str) else getattr(c.value, "text", None) or str(c.value)
    warnings.append(f"{xlsx}: sheet {sheet} cell {c.coordinate}: a formula, kept as its text {text!r}")
    return text


# ---- the plan sheet (plansheet.py) ----------------------------------------------------

def _open_workbook(xlsx: Path) -> Any:
    """A yoy workbook opened for reading, its expansion checked before openpyxl sees it."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        with zipfile.ZipFile(xlsx) as zf:
            check_expansion(xlsx, zf.infolist())
        # formulas as typed (data_only would give None for a formula Excel never computed)
        return load_workbook(xlsx, read_only=True, data_only=False)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, InvalidFileException) as e:
        raise YoyError(xlsx, f"cannot read workbook: {e.strerror if isinstance(e, OSError) and e.strerror else e}") from None


def workbook_format(xlsx: Path) -> str | None:
    """The format a yoy workbook records in its _yoy sheet (yoy-workbook/1, yoy-plan/1)."""
    return _text(read_provenance(xlsx).get("format"))


def read_provenance(xlsx: Path) -> dict:
    """The key → value pairs of a yoy workbook's hidden _yoy sheet (its provenance and settings)."""
    wb = _open_workbook(Path(xlsx))
    try:
        return _provenance_sheet(wb, Path(xlsx))
    finally:
        wb.close()


def read_unit_list(xlsx: Path, templates: Path | None = None) -> list[list[str]]:
    """The first three columns of a workbook's 单位 sheet (a 台账's), else of its first sheet, as text."""
    tpl = load_template(templates)
    wb = _open_workbook(Path(xlsx))
    try:
        titles = sheet_titles(tpl, "plan_units")
        ws = next((wb[t] for t in wb.sheetnames if t in titles), wb.worksheets[0])
        return [[_text(v) or "" for v in row[:3]] for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


class SheetRow(NamedTuple):
    """Where a row of a plan sheet was read: its sheet, row number and text (具体举措, 目标表述),
    and the cell of each office column the sheet has (so that a cleared cell can be named)."""
    sheet: str
    row: int
    text: str | None
    cells: dict[str, str]


class PlanRead(NamedTuple):
    """A plan sheet read back (import_plan_sheet)."""
    entries: PlanEntries
    info: dict                           # the _yoy sheet
    warnings: list[str]
    rows: dict[tuple[str, str], SheetRow]  # (measures | targets | units, id or unit name) → where it was read


def import_plan_sheet(xlsx: Path, *, templates: Path | None = None, strict: bool = False) -> PlanRead:
    """The office's entries in a plan sheet written by plansheet.write_plan_sheet, its
    provenance, warnings, and where each row was read.

    Rows are keyed by the ID column and columns found by their header in either language, a
    template alias, or a period and field in any common form (一季度完成状态, 第一季度\n完成状态,
    Q1完成状态), so rows may be sorted or filtered and columns moved or re-titled; a merged
    cell counts for every row it spans. Everything the office fills is read: progress and
    status per period, 牵头单位/责任单位/完成时限 and the other office columns, 实际值 (5.2%
    typed as a percentage stays 5.2 in a % row), columns the office added (stored as entries),
    the 单位 sheet. A bad value (an unknown status, 未完成 before the year's last period) is a
    warning naming the cell, and the cell is skipped; with `strict` it is an error. A column
    yoy cannot place is named in a warning, never dropped unseen.
    """
    xlsx = Path(xlsx)
    tpl = load_template(templates)
    wb = _open_workbook(xlsx)
    try:
        info = _provenance_sheet(wb, xlsx)
        if info.get("format") != PLAN_FORMAT:
            raise YoyError(xlsx, f"not a plan sheet (its {PROVENANCE_SHEET} sheet says {info.get('format')!r})")
        missing = [k for k in ("region", "kind", "year", "plan_year", "periods") if info.get(k) in (None, "")]
        if missing:
            raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET} lacks {', '.join(missing)}")
        try:
            entries = PlanEntries(region=str(info["region"]), kind=str(info["kind"]),
                                  plan_year=int(info["plan_year"]))
            info = {**info, "year": int(info["year"]), "plan_year": entries.plan_year}
        except (TypeError, ValueError):
            raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: years must be numbers") from None
        periods = str(info["periods"])
        if periods not in PERIODS:
            raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: periods {periods!r} is not one of {', '.join(PERIODS)}")
        written = _written_headers(info)
        # a sheet from before yoy recorded its columns offered the year-end statuses in every period
        reader = _PlanReader(xlsx, tpl, periods, entries.plan_year, strict, year_end_anywhere=written is None)
        for table, key in (("measures", "plan"), ("targets", "plan_targets"), ("units", "plan_units")):
            titles = sheet_titles(tpl, key)
            title = next((t for t in titles if t in wb.sheetnames), None)
            if title is None:
                if key == "plan" or (key == "plan_targets" and "split" not in info):
                    reader.bad(f"no sheet {' or '.join(titles)}", fatal=key == "plan")
                continue
            spec = plan_sheet(tpl, periods, titles[title]) if key == "plan" else getattr(tpl.sheets, key)
            reader.read(wb[title], table, spec, written if key == "plan" else None, entries)
    finally:
        wb.close()
    return PlanRead(entries, info, reader.warnings, reader.rows)


def _written_headers(info: Mapping[str, Any]) -> set[str] | None:
    """The headers yoy wrote on the plan sheet, as its _yoy records them (None: not recorded)."""
    try:
        headers = json.loads(str(info["columns"])) if info.get("columns") else None
    except ValueError:
        return None
    return {_norm(h) for h in headers} if isinstance(headers, list) else None


def _norm(header: Any) -> str:
    """A header as compared: no spaces or line breaks, full-width letters and digits folded,
    brackets and separators dropped, case folded (第一季度\n完成状态 → 第一季度完成状态)."""
    text = unicodedata.normalize("NFKC", str(header))
    return re.sub(r"[\s()（）【】\[\]:：\-_—·/、]+", "", text).casefold()


def _period_names(key: str, tpl: Template) -> set[str]:
    """What people call a period in a header: the template's labels and the usual forms.

    >>> sorted(_period_names("q2", load_template()))
    ['2季度', 'q2', '二季', '二季度', '第2季度', '第二季度']
    """
    kind, n = key[0], int(key[1:])
    cjk = "一二三四五六七八九十"[n - 1] if n <= 10 else "十" + "一二"[n - 11]
    labels = {label.get(lang) for kinds, ls in tpl.periods.items() for k, label in
              zip(period_keys(kinds), ls, strict=True) if k == key for lang in LANGS}
    if kind == "q":
        forms = [f"{cjk}季度", f"第{cjk}季度", f"{n}季度", f"第{n}季度", f"{cjk}季", f"q{n}"]
    elif kind == "h":
        forms = [("上半年", "下半年")[n - 1], f"h{n}"]
    else:
        forms = [f"{n}月", f"{n}月份", f"{cjk}月", f"{cjk}月份", f"m{n}"]
    return {_norm(x) for x in (*labels, *forms)}


def _resembles(header: str, col: Column) -> float:
    """How much `header` looks like a re-titled `col` (0–100): its header's characters all in it
    in order (存在问题 in 存在的主要问题) is 100, else the closest partial match."""
    from rapidfuzz import fuzz

    scores = []
    for name in (col.zh, col.en):
        it, want = iter(_norm(header)), _norm(name)
        scores.append(100.0 if len(want) > 1 and all(ch in it for ch in want) else fuzz.partial_ratio(_norm(header), want))
    return max(scores)


class _PlanReader:
    """Reads the tables of one plan sheet into PlanEntries, gathering warnings and where each row was."""

    def __init__(self, xlsx: Path, tpl: Template, periods: str, plan_year: int, strict: bool,
                 year_end_anywhere: bool = False):
        self.xlsx, self.tpl, self.strict, self.plan_year = xlsx, tpl, strict, plan_year
        self.year_end_anywhere = year_end_anywhere
        self.keys = period_keys(periods)
        self.warnings: list[str] = []
        self.rows: dict[tuple[str, str], SheetRow] = {}

    def bad(self, message: str, fatal: bool = False, skipped: str = "") -> None:
        """A value or sheet yoy cannot take: an error with --strict (or when `fatal`), else a
        warning saying what is `skipped`."""
        if fatal or self.strict:
            raise YoyError(self.xlsx, message)
        self.warnings.append(f"{self.xlsx}: {message}{skipped}")

    def _headers(self, spec: Sheet) -> dict[str, str]:
        """Normalised header → column key: both languages, aliases, and per period any common form."""
        out: dict[str, str] = {}
        for col in spec.columns:
            if "." not in col.key or col.key.startswith("extra."):
                out.update({_norm(h): col.key for h in (col.zh, col.en, *col.aliases)})
        for key in self.keys if spec.columns and any(c.key.startswith("status.") for c in spec.columns) else ():
            for pc in self.tpl.period_columns:
                fields = {_norm(h.replace("{period}", "")) for h in (pc.zh, pc.en)} | {_norm(a) for a in pc.aliases}
                for period in _period_names(key, self.tpl):
                    out.update({name: f"{pc.key}.{key}" for f in fields for name in (period + f, f + period)})
        return out

    def _locate(self, ws: Any, spec: Sheet) -> tuple[int, dict[str, int], dict[int, str]]:
        """The header row (of the first five, the one that names most columns), column key → index,
        and index → header of the columns yoy could not place."""
        known = self._headers(spec)
        top = list(ws.iter_rows(min_row=1, max_row=5, values_only=True))
        scores = [sum(_norm(h) in known for h in row if h is not None) for row in top]
        if not scores or max(scores) == 0:
            self.bad(f"sheet {ws.title}: no header row (none of its first rows names yoy's columns)", fatal=True)
        header_row = scores.index(max(scores)) + 1
        at: dict[str, int] = {}
        unknown: dict[int, str] = {}
        for i, h in enumerate(top[header_row - 1]):
            if h is None or not str(h).strip():
                continue
            key = known.get(_norm(h))
            if key is not None and key not in at:
                at[key] = i
            elif key is not None:
                self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column {str(h).strip()!r} is a second "
                                     f"{top[header_row - 1][at[key]]!r}; only the first is read")
            else:
                unknown[i] = str(h).strip()
        # a re-titled column of yoy's (存在问题 → 存在的主要问题): the missing column it resembles most
        for i, h in list(unknown.items()):
            missing = [c for c in spec.columns if c.key not in at and not c.key.startswith("extra.")]
            score, best = max(((_resembles(h, c), c) for c in missing), key=lambda sc: sc[0], default=(0.0, None))
            if best is not None and score >= 75:
                at[best.key] = i
                del unknown[i]
                self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column {h!r} is read as {best.zh!r}")
        if "id" not in at and spec is not self.tpl.sheets.plan_units:
            self.bad(f"sheet {ws.title}: no ID column", fatal=True)
        return header_row, at, unknown

    def read(self, ws: Any, table: str, spec: Sheet, written: set[str] | None, entries: PlanEntries) -> None:
        from openpyxl.utils import get_column_letter

        header_row, at, unknown = self._locate(ws, spec)
        units = table == "units"
        if units and "name" not in at:
            self.bad(f"sheet {ws.title}: no {spec.columns[0].zh} column", skipped="; its units are not read")
            return
        # columns the office added (not among those yoy wrote): their entries are stored and shown again
        added = {i: h for i, h in unknown.items() if written is not None and _norm(h) not in written}
        names = {c.key: c.zh for c in spec.columns}
        office = {k: i for k, i in at.items() if office_column(k) or (units and k != "name")}
        key_col = at["name" if units else "id"]
        text_col = at.get("name" if units else "measure" if "measure" in at else "text")
        unread: dict[int, int] = {}
        first_row: dict[str, int] = {}
        for r, cells in _rows(ws, header_row + 1):
            coords = {k: f"{get_column_letter(i + 1)}{r}" for k, i in office.items()}
            rid = _text(cells[key_col].value)
            text = _text(cells[text_col].value) if text_col is not None else None
            fields = {k: v for k, i in office.items()
                      if (v := self._stored(k, self._typed(cells[i], ws.title, coords[k]), cells[i], ws.title,
                                            coords[k], _text(cells[at["unit"]].value) if "unit" in at else None))
                      is not None}
            extra = {h: t for i, h in added.items()
                     if (t := _text(self._typed(cells[i], ws.title, f"{get_column_letter(i + 1)}{r}"))) is not None}
            for key in COMPUTED:
                cell = cells[at[key]] if key in at else None
                if cell is not None and cell.value is not None and getattr(cell, "data_type", None) != "f":
                    self.warnings.append(f"{self.xlsx}: sheet {ws.title} cell {get_column_letter(at[key] + 1)}{r}: "
                                         f"{names[key]} is computed from the period columns; "
                                         f"{_text(cell.value)!r} typed over it is not read")
            for i in unknown.keys() - added.keys():
                if _text(cells[i].value) is not None:
                    unread[i] = unread.get(i, 0) + 1
            if (fields or extra) and rid is None:
                self.warnings.append(f"{self.xlsx}: sheet {ws.title} row {r}: entries without an ID, ignored")
            if rid is None:
                continue
            if rid in first_row and (fields or extra):
                self.warnings.append(f"{self.xlsx}: sheet {ws.title} row {r}: ID {rid} also in row "
                                     f"{first_row[rid]}; row {r} wins")
            first_row.setdefault(rid, r)
            self.rows[(table, rid)] = SheetRow(ws.title, r, text, coords)
            if units:
                entries.units = [u for u in entries.units if u.name != rid] + [Unit(name=rid, **fields)]
            elif fields or extra:
                nested: dict[str, dict[str, str]] = {"progress": {}, "status": {}, "extra": extra}
                for key in [k for k in fields if "." in k]:
                    field, _, period = key.partition(".")
                    nested[field][period] = fields.pop(key)
                getattr(entries, table)[rid] = PlanEntry(**fields, **nested, text=text)
        for i, n in sorted(unread.items()):
            self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column {unknown[i]!r} is not one yoy reads; "
                                 f"its {n} filled cells are not imported")
        for h in sorted(added.values()):
            self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column {h!r} is not one of yoy's; its entries "
                                 f"are stored and shown again in that column")

    def _typed(self, cell: Any, sheet: str, coord: str) -> Any:
        """A cell's value; a formula typed by the office is kept as its text, with a warning."""
        if getattr(cell, "data_type", None) != "f":
            return cell.value
        text = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", None) or str(cell.value)
        self.warnings.append(f"{self.xlsx}: sheet {sheet} cell {coord}: a formula, kept as its text {text!r}")
        return text

    def _stored(self, key: str, raw: Any, cell: Any, sheet: str, coord: str, unit: str | None) -> str | None:
        """A cell's value as the store keeps it: a status by its key, 完成时限 as an ISO date
        (or the text typed when it names no day), 实际值 as typed (a percentage in percent)."""
        field, _, period = key.partition(".")
        if field == "status" and period:
            text = _text(raw)
            if text is None:
                return None
            terms = self.tpl.vocab["plan_status"]
            status = _status_key(terms, text)
            if status is None:
                allowed = ", ".join(t.zh for t in terms.values())
                self.bad(f"sheet {sheet} cell {coord}: unknown status {text!r} (allowed: {allowed})", skipped="; skipped")
            elif status in self.tpl.plan_sheet.year_end_statuses and period != self.keys[-1] \
                    and not self.year_end_anywhere:
                self.bad(f"sheet {sheet} cell {coord}: {text!r} is a year-end status, for the last period only",
                         skipped="; skipped")
                status = None
            return status
        if field == "deadline":
            if isinstance(raw, (datetime, date)):
                return (raw.date() if isinstance(raw, datetime) else raw).isoformat()
            text = _text(raw)
            day = deadline_date(text, self.plan_year) if text else None
            return day.isoformat() if day else text
        if field == "actual" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            if "%" in (getattr(cell, "number_format", None) or ""):  # 5.2% typed: Excel stores 0.052
                percent = f"{round(raw * 100, 10):g}"
                return percent if unit == "%" else f"{percent}%"
            return f"{round(raw, 10):g}"
        return _text(raw)


class _Cell(NamedTuple):
    value: Any
    data_type: str | None = None
    number_format: str | None = None


_EMPTY = _Cell(None)


def _rows(ws: Any, first: int) -> Iterator[tuple[int, defaultdict[int, _Cell]]]:
    """(row number, column index → cell) from row `first` on; a cell under a merged cell has
    the merged cell's value (a 牵头单位 merged over three rows belongs to each of them)."""
    merged = _merged_cells(ws)
    origins = set(merged.values())
    seen: dict[tuple[int, int], _Cell] = {}
    for r, row in enumerate(ws.iter_rows(min_row=first), first):
        cells: defaultdict[int, _Cell] = defaultdict(lambda: _EMPTY)
        for i, c in enumerate(row):
            if c.value is not None or (r, i + 1) in origins:
                cells[i] = _Cell(c.value, getattr(c, "data_type", None), getattr(c, "number_format", None))
                if (r, i + 1) in origins:
                    seen[(r, i + 1)] = cells[i]
        for (mr, mc), origin in merged.items():
            if mr == r and origin in seen:
                cells[mc - 1] = seen[origin]
        yield r, cells


def _merged_cells(ws: Any) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, column) → (row, column) of the top-left cell, for every cell under a merged cell
    but that one (which holds the value)."""
    return {(r, c): (r1, c1) for r1, c1, r2, c2 in _merged_ranges(ws)
            for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}


def _status_key(terms: dict[str, Term], raw: str) -> str | None:
    """The vocabulary key for a label in either language, an alias, or the key itself."""
    wanted = raw.strip().casefold()
    return next((k for k, t in terms.items()
                 if wanted in (k.casefold(), t.zh.casefold(), t.en.casefold(), *(a.casefold() for a in t.aliases))),
                None)


def _text(value: Any) -> str | None:
    """A cell as stored text; Excel turns typed dates into datetimes and ids into numbers."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()
    return text or None


def _uncut(text: str | None) -> str | None:
    """A cell's text without yoy's cut marker and what follows it."""
    cut = CUT_MARK.search(text) if text else None
    return text[:cut.start()] if text and cut else text


def _cell(values: list[Any], at: dict[str, int], key: str) -> str | None:
    """The text in column `key` of a row, None when the sheet has no such column or the row stops short."""
    return _text(values[at[key]]) if key in at and at[key] < len(values) else None
