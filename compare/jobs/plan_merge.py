"""A filled 台账's entries merged into the store under its lock (jobs.merge holds what the
comparison workbook's import shares with it: refusing clashes, the stored report of a sheet).

    import_plan(xlsx, store)  → the office's entries stored (merge_plan: the merge, and the
                                entries before it)
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import NamedTuple

from compare.errors import YoyError
from compare.ingest.plan_cues import deadline_date
from compare.jobs.merge import (
    V,
    _as_written,
    _stored_for,
    cell_namer,
    follow_rows,
    refuse_clashes,
)
from compare.kinds import Kind, load_kind
from compare.schema import Report
from compare.store import load_report, store_lock
from compare.store.plan_entries import (
    PlanEntries,
    PlanEntry,
    clear_cells,
    entries_path,
    entry_cells,
    load_entries,
    merge_entries,
    save_entries,
)
from compare.store.reviews import (
    REATTACH,
    Base,
    base_of,
    digest,
    text_key,
)
from compare.text import quoted
from compare.workbook.plan_import import PlanRead, SheetRow, import_plan_sheet
from compare.workbook.plan_record import own_read_of, prefilled_of
from compare.workbook.plan_targets import target_id
from compare.workbook.plansheet import own_cells, row_texts, shown_days
from compare.workbook.template import Template, load_template


class PlanMerge(NamedTuple):
    """A sheet's entries merged with the store's (merge_plan)."""
    path: Path                      # the store file
    before: PlanEntries | None      # the store's entries, placed on the report's rows
    after: PlanEntries              # with the sheet's
    warnings: list[str]
    # the sheet's skipped cells (PlanRead.skipped) this merge imports after all: rows without an
    # ID given to the one row their text is (_place_loose)
    placed: list[str] = []


def import_plan(xlsx: Path, store: Path = Path("reports"), *, templates: Path | None = None,
                strict: bool = False, replace: bool = False) -> tuple[Path, PlanEntries, list[str]]:
    """Store the office's entries of a filled plan sheet; return the file, all stored entries and
    warnings.

    Only the cells the office changed are taken (the sheet's _yoy records what each was written
    with: store.plan_entries.merge_entries), so an older sheet never reverts newer entries and
    what yoy pre-filled is not stored as the office's. The sheet must be of the stored report:
    one written from another report (its report_sha256) whose rows do not match the stored
    report's is refused. A row whose ID does not belong to its text (an ID column out of step)
    gives its entries to the row its text is, or to none, with a warning; entries of rows no
    longer in the report follow the row whose text matches theirs (re-ingested, reworded), or
    stay under their id, with a warning. A cell cleared in the sheet clears the store's value unless
    that changed since the sheet was written (newer, kept), said either way; a row whose ID was
    cleared gives its entries to the one row whose text it is, or refuses the file. `strict`:
    a bad value refuses the file rather than its cell being skipped.
    """
    done = merge_plan(xlsx, store, templates=templates, strict=strict, replace=replace)
    return done.path, done.after, done.warnings


def merge_plan(xlsx: Path, store: Path = Path("reports"), *, templates: Path | None = None,
               strict: bool = False, save: bool = True, read: PlanRead | None = None,
               refuse_conflicts: bool = False, replace: bool = False) -> PlanMerge:
    """import_plan's merge, and the store's entries before it.

    save              False: the merge is returned, nothing is written.
    read              the sheet, already read (workbook.plan_import.import_plan_sheet).
    refuse_conflicts  refuse a cell edited both in the sheet and in the store since it was
                      written, rather than let the sheet's edit win with a warning.
    replace           as import_reviews': this sheet's edits are the newer ones.
    """
    read = read or import_plan_sheet(xlsx, templates=templates, strict=strict)
    imported, info = read.entries, read.info
    report = load_report(_stored_for(xlsx, store, int(info["year"]), imported.region,
                                     imported.kind, f"{imported.plan_year} plan"))
    if report.plan_year != imported.plan_year:
        raise YoyError(xlsx, f"the sheet is for {imported.plan_year}, the stored report plans "
                             f"{report.plan_year}")
    texts = row_texts(report)
    warnings = list(read.warnings)
    _check_origin(xlsx, read, report, texts, warnings)
    base, own = base_of(info), own_cells(report, templates)  # what the sheet was written with
    imported, rows = _rows_by_text(xlsx, read, texts, own, warnings, strict)
    placed = _place_loose(xlsx, read, texts, {target_id(t) for t in report.targets}, imported,
                          rows, warnings, strict)
    imported = _own_days(imported, own, load_template(templates),
                         load_kind(report.kind, templates), "columns" in info)
    # cells a person cleared: what the sheet was written with there (its digest), and where
    cleared: dict[str, dict[str, dict[str, str]]] = {}
    where: dict[tuple[str, str, str], str] = {}
    for (table, rid), row in rows.items():
        got = entry_cells(getattr(imported, table).get(rid)) if table != "units" else {}
        digests = base.get(table, {}).get(rid, {})
        written = {*digests, *(own.get(rid, {}) if table == "measures" else ())}
        for key in sorted(written - got.keys()):
            if key not in row.cells:
                continue
            at = f"sheet {row.sheet} cell {row.cells[key]}"
            if key in digests and table != "units":
                cleared.setdefault(table, {}).setdefault(rid, {})[key] = digests[key]
                where[(table, rid, key)] = at
            else:
                warnings.append(f"{xlsx}: {at}: cleared; yoy's own reading of the report fills it "
                                "again (type over it to change it)")
    # rows of ids since gone (the report re-ingested after the sheet was written) go where their
    # text now is, with what they were written with, so that they merge with the stored entries
    followed = _follow(imported, report, xlsx, warnings)
    renamed = _renamed(imported, followed)
    base, prefilled = _rekey(base, renamed), _rekey(prefilled_of(info), renamed)
    where = {(table, renamed.get(table, {}).get(rid, rid), key): at
             for (table, rid, key), at in where.items()}
    cleared = _rekey(cleared, renamed)
    followed = _without_own(followed, own, base, _rekey(own_read_of(info), renamed))
    # a sheet from before yoy recorded what it wrote (no `columns` in _yoy):
    # every filled cell counts
    written_with = base if "columns" in info else None
    path = entries_path(store, imported.region, imported.kind, imported.plan_year)

    def merge() -> PlanMerge:
        more: list[str] = []
        clashes: list[tuple[str, str, str]] = []
        stored = load_entries(path)
        # entries of rows re-ingested under new ids follow their rows first, so that the sheet's
        # cells (written under the new ids) merge with them rather than beside them
        stored = _follow(stored, report, xlsx, more) if stored else None
        merged, merging = merge_entries(stored, followed, written_with, prefilled, clashes=clashes,
                                        name=cell_namer(info, templates, followed))
        if (refuse_conflicts or save) and not replace:
            # each cell compared with what yoy wrote there (the _yoy digests), as for reviews; a
            # sheet from before that record has no clashes (every filled cell is taken)
            refuse_clashes(xlsx, info, clashes, templates, stored, followed, path)
        merged = _follow(merged, report, xlsx, more)
        if written_with is not None:   # a sheet recording what it showed tells cleared from empty
            merged, said = clear_cells(merged, cleared)
            more += [_cleared(xlsx, where[cell], *outcome) for cell, outcome in said.items()]
        # what this file's import skips, for `yoy brief` (a status stored as typed is the
        # entry's own: PlanEntry.unread); its previous import's list replaced
        lost = [cell for cell in read.skipped if cell not in placed and cell not in read.unread]
        merged = merged.model_copy(update={"skipped": {
            **{name: cells for name, cells in merged.skipped.items() if name != xlsx.name},
            **({xlsx.name: lost} if lost else {})}})
        return PlanMerge(path, stored, merged, list(dict.fromkeys(warnings + more + merging)),
                         placed)
    if save:
        # read-merge-write under the store's lock, so two offices importing at once
        # both keep their entries
        with store_lock(store):
            done = merge()
            if path.exists() or set(done.after.model_dump(exclude_none=True,
                                                          exclude_defaults=True)) - {
                    "region", "kind", "plan_year"}:
                save_entries(done.after, path)   # none for a 台账 nobody filled (ua21b)
        return done
    return merge()


def _cleared(xlsx: Path, at: str, what: str, value: str | None) -> str:
    """The line saying what became of a cell a person cleared (store.plan_entries.clear_cells)."""
    if what == "removed":
        return f"{xlsx}: {at}: cleared; {quoted(value, 20)} is removed from the store"
    if what == "newer":
        return (f"{xlsx}: {at}: cleared, but the store's {quoted(value, 20)} is newer than this "
                "sheet; kept")
    return f"{xlsx}: {at}: cleared; yoy's own reading of the report fills it again"


def _follow(entries: PlanEntries, report: Report, xlsx: Path,
            warnings: list[str]) -> PlanEntries:
    """follow_rows, its warnings named by the sheet as `yoy plan` names them when it rewrites it:
    a stale 台账's rewrite prints each once (review fix24b: once bare, once named)."""
    moved: list[str] = []
    followed = follow_rows(entries, report, moved)
    warnings += [f"{xlsx}: {w}" for w in moved]
    return followed


def _renamed(before: PlanEntries, after: PlanEntries) -> dict[str, dict[str, str]]:
    """Table → old id → new id of the entries follow_rows moved from `before` to `after`."""
    out: dict[str, dict[str, str]] = {}
    for table in ("measures", "targets"):
        now = {id(entry): rid for rid, entry in getattr(after, table).items()}
        out[table] = {rid: now[id(e)] for rid, e in getattr(before, table).items()
                      if now.get(id(e), rid) != rid}
    return out


def _rekey(tables: Mapping[str, Mapping[str, V]],
           renamed: dict[str, dict[str, str]]) -> dict[str, dict[str, V]]:
    """Table → id → value with the ids `renamed` (_renamed) replaced."""
    return {table: {renamed.get(table, {}).get(rid, rid): v for rid, v in rows.items()}
            for table, rows in tables.items()}


def _own_days(imported: PlanEntries, own: dict[str, dict[str, str]], tpl: Template, kind: Kind,
              recorded: bool) -> PlanEntries:
    """The imported entries with a 完成时限 typed as the very text yoy's own day shows
    (2022年12月31日 where yoy wrote that day) as that day: it tells nothing of the office's.
    Other text naming the same day (年底前, 12月底前, 2022.12.31) is the office's, kept as typed,
    but on a sheet that does not record what yoy wrote (not `recorded`): an older yoy wrote the
    day as text (2022年底前), which any text naming it may be."""
    measures = dict(imported.measures)
    for rid, entry in imported.measures.items():
        mine = own.get(rid, {}).get("deadline")
        if not (mine and entry.deadline and entry.deadline != mine):
            continue
        day = date.fromisoformat(mine)
        if entry.deadline in shown_days(day, tpl) or not recorded and deadline_date(
                entry.deadline, imported.plan_year, kind) == day:
            measures[rid] = entry.model_copy(update={"deadline": mine})
    return imported.model_copy(update={"measures": measures})


def _without_own(imported: PlanEntries, own: dict[str, dict[str, str]], base: Base,
                 own_read: Base) -> PlanEntries:
    """The imported entries less the cells that are yoy's own reading of the text, left as they were
    (a unit the text names, the deadline it states): those are no entry of the office's — as the
    stored report reads now (`own`), or as yoy wrote the sheet (`own_read`, its _yoy digests: a
    更正版 re-ingested since may read otherwise, or have no such row; ua22b F7)."""
    measures = {}
    for rid, entry in imported.measures.items():
        written = base.get("measures", {}).get(rid, {})
        read = own_read.get("measures", {}).get(rid, {})
        drop = {f for f, v in own.get(rid, {}).items()
                if f not in written and getattr(entry, f) == v}
        drop |= {f for f, d in read.items() if f not in written
                 and isinstance(v := getattr(entry, f, None), str) and digest(v) == d}
        measures[rid] = entry.model_copy(update=dict.fromkeys(drop)) if drop else entry
    return imported.model_copy(update={"measures": measures})


def _check_origin(xlsx: Path, read: PlanRead, report: Report, texts: dict[str, str],
                  warnings: list[str]) -> None:
    """Refuse a sheet written from another report than the stored one, unless its rows are the
    stored report's (the same report re-ingested): a region edited in _yoy must not file one
    unit's entries under another."""
    from rapidfuzz import fuzz

    recorded = read.info.get("report_sha256")
    if recorded not in (None, "") and str(recorded) == report.source.sha256:
        return
    sheet = [(rid, row.text) for (table, rid), row in read.rows.items() if table == "measures"]
    known = set(texts.values())
    matching = sum(rid in texts or (text is not None and (text in known or any(
        fuzz.ratio(text, t) >= REATTACH for t in known))) for rid, text in sheet)
    if not sheet or matching * 2 < len(sheet):
        raise YoyError(xlsx, f"not a sheet of the stored {report.region} {report.year} report: its "
                             f"rows are another report's ({matching} of {len(sheet)} match)")
    if recorded in (None, ""):
        warnings.append(f"{xlsx}: its _yoy sheet records no report_sha256; its rows match the "
                        f"stored {report.region} {report.year} report")
    else:
        warnings.append(f"{xlsx}: written from an earlier version of the stored {report.region} "
                        f"{report.year} report; rows are matched by ID and text")


def _place_loose(xlsx: Path, read: PlanRead, texts: dict[str, str], targets: set[str],
                 imported: PlanEntries, rows: dict[tuple[str, str], SheetRow],
                 warnings: list[str], strict: bool) -> list[str]:
    """The entries of rows whose ID was cleared (PlanRead.loose) given to the one row of the
    report whose text is theirs, unchanged, and that is not on the sheet under its ID, with a
    warning; else (or with `strict`) the file is refused, naming the row: what a person typed is
    never dropped nor guessed onto another row. Returns the skipped cells so placed."""
    placed = []
    for table, row, entry in read.loose:
        at = f"sheet {row.sheet} row {row.row}"
        said = f" ({quoted(row.text, 20)})" if row.text else ""
        fix = ("put its ID back in the ID column (from the copy yoy wrote), or type the entries "
               "on the row that has it, and import the file again; nothing imported")
        if strict:
            raise YoyError(xlsx, f"{at}: entries on a row without an ID{said}; {fix}")
        key = text_key(row.text) if row.text else ""
        owners = [rid for rid, text in texts.items() if key and (rid in targets) == (
            table == "targets") and text_key(_as_written(text)) == key]
        if len(owners) != 1:
            why = ("its 具体举措 is empty" if not key else
                   "its text is no task's of the stored report (edited, or a row inserted for a "
                   "note?)" if not owners else
                   f"its text is that of {len(owners)} rows ({', '.join(owners)})")
            if not owners:
                fix = fix.replace("and import the file again", "or, for a row you inserted, move "
                                  "its entries to its task's row (a note in its 备注) and delete "
                                  "the row, and import the file again")
            raise YoyError(xlsx, f"{at}: entries on a row without an ID{said}, and {why}; {fix}")
        owner = owners[0]
        if (table, owner) in rows:
            other = rows[(table, owner)]
            raise YoyError(xlsx, f"{at}: entries on a row without an ID{said}, whose text is that "
                                 f"of {owner}, on {other.sheet} row {other.row} too; {fix}")
        getattr(imported, table)[owner] = entry
        rows[(table, owner)] = row
        placed.append(f"{at}: entries on a row without an ID")
        warnings.append(f"{xlsx}: {at}: no ID; its entries go to {owner}, the one row whose text "
                        f"it is{said}")
    return placed


def _rows_by_text(xlsx: Path, read: PlanRead, texts: dict[str, str],
                  own: dict[str, dict[str, str]], warnings: list[str],
                  strict: bool) -> tuple[PlanEntries, dict]:
    """The entries under the ID of the row whose text they stand beside: an ID column out of step
    with its rows (sorted apart, pasted) must not give one measure's progress to another. A row
    whose ID's text is not its own goes to the ID its text is (two rows claiming one: neither);
    said whenever the row holds more than yoy's own reading of the text."""
    from rapidfuzz import fuzz, process

    def norm(text: str) -> str:
        return re.sub(r"\s+", "", text)

    by_text = {norm(t): rid for rid, t in reversed(list(texts.items()))}
    choices = list(by_text)
    imported = read.entries.model_copy(deep=True)
    rows: dict[tuple[str, str], SheetRow] = {}
    # (table, id in the sheet) → (row, its id)
    moves: dict[tuple[str, str], tuple[SheetRow, str | None]] = {}
    for (table, rid), row in read.rows.items():
        if table == "units" or rid not in texts or row.text is None \
                or fuzz.ratio(norm(row.text), norm(texts[rid])) >= REATTACH:
            rows[(table, rid)] = row
            continue
        found = by_text.get(norm(row.text)) or next(
            (by_text[m[0]] for m in [process.extractOne(norm(row.text), choices, scorer=fuzz.ratio,
                                                        score_cutoff=REATTACH)] if m), None)
        moves[(table, rid)] = (row, found)
    claimed = [owner for _, owner in moves.values()] + [rid for _, rid in rows]
    moved: dict[str, dict[str, PlanEntry]] = {"measures": {}, "targets": {}}
    for (table, rid), (row, owner) in sorted(moves.items(), key=lambda kv: kv[1][0].row):
        entries: dict[str, PlanEntry] = getattr(imported, table)
        entry = entries.pop(rid, None)
        if entry is not None and owner is not None and claimed.count(owner) == 1:
            moved[table][owner] = entry
            rows[(table, owner)] = row
        if entry is None or not {k: v for k, v in entry_cells(entry).items()
                                 if own.get(owner or "", {}).get(k) != v}:
            continue  # nothing the office typed
        text = row.text or ""
        where = (f"sheet {row.sheet} row {row.row}: ID {rid} is not the ID of its text "
                 f"({text[:20]}…)")
        if strict:
            raise YoyError(xlsx, where)
        warnings.append(f"{xlsx}: {where}; " + (f"its entries go to {owner}, whose text it is"
                                                  if owner in moved[table]
                                                  else "its entries are not imported"))
    for table, entries in moved.items():
        getattr(imported, table).update(entries)
    return imported, rows
