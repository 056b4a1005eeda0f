"""Reviewer decisions: a YAML file per comparison, round-tripped through the workbook.

A reviewer fills the reviewer columns (复核状态 / 复核意见 / 复核人 / 复核时间) of the
workbook `yoy` wrote; workbook.review_import reads them back by header name and the stable ID
column, merge_reviews folds them into the stored file, and the next write_workbook
pre-fills them. Statuses are stored by vocabulary key (e.g. `partial`, see
templates/workbook.yaml), so zh and en workbooks share one file and relabelling the
template keeps stored reviews valid.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

from compare.errors import YoyError
from compare.files import atomic_write, load_yaml, safe_name, validated
from compare.schema import Comparison, Model


class _Filled(Protocol):
    text: str | None  # the row's text when the entry was made


E = TypeVar("E", bound=_Filled)
# A review whose row id is gone moves to the row whose text is at least this similar (rapidfuzz ratio).
REATTACH = 80

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
    name = f"{safe_name(region, 'region')}-{safe_name(kind, 'kind')}-{old_year}-{new_year}.yaml"
    return Path(store) / "reviews" / name


def comparison_ids(comparison: Comparison) -> dict[str, dict[str, str]]:
    """Ledger → the ids `comparison` has, each with its row's text, for merge_reviews."""
    return {ledger: {getattr(r, field): getattr(r, "text", "") or "" for r in getattr(comparison, ledger)}
            for ledger, field in LEDGERS.items()}


def load_reviews(path: Path) -> Reviews | None:
    """The reviews stored at `path`, or None when there is no file yet."""
    path = Path(path)
    return validated(Reviews, load_yaml(path), path) if path.is_file() else None


def save_reviews(reviews: Reviews, path: Path) -> None:
    """Store `reviews` at `path` as YAML (sorted keys, so diffs stay small), atomically."""
    import yaml
    text = yaml.safe_dump(reviews.model_dump(exclude_none=True), allow_unicode=True,
                          sort_keys=True, default_flow_style=False)
    atomic_write(Path(path), text.encode("utf-8"))


def base_rows(reviews: Reviews | None) -> dict[str, str]:
    """_yoy rows recording the review cells a workbook is pre-filled with (as digests),
    so that importing the workbook later can tell which cells the reviewer changed."""
    if reviews is None:
        return {}
    return digest_rows({ledger: {rid: entry.model_dump(exclude_none=True)
                                 for rid, entry in getattr(reviews, ledger).items()} for ledger in LEDGERS})


def digest_rows(tables: Mapping[str, Mapping[str, Mapping[str, str]]]) -> dict[str, str]:
    """_yoy rows for the cells a workbook is written with: table → row id → field → the value
    as stored (base_of reads them back; a plan sheet records its office columns this way)."""
    return {f"{BASE_PREFIX}{table}:{rid}": json.dumps({f: digest(v) for f, v in cells.items()}, sort_keys=True)
            for table, rows in tables.items() for rid, cells in sorted(rows.items())}


def base_of(provenance: Mapping[str, Any]) -> Base:
    """The review cells a workbook was pre-filled with, read back from its _yoy sheet's
    key → value (what base_rows wrote); rows that are not such digests are passed over."""
    base: Base = {}
    for key, value in provenance.items():
        if key.startswith(BASE_PREFIX) and isinstance(value, str):
            ledger, _, rid = key[len(BASE_PREFIX):].partition(":")
            try:
                digests = json.loads(value)
            except ValueError:
                continue
            if isinstance(digests, dict):
                base.setdefault(ledger, {})[rid] = {str(k): str(v) for k, v in digests.items()}
    return base


def digest(value: str) -> str:
    """A cell's value as _yoy records it (base_rows, digest_rows)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


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
                update = newer_cells(ledger, rid, update, old.model_dump(exclude_none=True) if old else {},
                                     base.get(ledger, {}).get(rid, {}), warnings)
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
    moved: dict[str, dict[str, ReviewEntry]] = {}
    warnings: list[str] = []
    for ledger in LEDGERS:
        rows = current.get(ledger, ())
        texts = rows if isinstance(rows, Mapping) else dict.fromkeys(rows, "")
        moved[ledger] = reattach_rows(getattr(reviews, ledger), texts, f"{ledger}: the review", "comparison",
                                      warnings)
    return reviews.model_copy(update=moved), warnings


def reattach_rows(entries: Mapping[str, E], texts: Mapping[str, str], what: str, where: str,
                  warnings: list[str]) -> dict[str, E]:
    """`entries` (id → an entry with the `text` of its row when it was filled) with those whose
    id is not in `texts` (the current rows: id → text) moved to the free row whose text matches
    theirs best (rapidfuzz ratio ≥ REATTACH); each move, and each entry that stays under its
    gone id, is a warning ("<what> of <id> …", "no longer in the <where>")."""
    from rapidfuzz import fuzz

    out = dict(entries)
    for rid in sorted(set(out).difference(texts)):
        entry = out[rid]
        free = [(k, t) for k, t in texts.items() if k not in out and t]
        best = max(free, key=lambda kt: (fuzz.ratio(entry.text or "", kt[1]), kt[0]), default=None) \
            if entry.text else None
        score = fuzz.ratio(entry.text or "", best[1]) if best else 0.0
        if best and score >= REATTACH:
            out[best[0]] = out.pop(rid)
            warnings.append(f"{what} of {rid} is re-attached to {best[0]}, whose text "
                            f"matches it best ({score:.0f}%): {best[1][:30]}")
        else:
            warnings.append(f"{what} of {rid} is kept, but {rid} is no longer in the {where} and no row matches it")
    return out


def newer_cells(ledger: str, rid: str, update: Mapping[str, str], old: Mapping[str, Any],
                exported: Mapping[str, str], warnings: list[str]) -> dict[str, str]:
    """The imported cells (field → value) that are edits made in the workbook: those that differ
    from the digests it was `exported` with; `old` is what the store holds now (see merge_reviews,
    and store.plan_entries.merge_entries for the office's plan sheet)."""
    kept = {}
    for field, value in update.items():
        stored = old.get(field)
        was = exported.get(field)
        stored_changed = (None if stored is None else digest(stored)) != was
        if digest(value) == was:  # left as exported
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
