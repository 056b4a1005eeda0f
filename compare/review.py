"""Reviewer decisions: a YAML file per comparison, round-tripped through the workbook.

A reviewer fills the reviewer columns (复核状态 / 复核意见 / 复核人 / 复核时间) of the
workbook `yoy` wrote; import_workbook reads them back by header name and the stable ID
column, merge_reviews folds them into the stored file, and the next write_workbook
pre-fills them. Statuses are stored by vocabulary key (e.g. `partial`, see
templates/workbook.yaml), so zh and en workbooks share one file and relabelling the
template keeps stored reviews valid.
"""
from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Collection, Mapping, Optional

from .errors import YoyError
from .export import (LANGS, PROVENANCE_SHEET, REVIEW_COLUMNS, Sheet, Template, Term, load_template,
                     sheet_names, write_file)
from .schema import Comparison, Model

# A review whose row id is gone moves to the row whose text is at least this similar (rapidfuzz ratio).
REATTACH = 80
# Ledger → the id field of its results in a Comparison.
LEDGERS = {"commitments": "commitment_id", "targets": "target_id", "shortcomings": "shortcoming_id"}


class ReviewEntry(Model):
    status: Optional[str] = None
    note: Optional[str] = None
    reviewed_by: Optional[str] = None
    reviewed_at: Optional[str] = None
    # the row's text when it was reviewed: how the review finds its row again if the row's id
    # changes (the report was re-ingested, the parser changed)
    text: Optional[str] = None


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


def import_workbook(xlsx: Path, *, templates: Path | None = None) -> tuple[Reviews, list[str]]:
    """The reviewer input in a workbook written by write_workbook, and warnings.

    The comparison's identity comes from the hidden _yoy sheet; rows are keyed by the
    ID column; columns and sheets are found by their zh or en names in the template.
    A row with neither status nor note gives no entry. An unknown status is an error
    naming the sheet and cell.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    xlsx = Path(xlsx)
    tpl = load_template(templates)
    try:
        wb = load_workbook(xlsx, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, InvalidFileException) as e:
        raise YoyError(xlsx, f"cannot read workbook: {e}") from None
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
    return reviews, warnings


def merge_reviews(stored: Reviews | None, imported: Reviews,
                  current_ids: Mapping[str, Collection[str]]) -> tuple[Reviews, list[str]]:
    """`stored` updated with `imported`, and warnings.

    Imported values win field by field; an empty imported field keeps the stored value,
    so a workbook can add or change reviews but never erase them (edit the YAML for
    that). current_ids (ledger → ids, or ids → row text, see comparison_ids) are the
    comparison's rows: a review of an id no longer there is re-attached to the row it
    best matches (reattach), else kept under its id; either way a warning names it.
    """
    if stored is not None and stored.key() != imported.key():
        raise YoyError(imported.key(), f"cannot merge these reviews into those of {stored.key()}")
    merged: dict[str, dict[str, ReviewEntry]] = {}
    for ledger in LEDGERS:
        entries = dict(getattr(stored, ledger)) if stored else {}
        for rid, new in getattr(imported, ledger).items():
            old = entries.get(rid)
            entries[rid] = old.model_copy(update=new.model_dump(exclude_none=True)) if old else new
        merged[ledger] = entries
    out = Reviews(region=imported.region, kind=imported.kind, old_year=imported.old_year,
                  new_year=imported.new_year, **merged)
    return reattach(out, current_ids)


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


def _provenance(wb: Any, xlsx: Path) -> dict:
    if PROVENANCE_SHEET not in wb.sheetnames:
        raise YoyError(xlsx, f"no {PROVENANCE_SHEET} sheet: not a workbook written by yoy")
    info = {str(row[0]): row[1] for row in wb[PROVENANCE_SHEET].iter_rows(min_row=2, values_only=True)
            if len(row) > 1 and row[0] is not None}
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

    rows = ws.iter_rows(values_only=True)
    by_header = {h: col for col in spec.columns for h in (col.zh, col.en)}
    at: dict[str, int] = {}  # column key → index in the sheet, as the reviewer left them
    for i, h in enumerate(next(rows, ())):
        col = by_header.get(str(h).strip()) if h is not None else None
        if col is not None:
            at.setdefault(col.key, i)
    if "id" not in at:
        raise YoyError(xlsx, f"sheet {ws.title}: no ID column")
    vocab = next((c.vocab for c in spec.columns if c.key == "review_status"), None)

    entries: dict[str, ReviewEntry] = {}
    first_row: dict[str, int] = {}
    for r, values in enumerate(rows, 2):
        def cell(key: str) -> Optional[str]:
            return _text(values[at[key]]) if key in at and at[key] < len(values) else None
        fields = {field: cell(col) for col, field in REVIEW_COLUMNS.items()}
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
        rid = cell("id")
        if rid is None:
            warnings.append(f"sheet {ws.title} row {r}: reviewer input without an ID, ignored")
            continue
        if rid in entries:
            warnings.append(f"sheet {ws.title} row {r}: ID {rid} also in row {first_row[rid]}; "
                            f"row {r} wins")
        first_row.setdefault(rid, r)
        entries[rid] = ReviewEntry(**fields, text=cell("text"))
    return entries


def _status_key(terms: dict[str, Term], raw: str) -> Optional[str]:
    """The vocabulary key for a label in either language (or the key itself)."""
    wanted = raw.casefold()
    return next((k for k, t in terms.items() if wanted in (k.casefold(), t.zh.casefold(), t.en.casefold())),
                None)


def _text(value: Any) -> Optional[str]:
    """A cell as stored text; Excel turns typed dates into datetimes and ids into numbers."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()
    return text or None
