"""`yoy review import`: a filled workbook read back and merged into the store under its lock.

    import_workbook(xlsx, store)   → a comparison's reviews or a plan sheet's entries, by the
                                     format its _yoy sheet records
    import_workbooks(paths, store) → each file, and each workbook in each folder
    import_reviews(xlsx, store)    → a comparison workbook's reviews
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from compare.errors import YoyError
from compare.jobs.pipeline import compare_pair, pair_paths
from compare.jobs.plan import import_plan
from compare.store import load_report, store_lock
from compare.store.plan_entries import PlanEntries
from compare.store.reviews import (
    Reviews,
    base_of,
    comparison_ids,
    load_reviews,
    merge_reviews,
    reviews_path,
    save_reviews,
)
from compare.workbook.plansheet import PLAN_FORMAT
from compare.workbook.review_import import read_reviews, workbook_format
from compare.workbook.sheets import PROVENANCE_SHEET


def import_workbook(xlsx: Path, store: Path, *, strict: bool = False,
                    templates: Path | None = None) -> tuple[Path, Reviews | PlanEntries, list[str]]:
    """Store what people typed into a yoy workbook: (the store file written, everything it now
    holds, warnings). A plan sheet (yoy plan) gives the office's entries (jobs.plan.import_plan;
    `strict`: a bad value refuses the file), a comparison workbook its reviews (import_reviews)."""
    if workbook_format(xlsx) == PLAN_FORMAT:
        return import_plan(xlsx, store, strict=strict, templates=templates)
    return import_reviews(xlsx, store, templates=templates)


class Imported(NamedTuple):
    source: Path                             # the workbook read
    path: Path | None                        # the store file written (None: skipped)
    stored: Reviews | PlanEntries | None     # everything it now holds
    warnings: list[str]


def import_workbooks(paths: Iterable[Path], store: Path, *, strict: bool = False,
                     templates: Path | None = None) -> Iterator[Imported]:
    """import_workbook for each file, and each .xlsx in each folder (the 台账 every unit sent back,
    merged by measure id), in order; a file in a folder that yoy did not write is passed over
    with a warning. Each file is stored whole or not at all; the first refused one stops."""
    for given in paths:
        given = Path(given)
        if not given.is_dir():
            yield Imported(given, *import_workbook(given, store, strict=strict, templates=templates))
            continue
        found = sorted(p for p in given.rglob("*.xlsx") if p.is_file() and not p.name.startswith(("~$", ".")))
        if not found:
            raise YoyError(given, "holds no .xlsx workbooks")
        for xlsx in found:
            try:
                workbook_format(xlsx)
            except YoyError as e:
                yield Imported(xlsx, None, None, [f"{xlsx}: passed over ({e.reason})"])
                continue
            yield Imported(xlsx, *import_workbook(xlsx, store, strict=strict, templates=templates))


def import_reviews(xlsx: Path, store: Path, *, templates: Path | None = None) -> tuple[Path, Reviews, list[str]]:
    """Import a workbook's reviews into the store: (reviews file, merged reviews, warnings).

    The workbook must be of a stored pair: region and kind the same on both sides and
    the reports' source hashes (recorded in _yoy) those of the stored reports, so that a
    workbook of another pair, or of reports since replaced, is refused rather than
    attached to the wrong rows. The merge reads, merges and writes the reviews file
    under the store's lock, so two imports at once both keep their entries.
    """
    xlsx = Path(xlsx)
    imported, warnings, info = read_reviews(xlsx, templates=templates)
    for side in ("old", "new"):
        for field in ("region", "kind"):
            value = info.get(f"{side}_{field}")
            if value not in (None, "") and str(value) != getattr(imported, field):
                raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: {side}_{field} {value!r} is not "
                                     f"{field} {getattr(imported, field)!r}: a workbook of two different "
                                     f"{field}s (a forced comparison) has no stored pair to review")
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
    current = compare_pair(*paths, store=store, workbook=None, force=True, loaded=reports,
                           templates=templates).comparison
    path = reviews_path(store, *key)
    with store_lock(store):
        merged, more = merge_reviews(load_reviews(path), imported, comparison_ids(current),
                                     base=base_of(info))
        save_reviews(merged, path)
    return path, merged, warnings + more
