"""Reading a filled workbook back: the reviewer columns of a comparison, the office's columns of a plan sheet.

Rows are found by their ID column and columns by their zh or en header, so sorted,
filtered or re-ordered sheets import the same; the hidden _yoy sheet says which pair or
plan year a workbook belongs to.

    workbook_format(xlsx)      → yoy-workbook/1 (a comparison) or yoy-plan/1 (a plan sheet)
    read_reviews(xlsx)         → the reviewer input, warnings and the _yoy sheet
    import_workbook(xlsx)      → the reviewer input and warnings
    import_plan_sheet(xlsx)    → the office's entries, the _yoy sheet and warnings
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple

from compare.errors import YoyError
from compare.ingest.readers import check_expansion
from compare.store.plan_entries import PlanEntries, PlanEntry
from compare.store.reviews import LEDGERS, ReviewEntry, Reviews, base_of, cell_digest
from compare.text import quoted
from compare.workbook.ledger import REVIEW_COLUMNS
from compare.workbook.plansheet import PLAN_FORMAT, plan_sheet
from compare.workbook.sheets import (
    CUT_MARK,
    LANGS,
    PROVENANCE_SHEET,
    Sheet,
    Template,
    Term,
    load_template,
    sheet_names,
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
        names = {lang: sheet_names(tpl, lang) for lang in LANGS}
        warnings: list[str] = []
        rows: dict[tuple[str, str], str] = {}
        base = base_of(info)
        for ledger in LEDGERS:
            titles = {names[lang][ledger]: lang for lang in LANGS}
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


def merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """The merged cells of a read-only sheet as (first row, first column, last row, last column),
    from 1. openpyxl's read-only sheets do not give them, so they are read from the sheet's XML
    (its <mergeCell ref="A1:B3"/> elements follow the rows)."""
    from openpyxl.utils import range_boundaries
    with ws._get_source() as src:  # the sheet's XML part, as openpyxl's read-only rows read it
        xml = src.read()
    found = []
    for ref in re.findall(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"', xml):
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
        by_header = {h: col for col in self.spec.columns for h in (col.zh, col.en)}
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
                    if cell_digest(value) != exported.get(field):
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
        for top, left, bottom, right in merged_ranges(self.ws):
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
        specs = {"measures": ("plan", plan), "targets": ("plan_targets", tpl.sheets.plan_targets)}
        column = {}
    else:
        specs = {ledger: (ledger, getattr(tpl.sheets, ledger)) for ledger in LEDGERS}
        column = {field: key for key, field in REVIEW_COLUMNS.items()}
    out = []
    for table, rid, field in cells:
        sheet, spec = specs.get(table, (None, None))
        headers = {c.key: c.get(lang) for c in spec.columns} if spec else {}
        out.append(f"{names.get(sheet, table) if sheet else table} {rid} "
                   f"{headers.get(column.get(field, field), field)}")
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
    wb = _open_workbook(Path(xlsx))
    try:
        return _text(_provenance_sheet(wb, Path(xlsx)).get("format"))
    finally:
        wb.close()


def import_plan_sheet(xlsx: Path, *, templates: Path | None = None) -> tuple[PlanEntries, dict, list[str]]:
    """The office's entries in a plan sheet written by plansheet.write_plan_sheet, its
    provenance, and warnings.

    Rows are keyed by the ID column and columns found by their zh or en headers, so
    rows may be sorted or filtered and columns moved. Everything the office fills is
    read: progress and status per period, 牵头单位/责任单位, 实际值, 佐证材料, 备注
    (jobs.plan.import_plan drops the units it would have written itself). An unknown
    status is an error naming the sheet and cell.
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
        except (TypeError, ValueError):
            raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: years must be numbers") from None
        names = {lang: sheet_names(tpl, lang) for lang in LANGS}
        warnings: list[str] = []
        for table, key in (("measures", "plan"), ("targets", "plan_targets")):
            titles = {names[lang][key]: lang for lang in LANGS}
            title = next((t for t in titles if t in wb.sheetnames), None)
            if title is None:
                raise YoyError(xlsx, f"no sheet {' or '.join(titles)}")
            spec = plan_sheet(tpl, str(info["periods"]), titles[title]) if key == "plan" else tpl.sheets.plan_targets
            for rid, cells in _read_rows(wb[title], spec, xlsx, warnings):
                fields: dict[str, Any] = {"progress": {}, "status": {}}
                for col_key, (value, coord) in cells.items():
                    field, _, period = col_key.partition(".")
                    if field == "status" and period:
                        status = _status_key(tpl.vocab["plan_status"], value)
                        if status is None:
                            allowed = ", ".join(t.get(titles[title]) for t in tpl.vocab["plan_status"].values())
                            raise YoyError(xlsx, f"sheet {title} cell {coord}: unknown status {value!r} "
                                                 f"(allowed: {allowed})")
                        fields["status"][period] = status
                    elif field == "progress" and period:
                        fields["progress"][period] = value
                    elif field in PlanEntry.model_fields:
                        fields[field] = value
                getattr(entries, table)[rid] = PlanEntry(**fields)
    finally:
        wb.close()
    return entries, info, warnings


# The columns an office fills in the plan sheet; the rest yoy writes from the report.
_OFFICE_COLUMNS = ("progress.", "status.", "lead", "responsible", "actual", "evidence", "note")


def _read_rows(ws: Any, spec: Sheet, xlsx: Path,
               warnings: list[str]) -> Iterator[tuple[str, dict[str, tuple[str, str]]]]:
    """(ID, {column key: (text, cell)}) for each row with something in an office column."""
    from openpyxl.utils import get_column_letter

    rows = ws.iter_rows(values_only=True)
    by_header = {h: col.key for col in spec.columns for h in (col.zh, col.en)}
    at: dict[str, int] = {}
    for i, h in enumerate(next(rows, ())):
        key = by_header.get(str(h).strip()) if h is not None else None
        if key == "id" or (key is not None and key.startswith(_OFFICE_COLUMNS)):
            at.setdefault(key, i)
    if "id" not in at:
        raise YoyError(xlsx, f"sheet {ws.title}: no ID column")
    first_row: dict[str, int] = {}
    for r, values in enumerate(rows, 2):
        cells = {key: (text, f"{get_column_letter(i + 1)}{r}")
                 for key, i in at.items() if key != "id" and i < len(values)
                 if (text := _text(values[i])) is not None}
        if not cells:
            continue
        rid = _text(values[at["id"]]) if at["id"] < len(values) else None
        if rid is None:
            warnings.append(f"sheet {ws.title} row {r}: entries without an ID, ignored")
            continue
        if rid in first_row:
            warnings.append(f"sheet {ws.title} row {r}: ID {rid} also in row {first_row[rid]}; row {r} wins")
        first_row.setdefault(rid, r)
        yield rid, cells


def _status_key(terms: dict[str, Term], raw: str) -> str | None:
    """The vocabulary key for a label in either language (or the key itself)."""
    wanted = raw.casefold()
    return next((k for k, t in terms.items() if wanted in (k.casefold(), t.zh.casefold(), t.en.casefold())),
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
