"""`yoy review import`: a filled workbook read back and merged into the store under its lock.

    import_workbook(xlsx, store)   → a comparison's reviews or a plan sheet's entries, by the
                                     format its _yoy sheet records
    import_workbooks(paths, store) → each file, and each workbook in each folder
    import_reviews(xlsx, store)    → a comparison workbook's reviews (Merge: before, after, warnings)
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from compare.errors import YoyError
from compare.jobs.guard import is_backup, refuse_clashes
from compare.jobs.pipeline import compare_pair, pair_paths
from compare.jobs.plan import import_plan
from compare.store import load_report, store_lock
from compare.store.plan_entries import PlanEntries
from compare.store.reviews import (
    LEDGERS,
    Reviews,
    Row,
    base_of,
    comparison_ids,
    load_reviews,
    merge_reviews,
    reattach,
    reviews_path,
    save_reviews,
    text_key,
)
from compare.text import quoted
from compare.workbook.cells import CUT_MARK, legal
from compare.workbook.plansheet import PLAN_FORMAT
from compare.workbook.reading import workbook_format
from compare.workbook.review_import import ReadBack, read_reviews
from compare.workbook.template import PROVENANCE_SHEET


class Merge(NamedTuple):
    """A workbook's entries merged with the store's."""
    path: Path                          # the store file
    before: Reviews | None              # the store's reviews, placed on the rows as the workbook showed them
    after: Reviews                      # with the workbook's
    warnings: list[str]


def import_workbook(xlsx: Path, store: Path, *, strict: bool = False,
                    templates: Path | None = None) -> tuple[Path, Reviews | PlanEntries, list[str]]:
    """Store what people typed into a yoy workbook: (the store file written, everything it now
    holds, warnings). A plan sheet (yoy plan) gives the office's entries (jobs.plan.import_plan;
    `strict`: a bad value refuses the file), a comparison workbook its reviews (import_reviews)."""
    if workbook_format(xlsx) == PLAN_FORMAT:
        return import_plan(xlsx, store, strict=strict, templates=templates)
    merge = import_reviews(xlsx, store, templates=templates)
    return merge.path, merge.after, merge.warnings


class Imported(NamedTuple):
    source: Path                             # the workbook read
    path: Path | None                        # the store file written (None: skipped)
    stored: Reviews | PlanEntries | None     # everything it now holds
    warnings: list[str]


def import_workbooks(paths: Iterable[Path], store: Path, *, strict: bool = False,
                     templates: Path | None = None) -> Iterator[Imported]:
    """import_workbook for each file, and each .xlsx in each folder (the 台账 every unit sent back,
    merged by measure id), in order; a file in a folder that yoy did not write, or a backup yoy
    kept (<name>.<n>.bak.xlsx: an older version, whose edits are in the store already or were
    replaced), is passed over with a warning. Each file is stored whole or not at all; the first
    refused one stops."""
    for given in paths:
        given = Path(given)
        if not given.is_dir():
            yield Imported(given, *import_workbook(given, store, strict=strict, templates=templates))
            continue
        found = sorted(p for p in given.rglob("*.xlsx") if p.is_file() and not p.name.startswith(("~$", ".")))
        if not found:
            raise YoyError(given, "holds no .xlsx workbooks")
        for xlsx in found:
            if is_backup(xlsx):
                yield Imported(xlsx, None, None, [f"{xlsx}: passed over (a backup yoy kept of an older version)"])
                continue
            try:
                workbook_format(xlsx)
            except YoyError as e:
                yield Imported(xlsx, None, None, [f"{xlsx}: passed over ({e.reason})"])
                continue
            yield Imported(xlsx, *import_workbook(xlsx, store, strict=strict, templates=templates))


def import_reviews(xlsx: Path, store: Path, *, templates: Path | None = None, save: bool = True,
                   read: ReadBack | None = None, refuse_conflicts: bool = False) -> Merge:
    """Import a workbook's reviews into the store.

    The workbook must be of a stored pair: region and kind the same on both sides and
    the reports' source hashes (recorded in _yoy) those of the stored reports, so that a
    workbook of another pair, or of reports since replaced, is refused rather than
    attached to the wrong rows; and a row's text must be its ID's (an ID column sorted
    apart from its rows is refused). The merge reads, merges and writes the reviews file
    under the store's lock, so two imports at once both keep their entries.

    save              False: the merge is returned, nothing is written.
    read              the workbook, already read (workbook.review_import.read_reviews).
    refuse_conflicts  refuse a cell edited both in the workbook and in the store since it was
                      written, rather than let the workbook's edit win with a warning.
    """
    xlsx = Path(xlsx)
    imported, warnings, info, where = read or read_reviews(xlsx, templates=templates)
    warnings = list(warnings)
    for side in ("old", "new"):
        for field in ("region", "kind"):
            value = info.get(f"{side}_{field}")
            if value not in (None, "") and str(value) != getattr(imported, field):
                raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: {side}_{field} {quoted(value)} is not "
                                     f"{field} {quoted(getattr(imported, field))}: a workbook of two different "
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
    current = comparison_ids(compare_pair(*paths, store=store, workbook=None, force=True, loaded=reports,
                                          templates=templates).comparison)
    warnings += _rows_in_step(xlsx, imported, current, where)
    path = reviews_path(store, *key)
    base = base_of(info)

    def merge() -> Merge:
        stored, clashes = load_reviews(path), list[tuple[str, str, str]]()
        merged, more = merge_reviews(stored, imported, current, base=base, clashes=clashes)
        if refuse_conflicts:
            refuse_clashes(xlsx, info, clashes, templates)
        return Merge(path, reattach(stored, current)[0] if stored else None, merged, warnings + more)
    if not save:
        return merge()
    with store_lock(store):
        done = merge()
        save_reviews(done.after, path)
    return done


def _rows_in_step(xlsx: Path, imported: Reviews, current: dict[str, dict[str, Row]],
                  where: dict[tuple[str, str], str]) -> list[str]:
    """Check each reviewed row's text against its ID's: a row whose text is another ID's means
    the ID column was sorted or pasted apart from its rows, and the import is refused rather than
    attach a decision to the wrong measure; a text that is no ID's (edited in the workbook) is
    attached by its ID, with a warning."""
    warnings = []
    for ledger in LEDGERS:
        rows = current[ledger]
        texts = {text_key(_as_written(row.text)): rid for rid, row in rows.items()}
        for rid, entry in getattr(imported, ledger).items():
            if rid not in rows or entry.text is None or text_key(entry.text) == text_key(_as_written(rows[rid].text)):
                continue
            at = where.get((ledger, rid), f"sheet {ledger}")
            other = texts.get(text_key(entry.text))
            if other is not None:
                raise YoyError(xlsx, f"{at}: ID {rid} stands beside the text of {other} "
                                     f"({quoted(entry.text, 20)}): the ID column is out of step with its rows; "
                                     f"nothing imported")
            warnings.append(f"{xlsx}: {at}: the text {quoted(entry.text, 20)} is not that of ID {rid} "
                            f"({quoted(rows[rid].text, 20)}); its review is attached to {rid} by its ID")
    return warnings


def _as_written(text: str) -> str:
    """A row's text as the workbook holds it (cut at Excel's cell limit, the marker left out)."""
    written = legal(text)
    cut = CUT_MARK.search(written)
    return written[:cut.start()] if cut else written
