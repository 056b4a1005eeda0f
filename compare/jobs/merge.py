"""What people typed into a yoy workbook, merged into the store under its lock: below every
command that rewrites a workbook (jobs.guard reads one before it is written over) and `yoy review
import` (jobs.reviews), so that imports in jobs/ flow one way.

    import_reviews(xlsx, store)  → a comparison workbook's reviews (Merge: before, after, warnings)
    (a filled 台账's entries: jobs.plan_merge.import_plan, merge_plan)
    refuse_clashes(...)          → refuse the cells edited both in a workbook and in the store
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from compare.errors import YoyError
from compare.jobs.blas import one_blas_thread
from compare.schema import Model, Report
from compare.store import load_report, store_lock, stored_kind, stored_report
from compare.store.plan_entries import (
    PlanEntries,
)
from compare.store.reviews import (
    LEDGERS,
    Base,
    Reviews,
    Row,
    base_of,
    comparison_ids,
    edits,
    load_reviews,
    merge_reviews,
    reattach,
    reattach_rows,
    reviews_path,
    save_reviews,
    text_key,
)
from compare.text import quoted
from compare.workbook.cells import CUT_MARK, legal
from compare.workbook.plansheet import (
    row_texts,
)
from compare.workbook.review_import import ReadBack, cell_names, read_reviews
from compare.workbook.template import PROVENANCE_SHEET

V = TypeVar("V")
_LISTED = 3   # cells named with their values in a refusal, for one readable line


def refuse_clashes(xlsx: Path, info: Mapping[str, Any], clashes: list[tuple[str, str, str]],
                   templates: Path | None, stored: Model | None = None,
                   imported: Model | None = None, store_file: Path | None = None) -> None:
    """Refuse, naming them with both values, cells edited both in the workbook `xlsx` (its _yoy:
    `info`) and in the store since yoy wrote the workbook (store.reviews.newer_cells: each cell
    compared with what yoy wrote there, which _yoy records): an older copy, or another unit's copy
    of a shared row, would otherwise replace a newer entry. Nothing is imported; the advice never
    has the user overwrite the other entry blindly."""
    if clashes:
        raise YoyError(xlsx, "edited both in this file and in the store since yoy wrote the "
                             f"file: {_both_values(info, clashes, templates, stored, imported)}; "
                             "which is meant cannot be told, so nothing is imported: "
                             f"{_settle(store_file)}")


def _settle(store_file: Path | None) -> str:
    """What to do about cells refused as edited on both sides: make the two agree, by hand."""
    where = f" in {store_file}" if store_file is not None else " in the store's file"
    return ("make them agree, then import again: type in this file the value meant (the "
            "store's, or for a text both entries, as two units' text in one cell), or change the "
            f"store's{where}; or, when this file's entries are the newer ones (a correction sent "
            "again after its import), `yoy review import --replace` takes them, saying each "
            "value it replaces")


def cell_namer(info: Mapping[str, Any], templates: Path | None, imported: Model
               ) -> Callable[[str, str, str], str]:
    """(table, id, field) → the cell as the refusal names it (review_import.cell_names: the
    sheet's name, the row's ID and text, the column's header), for the merge's warnings."""
    texts = {(table, rid): getattr(entry, "text", None)
             for table, rows in imported if isinstance(rows, dict)
             for rid, entry in rows.items() if isinstance(entry, Model)}
    return lambda table, rid, field: cell_names(info, [(table, rid, field)], templates=templates,
                                                texts=texts)[0]


def _both_values(info: Mapping[str, Any], clashes: list[tuple[str, str, str]],
                 templates: Path | None, stored: Model | None, imported: Model | None) -> str:
    """The cells refused, each named as its reader finds it with the store's value and the
    file's (a few, then how many more)."""
    names = cell_names(info, clashes, templates=templates, limit=len(clashes))
    shown = []
    for name, cell in zip(names[:_LISTED], clashes, strict=False):
        ours, theirs = _value(stored, cell), _value(imported, cell)
        shown.append(name + (f" (the store's {quoted(ours, 30)}, this file's {quoted(theirs, 30)})"
                             if ours is not None and theirs is not None else ""))
    return ", ".join(shown + [f"{len(clashes) - _LISTED} more"] * (len(clashes) > _LISTED))


def model_cells(entries: Model | None) -> dict[tuple[str, str, str], Any]:
    """Every cell a store file of reviews or office entries holds: (table, id, field) → value, a
    field per period (progress.q1); the row's own text and section are no cells."""
    found: dict[tuple[str, str, str], Any] = {}
    for table, rows in entries or ():
        if table in ("skipped", "columns"):
            # what imports skipped (PlanEntries.skipped), a reviewer's added columns
            # (Reviews.columns): no cell of a row
            continue
        if isinstance(rows, list):  # the 单位 sheet's units, by name
            rows = {unit.name: unit for unit in rows}
        if not isinstance(rows, dict):
            continue
        for rid, entry in rows.items():
            for name, value in entry.model_dump(exclude_none=True,
                                                exclude={"text", "section", "name",
                                                         "cleared"}).items():
                if isinstance(value, dict):
                    found.update({(table, rid, f"{name}.{k}"): v for k, v in value.items()})
                else:
                    found[(table, rid, name)] = value
    return found


def _value(entries: Model | None, cell: tuple[str, str, str]) -> str | None:
    """A cell's value in a store file's entries (a status typed that yoy could not read: as
    typed)."""
    cells = model_cells(entries)
    table, rid, field = cell
    value = cells.get((table, rid, f"unread.{field}"), cells.get(cell))
    return None if value is None else str(value)


def report_file(report: Path | None, store: Path, region: str | None, kind: str | None,
                year: int | None, caller: str) -> Path:
    """`report`, or else the stored report of region, kind and year (refused in `caller`'s name
    without them; `kind` None: the one kind the store holds for the region)."""
    if report is None:
        if not (region and year):
            raise YoyError(caller, "give a report file, or region, kind and year")
        report = stored_report(store, year, region, kind or stored_kind(store, region))
    return Path(report)


def _stored_for(xlsx: Path, store: Path, year: int, region: str, kind: str, what: str) -> Path:
    """The stored report a workbook (`xlsx`, of `what`: 2022→2023, 2023 plan) was written from;
    refused in the workbook's name when the store lacks it."""
    try:
        return stored_report(store, year, region, kind)
    except YoyError as e:
        raise YoyError(xlsx, f"the workbook of {region} {kind} {what} needs the {year} report, "
                             f"which the store {store} lacks ({e.reason})", hint=e.hint) from None


def follow_rows(entries: PlanEntries, report: Report, warnings: list[str]) -> PlanEntries:
    """Entries whose row id is gone (the report re-ingested, a measure reworded) moved to the row
    whose text matches theirs (store.reviews.reattach_rows), each with a warning."""
    texts = row_texts(report)
    moved = {table: reattach_rows(getattr(entries, table), texts, f"{table}: the office's entry",
                                  "plan", warnings)
             for table in ("measures", "targets")}
    # a 序号 follows its row as an entry does; where it moved is no news to the office
    moved["numbers"] = reattach_rows(entries.numbers, texts, "序号", "plan", [])
    return entries.model_copy(update=moved)


# ---- a comparison workbook's reviews ----------------------------------------------

class Merge(NamedTuple):
    """A workbook's entries merged with the store's."""
    path: Path                          # the store file
    before: Reviews | None              # the store's reviews, placed on the rows as the
                                        # workbook showed them
    after: Reviews                      # with the workbook's
    warnings: list[str]


def import_reviews(xlsx: Path, store: Path, *, templates: Path | None = None, save: bool = True,
                   read: ReadBack | None = None, refuse_conflicts: bool = False,
                   strict: bool = False, replace: bool = False) -> Merge:
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
    strict            refuse a bad value (an unknown status) rather than skip its cell.
    replace           the person importing says this file's edits are the newer ones (a
                      correction sent again after its first import): a cell edited on both sides
                      takes the file's value, the store's replaced value said in a warning.
    """
    xlsx = Path(xlsx)
    imported, warnings, info, where, _ = read or read_reviews(xlsx, templates=templates,
                                                              strict=strict)
    warnings = list(warnings)
    for side in ("old", "new"):
        for field in ("region", "kind"):
            value = info.get(f"{side}_{field}")
            if value not in (None, "") and str(value) != getattr(imported, field):
                raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: {side}_{field} {quoted(value)} "
                                     f"is not {field} {quoted(getattr(imported, field))}: a "
                                     f"workbook of two different {field}s (a forced comparison) "
                                     "has no stored pair to review")
    key = (imported.region, imported.kind, imported.old_year, imported.new_year)
    reports = tuple(load_report(_stored_for(xlsx, store, year, imported.region, imported.kind,
                                            f"{imported.old_year}→{imported.new_year}"))
                    for year in (imported.old_year, imported.new_year))
    stale = []  # the years whose stored report is not the one the workbook was written from
    for side, report in zip(("old", "new"), reports, strict=True):
        recorded = info.get(f"{side}_sha256")
        if recorded in (None, ""):
            warnings.append(f"{xlsx}: sheet {PROVENANCE_SHEET} records no {side}_sha256; "
                            "cannot check that the workbook was written from the stored "
                            f"{report.year} report")
        elif str(recorded) != report.source.sha256:
            stale.append(report.year)
    from compare.engine import compare_reports
    one_blas_thread()
    current = comparison_ids(compare_reports(*reports, force=True, templates=templates))
    base = base_of(info)
    if stale:
        imported = _still_rows(xlsx, imported, current, base, where, stale, warnings,
                               refuse=refuse_conflicts)
    warnings += _rows_in_step(xlsx, imported, current, where)
    path = reviews_path(store, *key)

    def merge() -> Merge:
        stored, clashes = load_reviews(path), list[tuple[str, str, str]]()
        merged, more = merge_reviews(stored, imported, current, base=base, clashes=clashes,
                                     name=cell_namer(info, templates, imported))
        before = reattach(stored, current)[0] if stored else None
        if (refuse_conflicts or save) and not replace:
            # `yoy review import` and a rewrite's guard alike: each cell is compared with what
            # yoy wrote there (the _yoy digests), never with the file's time; only the guard's
            # look at what a file holds (save and refuse_conflicts False) lets an edit win
            refuse_clashes(xlsx, info, clashes, templates, before, imported, path)
        return Merge(path, before, merged,
                     warnings + more + _rows_gone(xlsx, before, current, where))
    if not save:
        return merge()
    with store_lock(store):
        done = merge()
        after = done.after
        if after.commitments or after.targets or after.shortcomings or path.exists():
            save_reviews(after, path)   # a workbook nobody typed in leaves no empty file (ua21b)
    return done


_NAMED = 5  # rows named in a message, the rest counted


def _still_rows(xlsx: Path, imported: Reviews, current: dict[str, dict[str, Row]], base: Base,
                where: dict[tuple[str, str], str], stale: list[int], warnings: list[str], *,
                refuse: bool) -> Reviews:
    """The reviews of a workbook written from an earlier version of a stored report (a 更正版
    re-ingested since; `stale`: its years) that are still the stored comparison's: each typed row
    whose ID names a row of the same text now, as a 台账's rows are matched (ua22b F4). A typed
    row that changed or is gone is named: with `refuse` (a rewrite's guard, which would lose it)
    nothing is imported, else it is left out with a warning and the others are imported."""
    typed = {(ledger, rid) for ledger, rid, _ in edits(imported, base)}
    drop = {(ledger, rid) for ledger in LEDGERS for rid, entry in getattr(imported, ledger).items()
            if rid not in current[ledger] or text_key(entry.text)
            != text_key(_as_written(current[ledger][rid].text))}
    # a row left as it was pre-filled brings nothing: only what was typed is named
    changed = sorted(drop & typed)
    years = " and ".join(map(str, stale)) + " report" + "s" * (len(stale) > 1)
    named = "; ".join([f"{where.get((ledger, rid), f'sheet {ledger}')} ID {rid} "
                       f"({quoted(getattr(imported, ledger)[rid].text, 20)})"
                       for ledger, rid in changed[:_NAMED]]
                      + [f"{len(changed) - _NAMED} more"] * (len(changed) > _NAMED))
    if changed and refuse or not typed - drop:
        # none still the stored report's (a workbook of another pair), or a rewrite that would
        # lose those typed: refused, nothing imported
        then = ("yoy review import takes the others; review those in the new workbook"
                if typed - drop else "compare again and review the new workbook")
        gone = (f", and {len(changed)} reviewed row{'s' * (len(changed) > 1)} changed since "
                f"({named})" if changed else "")
        raise YoyError(xlsx, f"written from another {stale[0]} report than the stored one"
                             f"{gone}: {then}")
    warnings.append(f"{xlsx}: written from an earlier version of the stored {years}; "
                    "rows are matched by ID and text"
                    + (f"; {len(changed)} reviewed row{'s' * (len(changed) > 1)} changed since, "
                       f"not imported: {named}" if changed else ""))
    return imported.model_copy(update={
        ledger: {rid: e for rid, e in getattr(imported, ledger).items()
                 if (ledger, rid) not in drop}
        for ledger in LEDGERS})


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
            if rid not in rows or entry.text is None \
                    or text_key(entry.text) == text_key(_as_written(rows[rid].text)):
                continue
            at = where.get((ledger, rid), f"sheet {ledger}")
            other = texts.get(text_key(entry.text))
            if other is not None:
                raise YoyError(xlsx, f"{at}: ID {rid} stands beside the text of {other} "
                                     f"({quoted(entry.text, 20)}): the ID column is out of step "
                                     "with its rows (sorted or filtered without it?); "
                                     "nothing imported: undo the sort, or sort again by 序号 "
                                     "with every column selected, then type the reviews again "
                                     "where they moved")
            warnings.append(f"{xlsx}: {at}: the text {quoted(entry.text, 20)} is not that of ID "
                            f"{rid} ({quoted(rows[rid].text, 20)}); its review is attached to "
                            f"{rid} by its ID")
    return warnings


def _rows_gone(xlsx: Path, stored: Reviews | None, current: dict[str, dict[str, Row]],
               where: dict[tuple[str, str], str]) -> list[str]:
    """A warning naming the stored reviews of rows the workbook no longer has (deleted there):
    they are kept, and shown again by the next workbook; a reviewer who deleted a row to drop
    its review is told that it stays."""
    gone = [rid for ledger in LEDGERS for rid in sorted(getattr(stored, ledger, {}))
            if rid in current[ledger] and (ledger, rid) not in where]
    if not gone:
        return []
    return [f"{xlsx}: {len(gone)} stored review{'s' * (len(gone) > 1)} of rows not in the "
            f"workbook (deleted?): {', '.join(gone)}; kept in the store, shown again by the next "
            "workbook"]


def _as_written(text: str) -> str:
    """A row's text as the workbook holds it (cut at Excel's cell limit, the marker left out)."""
    written = legal(text)
    cut = CUT_MARK.search(written)
    return written[:cut.start()] if cut else written
