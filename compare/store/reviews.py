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
from typing import Any

from compare.errors import YoyError
from compare.files import atomic_write, load_yaml, safe_name, validated
from compare.schema import Comparison, Model

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
    return {f"{BASE_PREFIX}{ledger}:{rid}": json.dumps(
                {f: _digest(v) for f, v in entry.model_dump(exclude_none=True).items()}, sort_keys=True)
            for ledger in LEDGERS for rid, entry in sorted(getattr(reviews, ledger).items())}


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


def _digest(value: str) -> str:
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
