"""Reviewer decisions: a YAML file per comparison, round-tripped through the workbook.

A reviewer fills the reviewer columns (复核状态 / 复核意见 / 复核人 / 复核时间) of the
workbook `yoy` wrote; import_workbook reads them back by header name and the stable ID
column, merge_reviews folds them into the stored file, and the next write_workbook
pre-fills them. Statuses are stored by vocabulary key (e.g. `partial`, see
templates/workbook.yaml), so zh and en workbooks share one file and relabelling the
template keeps stored reviews valid.
"""
from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Collection, Iterator, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import YoyError
from .export import (
    LANGS,
    PROVENANCE_SHEET,
    REVIEW_COLUMNS,
    Sheet,
    Template,
    Term,
    load_template,
    sheet_names,
    write_file,
)
from .schema import Comparison, Model

# A review whose row id is gone moves to the row whose text is at least this similar (rapidfuzz ratio).
REATTACH = 80

if TYPE_CHECKING:
    from .plansheet import PlanEntries

# Ledger → the id field of its results in a Comparison.
LEDGERS = {"commitments": "commitment_id", "targets": "target_id", "shortcomings": "shortcoming_id"}
# _yoy keys holding, per pre-filled review, digests of its cells as exported:
# `review:<ledger>:<id>` → {"status": digest, …} (see base_rows).
BASE_PREFIX = "review:"
# A cell's field → digest as written, for each ledger and id.
Base = dict[str, dict[str, dict[str, str]]]


class ReviewEntry(Model):
    status: str | None = None
    note: str | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    # the row's text when it was reviewed: how the review finds its row again if the row's id
    # changes (the report was re-ingested, the parser changed)
    text: str | None = None


class Reviews(Model):
    region: str
    kind: str
    old_year: int
    new_year: int
    commitments: dict[str, ReviewEntry] = {}
    targets: dict[str, ReviewEntry] = {}
    shortcomings: dict[str, ReviewEntry] = {}

    def key(self) -> str:
        return f"{self.region}-{self.kind}-{self.old_year}-{self.new_year}"

    def matches(self, comparison: Comparison) -> bool:
        """True when these are reviews of `comparison`'s pair of reports."""
        c = comparison
        return (self.region, self.kind, self.old_year, self.new_year) == (
            c.old.region, c.old.kind, c.old.year, c.new.year)


def reviews_path(store: Path, region: str, kind: str, old_year: int, new_year: int) -> Path:
    from .store import safe_name
    name = f"{safe_name(region, 'region')}-{safe_name(kind, 'kind')}-{old_year}-{new_year}.yaml"
    return Path(store) / "reviews" / name


def comparison_ids(comparison: Comparison) -> dict[str, dict[str, str]]:
    """Ledger → the ids `comparison` has, each with its row's text, for merge_reviews."""
    return {ledger: {getattr(r, field): getattr(r, "text", "") or "" for r in getattr(comparison, ledger)}
            for ledger, field in LEDGERS.items()}


def load_reviews(path: Path) -> Reviews | None:
    """The reviews stored at `path`, or None when there is no file yet."""
    from .store import load_yaml, validated
    path = Path(path)
    return validated(Reviews, load_yaml(path), path) if path.is_file() else None


def save_reviews(reviews: Reviews, path: Path) -> None:
    """Store `reviews` at `path` as YAML (sorted keys, so diffs stay small), atomically."""
    import yaml
    text = yaml.safe_dump(reviews.model_dump(exclude_none=True), allow_unicode=True,
                          sort_keys=True, default_flow_style=False)
    write_file(Path(path), text.encode("utf-8"))


def base_rows(reviews: Reviews | None) -> dict[str, str]:
    """_yoy rows recording the review cells a workbook is pre-filled with (as digests),
    so that importing the workbook later can tell which cells the reviewer changed."""
    if reviews is None:
        return {}
    return {f"{BASE_PREFIX}{ledger}:{rid}": json.dumps(
                {f: _digest(v) for f, v in entry.model_dump(exclude_none=True).items()}, sort_keys=True)
            for ledger in LEDGERS for rid, entry in sorted(getattr(reviews, ledger).items())}


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def import_reviews(xlsx: Path, store: Path) -> tuple[Path, Reviews, list[str]]:
    """Import a workbook's reviews into the store: (reviews file, merged reviews, warnings).

    The workbook must be of a stored pair: region and kind the same on both sides and
    the reports' source hashes (recorded in _yoy) those of the stored reports, so that a
    workbook of another pair, or of reports since replaced, is refused rather than
    attached to the wrong rows. The merge reads, merges and writes the reviews file
    under the store's lock, so two imports at once both keep their entries.
    """
    from .pipeline import compare_pair, pair_paths
    from .store import load_report, store_lock
    xlsx = Path(xlsx)
    imported, warnings, info = _import(xlsx)
    for side in ("old", "new"):
        for field in ("region", "kind"):
            value = info.get(f"{side}_{field}")
            if value not in (None, "") and str(value) != getattr(imported, field):
                raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: {side}_{field} {value!r} is not "
                                     f"{field} {getattr(imported, field)!r}: a workbook of two different "
                                     f"{field}s (compare --force) has no stored pair to review")
    key = (imported.region, imported.kind, imported.old_year, imported.new_year)
    paths = pair_paths(store, *key)
    reports = load_report(paths[0]), load_report(paths[1])
    for side, report in zip(("old", "new"), reports, strict=True):
        recorded = info.get(f"{side}_sha256")
        if recorded in (None, ""):
            warnings.append(f"{xlsx}: sheet {PROVENANCE_SHEET} records no {side}_sha256; cannot check that "
                            f"the workbook was written from the stored {report.year} report")
        elif str(recorded) != report.source.sha256:
            raise YoyError(xlsx, f"written from another {report.year} report than the stored one "
                                 f"({side}_sha256 differs); compare again and review the new workbook")
    current = compare_pair(*paths, store=store, workbook=None, force=True, loaded=reports).comparison
    path = reviews_path(store, *key)
    with store_lock(store):
        merged, more = merge_reviews(load_reviews(path), imported, comparison_ids(current),
                                     base=_base(info))
        save_reviews(merged, path)
    return path, merged, warnings + more


def _base(info: Mapping[str, Any]) -> Base:
    base: Base = {}
    for key, value in info.items():
        if key.startswith(BASE_PREFIX) and isinstance(value, str):
            ledger, _, rid = key[len(BASE_PREFIX):].partition(":")
            try:
                digests = json.loads(value)
            except ValueError:
                continue
            if isinstance(digests, dict):
                base.setdefault(ledger, {})[rid] = {str(k): str(v) for k, v in digests.items()}
    return base


def import_workbook(xlsx: Path, *, templates: Path | None = None) -> tuple[Reviews, list[str]]:
    """The reviewer input in a workbook written by write_workbook, and warnings.

    The comparison's identity comes from the hidden _yoy sheet; rows are keyed by the
    ID column; columns and sheets are found by their zh or en names in the template.
    A row with neither status nor note gives no entry. An unknown status is an error
    naming the sheet and cell.
    """
    reviews, warnings, _ = _import(xlsx, templates=templates)
    return reviews, warnings


def _import(xlsx: Path, *, templates: Path | None = None) -> tuple[Reviews, list[str], dict]:
    """import_workbook's reviews and warnings, and the _yoy sheet's key → value."""
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


def merge_reviews(stored: Reviews | None, imported: Reviews,
                  current_ids: Mapping[str, Collection[str]],
                  base: Base | None = None) -> tuple[Reviews, list[str]]:
    """`stored` updated with `imported`, and warnings.

    Imported values win field by field; an empty imported field keeps the stored value,
    so a workbook can add or change reviews but never erase them (edit the YAML for
    that). current_ids (ledger → ids, or ids → row text, see comparison_ids) are the
    comparison's rows: a review of an id no longer there is re-attached to the row it
    best matches (reattach), else kept under its id; either way a warning names it.

    base (ledger → id → field → digest, from the workbook's _yoy sheet) is what the
    workbook was pre-filled with: the last edit wins per cell, so a cell the reviewer
    left as exported does not overwrite a stored value changed since (an older
    workbook cannot revert newer decisions), and a changed cell that replaces such a
    newer value says so. The row's text is no reviewer cell: the workbook's always wins.
    """
    if stored is not None and stored.key() != imported.key():
        raise YoyError(imported.key(), f"cannot merge these reviews into those of {stored.key()}")
    merged: dict[str, dict[str, ReviewEntry]] = {}
    warnings: list[str] = []
    for ledger in LEDGERS:
        entries = dict(getattr(stored, ledger)) if stored else {}
        for rid, new in getattr(imported, ledger).items():
            old = entries.get(rid)
            update = new.model_dump(exclude_none=True, exclude={"text"})
            if base is not None:
                update = _newer_cells(ledger, rid, update, old, base.get(ledger, {}).get(rid, {}), warnings)
            if update and new.text:
                update["text"] = new.text
            if old:
                entries[rid] = old.model_copy(update=update)
            elif update:  # nothing newer than the store: no empty entry either
                entries[rid] = ReviewEntry(**update)
        merged[ledger] = entries
    out = Reviews(region=imported.region, kind=imported.kind, old_year=imported.old_year,
                  new_year=imported.new_year, **merged)
    out, moved = reattach(out, current_ids)
    return out, warnings + moved


def reattach(reviews: Reviews, current: Mapping[str, Collection[str]]) -> tuple[Reviews, list[str]]:
    """Reviews whose id is not a current row moved to the unreviewed row whose text matches
    theirs best (rapidfuzz ratio ≥ REATTACH), with a warning; those that cannot be placed
    stay under their id, with a warning. Never silently onto another row."""
    from rapidfuzz import fuzz

    moved: dict[str, dict[str, ReviewEntry]] = {}
    warnings: list[str] = []
    for ledger in LEDGERS:
        entries = dict(getattr(reviews, ledger))
        rows = current.get(ledger, ())
        texts = rows if isinstance(rows, Mapping) else dict.fromkeys(rows, "")
        for rid in sorted(set(entries).difference(texts)):
            entry = entries[rid]
            free = [(k, t) for k, t in texts.items() if k not in entries and t]
            best = max(free, key=lambda kt: (fuzz.ratio(entry.text or "", kt[1]), kt[0]), default=None) \
                if entry.text else None
            score = fuzz.ratio(entry.text, best[1]) if best else 0.0
            if best and score >= REATTACH:
                entries[best[0]] = entries.pop(rid)
                warnings.append(f"{ledger}: the review of {rid} is re-attached to {best[0]}, whose text "
                                f"matches it best ({score:.0f}%): {best[1][:30]}")
            else:
                warnings.append(f"{ledger}: the review of {rid} is kept, but {rid} is no longer in the "
                                f"comparison and no row matches it")
        moved[ledger] = entries
    return reviews.model_copy(update=moved), warnings


def _newer_cells(ledger: str, rid: str, update: dict[str, str], old: ReviewEntry | None,
                 exported: dict[str, str], warnings: list[str]) -> dict[str, str]:
    """The imported cells that are edits made in the workbook (see merge_reviews)."""
    kept = {}
    for field, value in update.items():
        stored = getattr(old, field) if old else None
        was = exported.get(field)
        stored_changed = (None if stored is None else _digest(stored)) != was
        if _digest(value) == was:  # left as exported
            if stored_changed and stored is None:
                warnings.append(f"{ledger} {rid} {field}: erased in the store since this workbook was "
                                f"written; the workbook's unchanged {value!r} is not restored")
            elif stored_changed and stored != value:
                warnings.append(f"{ledger} {rid} {field}: the store's {stored!r} is newer than the "
                                f"workbook's unchanged {value!r}; kept")
            continue
        if stored_changed and stored is not None and stored != value:
            warnings.append(f"{ledger} {rid} {field}: the store's {stored!r}, changed since this "
                            f"workbook was written, is replaced by the workbook's edit {value!r}")
        kept[field] = value
    return kept


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
    by_header = {h: col for col in spec.columns for h in (col.zh, col.en)}
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


# ---- the plan sheet (compare/plansheet.py) ------------------------------------------

def _open_workbook(xlsx: Path) -> Any:
    """A yoy workbook opened for reading, its expansion checked before openpyxl sees it."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from .readers import check_expansion
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
    (plansheet.import_plan drops the units it would have written itself). An unknown
    status is an error naming the sheet and cell.
    """
    from .plansheet import PLAN_FORMAT, PlanEntries, PlanEntry, plan_sheet

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


def _cell(values: list[Any], at: dict[str, int], key: str) -> str | None:
    """The text in column `key` of a row, None when the sheet has no such column or the row stops short."""
    return _text(values[at[key]]) if key in at and at[key] < len(values) else None


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
