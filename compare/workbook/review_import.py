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

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from compare.errors import YoyError
from compare.ingest.readers import check_expansion
from compare.store.plan_entries import PlanEntries, PlanEntry
from compare.store.reviews import LEDGERS, ReviewEntry, Reviews
from compare.workbook.ledger import REVIEW_COLUMNS
from compare.workbook.plansheet import PLAN_FORMAT, plan_sheet
from compare.workbook.sheets import LANGS, PROVENANCE_SHEET, Sheet, Template, Term, load_template, sheet_names


def import_workbook(xlsx: Path, *, templates: Path | None = None) -> tuple[Reviews, list[str]]:
    """The reviewer input in a workbook written by write_workbook, and warnings.

    The comparison's identity comes from the hidden _yoy sheet; rows are keyed by the
    ID column; columns and sheets are found by their zh or en names in the template.
    A row with neither status nor note gives no entry. An unknown status is an error
    naming the sheet and cell.
    """
    reviews, warnings, _ = read_reviews(xlsx, templates=templates)
    return reviews, warnings


def read_reviews(xlsx: Path, *, templates: Path | None = None) -> tuple[Reviews, list[str], dict]:
    """import_workbook's reviews and warnings, and the _yoy sheet's key → value (the pair's
    identity, the reports' source hashes, the review cells as exported: store.reviews.base_of)."""
    xlsx = Path(xlsx)
    tpl = load_template(templates)
    wb = _open_workbook(xlsx)
    try:
        info = _provenance(wb, xlsx)
        reviews = Reviews(region=info["region"], kind=info["kind"],
                          old_year=info["old_year"], new_year=info["new_year"])
        names = {lang: sheet_names(tpl, lang) for lang in LANGS}
        warnings: list[str] = []
        for ledger in LEDGERS:
            titles = {names[lang][ledger]: lang for lang in LANGS}
            title = next((t for t in titles if t in wb.sheetnames), None)
            if title is None:
                raise YoyError(xlsx, f"no sheet {' or '.join(titles)}")
            getattr(reviews, ledger).update(_read_ledger(
                wb[title], getattr(tpl.sheets, ledger), tpl, titles[title], xlsx, warnings))
    finally:
        wb.close()
    return reviews, warnings, info


def _provenance_sheet(wb: Any, xlsx: Path) -> dict:
    """The key → value pairs of the hidden _yoy sheet."""
    if PROVENANCE_SHEET not in wb.sheetnames:
        raise YoyError(xlsx, f"no {PROVENANCE_SHEET} sheet: not a workbook written by yoy")
    return {str(row[0]): row[1] for row in wb[PROVENANCE_SHEET].iter_rows(min_row=2, values_only=True)
            if len(row) > 1 and row[0] is not None}


def _provenance(wb: Any, xlsx: Path) -> dict:
    info = _provenance_sheet(wb, xlsx)
    missing = [k for k in ("region", "kind", "old_year", "new_year") if info.get(k) in (None, "")]
    if missing:
        raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET} lacks {', '.join(missing)}")
    try:
        return {**info, "old_year": int(info["old_year"]), "new_year": int(info["new_year"])}
    except (TypeError, ValueError):
        raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: years must be numbers") from None


def _read_ledger(ws: Any, spec: Sheet, tpl: Template, lang: str, xlsx: Path,
                 warnings: list[str]) -> dict[str, ReviewEntry]:
    from openpyxl.utils import get_column_letter

    rows = ws.iter_rows()
    by_header = {h: col for col in spec.columns for h in (col.zh, col.en, *col.aliases)}
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
    vocab = next((c.vocab for c in spec.columns if c.key == "review_status"), None)

    entries: dict[str, ReviewEntry] = {}
    first_row: dict[str, int] = {}
    unread: set[int] = set()
    for r, cells in enumerate(rows, 2):
        values = [_typed(c, ws.title, xlsx, warnings) for c in cells]
        unread.update(i for i in unknown if i < len(values) and _text(values[i]) is not None)

        fields = {field: _cell(values, at, col) for col, field in REVIEW_COLUMNS.items()}
        if not fields["status"] and not fields["note"]:
            continue
        if fields["status"] and vocab:
            key = _status_key(tpl.vocab[vocab], fields["status"])
            if key is None:
                allowed = ", ".join(t.get(lang) for t in tpl.vocab[vocab].values())
                coord = f"{get_column_letter(at['review_status'] + 1)}{r}"
                raise YoyError(xlsx, f"sheet {ws.title} cell {coord}: unknown status "
                                     f"{fields['status']!r} (allowed: {allowed})")
            fields["status"] = key
        rid = _cell(values, at, "id")
        if rid is None:
            warnings.append(f"sheet {ws.title} row {r}: reviewer input without an ID, ignored")
            continue
        if rid in entries:
            warnings.append(f"sheet {ws.title} row {r}: ID {rid} also in row {first_row[rid]}; "
                            f"row {r} wins")
        first_row.setdefault(rid, r)
        entries[rid] = ReviewEntry(**fields, text=_cell(values, at, "text"))
    missing = [c.get(lang) for c in spec.columns if c.key in REVIEW_COLUMNS and c.key not in at]
    for i in sorted(unread):
        # a renamed reviewer column (复核状态 → 复核结论) would otherwise lose its input unseen
        warnings.append(f"{xlsx}: sheet {ws.title}: column {unknown[i]!r} is not one yoy reads; its "
                        f"input is ignored" + (f" (missing: {', '.join(missing)})" if missing else ""))
    return entries


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


def _cell(values: list[Any], at: dict[str, int], key: str) -> str | None:
    """The text in column `key` of a row, None when the sheet has no such column or the row stops short."""
    return _text(values[at[key]]) if key in at and at[key] < len(values) else None
