"""Typed work is sacred: before yoy rewrites a workbook, what people typed into it is read back.

Every command that rewrites a comparison workbook or a 台账 (`yoy run`, `compare`, `plan`,
`export`) first calls keep_typed on the file, which reads it with the import code:

- cells the store does not hold yet are imported (jobs.merge), and a line says so;
- cells that cannot be imported safely (a workbook of another pair or plan year, one written from
  reports since replaced, a cell edited both there and in the store since it was written) stop the
  command with one line naming the file and the cells, unless `discard` (--discard-edits);
- so do cells the import skips (a status yoy does not know, input on a row without an ID, such as
  a roll-up row, or under a header yoy does not read): the workbook is their only copy;
- so does a spreadsheet the import refuses whole (a sheet renamed, a password, its _yoy sheet
  deleted, a damaged part), whatever the reason: what was typed there since the last import is
  in that file alone; not a 台账 status yoy cannot read, which the
  store holds as typed (PlanEntry.unread; imported now if not yet) and the file written again
  shows in its cell;
- the file is kept beside itself as <name>.<n>.bak.xlsx (the last BACKUPS of them) whenever it
  holds anything yoy did not write there: typed cells, a save by another program (Excel,
  LibreOffice), or an empty or text file (no cells to lose);
- files rewritten together (`yoy plan --split-by`, one per unit) are all checked before any is
  imported or kept (keep_all_typed), so one refused leaves every file as it was.

`yoy brief`, which reads the store only, names what a 台账 holds that the store does not
(not_in_store).

A workbook as yoy wrote it is replaced as before: the same bytes out, no backup. One whose bytes
are those yoy wrote (their SHA-256 recorded in a `record` folder, WRITTEN beside a run's parse
cache, kept from run to run) is not read at all: nothing can have been typed into it, and reading
it back costs a third of a pair. The record is of content, never of a file's size or times: a
file typed into and put back to its size and modification time is read. A 台账 is read only when
another program saved it (see _typed). The tracker has no import; it is kept as a backup when
another program saved it.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import YoyError
from compare.files import atomic_write, read_bytes
from compare.schema import Model

if TYPE_CHECKING:
    from compare.store.reviews import Reviews

BACKUPS = 5   # backups kept beside a workbook; older ones are removed
_LISTED = 3   # skipped cells named in a refusal (each with its reason), for one readable line
# The folder, in a run's parse cache, of the SHA-256 of each workbook yoy wrote (one empty file
# each), kept across runs (store.prune_cache spares it), so that a rerun that rewrites every
# workbook (a template or report changed) reads none a person did not touch; a digest is dropped
# when the file it is of is rewritten or removed (not by hashing the output folder at each run's
# start: an unchanged rerun of 4,000 reports would read gigabytes). A workbook not found there is
# read.
WRITTEN = "written"
Cell = tuple[str, str, str]   # (table, row id, field) of what a workbook holds


@dataclass
class Kept:
    """What keep_typed did, for the command to print."""
    notes: list[str] = field(default_factory=list)     # cells imported, files kept as backups
    warnings: list[str] = field(default_factory=list)  # what the import said of the file
    # stored reviews moved to rows whose ids changed
    reattached: list[str] = field(default_factory=list)
    imported: bool = False                              # whether the store changed

    def add(self, other: Kept) -> None:
        self.notes += other.notes
        self.warnings += other.warnings
        self.reattached += other.reattached
        self.imported |= other.imported


@dataclass
class _Typed:
    """What a workbook holds that the store does not."""
    cells: list[Cell] = field(default_factory=list)
    names: list[str] = field(default_factory=list)     # the cells as a reader finds them
    unsafe: str | None = None                          # why they cannot be imported
    warnings: list[str] = field(default_factory=list)
    save: Callable[[], Path] | None = None             # imports them; the store file written
    # typed cells the import skips (where and why): rewriting the file would lose them
    skipped: list[str] = field(default_factory=list)
    unreadable: str | None = None                      # why yoy cannot read it as its workbook
    # of the skipped, those the store holds as typed (a status yoy cannot read,
    # PlanEntry.unread): the brief names them from the store
    held: dict[str, tuple[str, str]] = field(default_factory=dict)   # → (row id, field)
    # of the skipped, those a safe import of `cells` stores as typed (not held yet)
    stores: set[str] = field(default_factory=set)
    # typed cells whose value the store holds already for their row (_held): no cell lost
    in_store: int = 0


@dataclass(frozen=True)
class Discard:
    """--discard-edits as `yoy run` takes it: for every workbook it rewrites (`files` None, the bare
    flag) or for the files named alone (`files`, resolved: a province's run rewrites every region's
    workbooks, and one region's bad file was no reason to discard another's, review ua23 L3). A
    refusal then advises the flag with the file's name."""
    files: frozenset[Path] | None

    @classmethod
    def every(cls) -> Discard:
        """The bare flag: every workbook the run rewrites."""
        return cls(None)

    @classmethod
    def of(cls, paths: Iterable[str | Path]) -> Discard:
        """The files named (resolved, so that any spelling of a path matches)."""
        return cls(frozenset(Path(p).resolve() for p in paths))

    def unmatched(self, written: Iterable[Path]) -> list[Path]:
        """The files named that are none of `written` (nor the .ods beside one)."""
        at = {q.resolve() for w in written for q in (Path(w), Path(w).with_suffix(".ods"))}
        return sorted((self.files or frozenset()) - at)

    def covers(self, path: Path) -> bool:
        # the .ods Calc saved beside a workbook is named by the refusal too (_ods_beside)
        return self.files is None or bool({path.resolve(), path.with_suffix(".ods").resolve()}
                                          & self.files)


def _discarding(discard: bool | Discard, path: Path) -> tuple[bool, str]:
    """Whether `path`'s typed cells may be discarded, and the flag a refusal advises."""
    if isinstance(discard, Discard):
        return discard.covers(path), f"--discard-edits {shell_word(path)}"
    return discard, "--discard-edits"


# What a shell takes as part of a word: letters and digits of any script (a region's name), and
# shlex's own safe punctuation.
_SHELL_SAFE = re.compile(r"[\w@%+=:,./-]+")


def shell_word(path: Path) -> str:
    """`path` as a clerk can paste it into a shell: quoted (shlex.quote) when it holds a space or
    a character the shell reads otherwise; as it is when it has none, as a Chinese folder name
    (shlex alone would quote every one, unlike what yoy printed before)."""
    import shlex
    text = str(path)
    return text if _SHELL_SAFE.fullmatch(text) else shlex.quote(text)


def keep_typed(path: Path, store: Path, expected: Mapping[str, Any] | None, *,
               discard: bool | Discard = False, templates: Path | None = None,
               record: Path | None = None) -> Kept:
    """Before `path` is rewritten as the workbook `expected` names (its _yoy identity: format,
    region, kind and old_year/new_year or plan_year; None: a workbook nobody imports, the
    tracker): import what was typed there, or refuse (YoyError naming the cells) when it cannot
    be imported safely and `discard` is not set; keep the file as a backup when it holds anything
    yoy did not write there. `templates`: the user's templates, by which it was
    written and is read; `record`: the folder where record_written noted what yoy wrote (a file
    byte for byte as yoy wrote it holds nothing typed and is not read)."""
    return keep_all_typed([path], store, expected, discard=discard, templates=templates,
                          record=record)


def keep_all_typed(paths: Iterable[Path], store: Path, expected: Mapping[str, Any] | None, *,
                   discard: bool | Discard = False, templates: Path | None = None,
                   record: Path | None = None) -> Kept:
    """keep_typed for files rewritten together (`yoy plan --split-by`'s one per unit): every file
    is checked before any is imported or kept as a backup, so a refusal of one leaves them all as
    they were."""
    checked = [(Path(path), _check(Path(path), store, expected, discard, templates, record))
               for path in paths]
    kept = Kept()
    for path, typed in checked:
        if typed is not None:
            kept.add(_keep(path, typed))
    return kept


def _check(path: Path, store: Path, expected: Mapping[str, Any] | None, discard: bool | Discard,
           templates: Path | None, record: Path | None) -> _Typed | None:
    """What `path` holds that the store does not (None: nothing to keep), refused (YoyError) when
    it cannot be imported safely or the import skips cells, and `discard` is not set; nothing is
    written."""
    discard, flag = _discarding(discard, path)
    _ods_beside(path, discard, flag)
    if not path.is_file():
        return None  # nothing there; or not a file, which the writer refuses itself
    if record is not None and (digest := _digest(path)) and (Path(record) / digest).is_file():
        return None  # as yoy wrote it: nothing typed, no backup
    typed = _Typed()
    if expected is not None:
        try:
            typed = _typed(path, Path(store), expected, templates)
        except YoyError as e:
            from compare.workbook.reading import is_spreadsheet
            if is_spreadsheet(path) and not discard:
                # whatever the import refuses (a renamed sheet, a password, a deleted _yoy
                # sheet, a damaged part): cells typed there since the last import are in this
                # file alone, and a rewrite would set them aside where nobody looks
                raise YoyError(e.where, f"{e.reason}; the file is left as it is: what was typed "
                                        "there since the last import would be lost (rerun with "
                                        f"{flag} to write over it, the file kept as a "
                                        "backup)") from None
            return _Typed(unreadable=e.reason)
    count = _count(typed.cells, "typed cell")
    if typed.cells and typed.unsafe and not discard:
        raise YoyError(path, f"{count} not in the store ({', '.join(typed.names)}) cannot be "
                             f"imported: {typed.unsafe}; move the file away to keep them, or "
                             f"rerun with {flag} (the file is then kept as a backup)")
    lost = _lost(typed)
    if lost and not discard:
        listed = "; ".join(lost[:_LISTED]) + (
            f"; {len(lost) - _LISTED} more" if len(lost) > _LISTED else "")
        them = "them" if len(lost) > 1 else "it"
        raise YoyError(path, f"{_count(lost, 'typed cell')} yoy cannot import would be "
                             f"lost ({listed}): correct or clear {them} there, or rerun with "
                             f"{flag} (the file is then kept as a backup)")
    return typed


def _ods_beside(path: Path, discard: bool, flag: str = "--discard-edits") -> None:
    """Refuse to write `path` when Calc saved the workbook beside it in its own format (<name>.ods,
    Calc's default) after `path` was written: what was typed there is in a file yoy cannot read,
    and a run would go on as if nothing had been typed."""
    from compare.files import saved_beside_after

    # an .ods older than the workbook: an old copy, or one whose entries were saved as .xlsx
    if discard or not saved_beside_after(path):
        return
    raise YoyError(path.with_suffix(".ods"),
                   f"saved by LibreOffice Calc in its own format (.ods) after {path.name}, "
                   "so it may hold entries the store lacks, and yoy cannot read .ods: in Calc "
                   f"use 另存为, file type Excel 2007-365 (.xlsx), over {path.name}; or move "
                   f"the .ods away, or rerun with {flag}")


def _keep(path: Path, typed: _Typed) -> Kept:
    """What _check found in `path`, done: its cells imported, the file kept as a backup."""
    from compare.workbook.sheets import written_by_yoy
    kept = Kept()
    if typed.unreadable is not None:
        kept.warnings.append(f"{path}: {typed.unreadable}; the file is kept as {_backup(path)}")
        return kept
    kept.warnings += typed.warnings
    lost = _lost(typed)
    count, skipped = _count(typed.cells, "typed cell"), _count(lost, "typed cell")
    if typed.cells and typed.save is not None and not typed.unsafe:
        kept.notes.append(f"{path}: {count} not yet in the store imported into {typed.save()}")
        kept.imported = True
    if typed.cells or typed.skipped or not written_by_yoy(path):
        gone = ", ".join([f"its {count} not in the store"] * bool(typed.cells and typed.unsafe)
                         + [f"its {skipped} yoy cannot import"] * bool(lost))
        held = _count([None] * typed.in_store, "typed cell")
        kept.notes.append(f"{path}: the previous file is kept as {_backup(path)}"
                          + (f", {gone} discarded" if gone else "")
                          + (f" (its {held} in the store already)" * bool(typed.in_store)))
    return kept


def _lost(typed: _Typed) -> list[str]:
    """The skipped cells a rewrite would lose: not a status yoy cannot read that the store holds
    as typed (PlanEntry.unread) or that the file's safe import stores so, which the 台账 written
    again shows in its cell."""
    imported = typed.stores if typed.save is not None and not typed.unsafe else set()
    return [cell for cell in typed.skipped if cell not in typed.held and cell not in imported]


def _count(items: list, what: str) -> str:
    return f"{len(items)} {what}{'s' if len(items) > 1 else ''}"


def not_in_store(path: Path, store: Path, expected: Mapping[str, Any], *,
                 templates: Path | None = None,
                 named: set[tuple[str, str]] | None = None) -> list[str]:
    """Warnings naming what the workbook at `path` (of `expected`, as in keep_typed) holds that
    the store does not: for a command that reads the store only (`yoy brief`), which would
    otherwise count a typed cell as never filled. Cells not imported yet, and cells the import
    skips (a status the store holds as typed, PlanEntry.unread, is named too, its (row id,
    field) added to `named`); nothing for a file yoy cannot read as that workbook."""
    if not Path(path).is_file():
        return []
    try:
        typed = _typed(Path(path), Path(store), expected, templates)
    except YoyError:
        return []
    if typed.unsafe:
        return []   # another plan year's or pair's: not what the store is asked for
    if named is not None:
        named.update(typed.held.values())
    return ([f"{path}: {_count(typed.cells, 'typed cell')} ({', '.join(typed.names)}) not in the "
             "store, so not counted (yoy review import takes them)"] * bool(typed.cells)
            + [f"{path}: {cell}; {'' if cell in typed.held else 'not in the store, so '}not "
               "counted (correct it there and import the file again)" for cell in typed.skipped])


def _typed(path: Path, store: Path, expected: Mapping[str, Any], templates: Path | None) -> _Typed:
    from compare.workbook.plansheet import PLAN_FORMAT
    from compare.workbook.reading import format_of, open_workbook
    from compare.workbook.sheets import written_by_yoy
    wb = open_workbook(path)  # once: opening costs as much as reading the reviews
    try:
        if format_of(wb, path) != PLAN_FORMAT:
            return _comparison(path, store, expected, templates, wb)
    finally:
        wb.close()
    # A 台账 no program saved since yoy wrote it holds nothing typed; and one from before yoy
    # recorded digests of its office cells (no `columns` in its _yoy) cannot tell a typed cell
    # from one out of date (the store changed since): reading it needlessly could revert the store.
    return _Typed() if written_by_yoy(path) else _plan_sheet(path, store, expected, templates)


def _comparison(path: Path, store: Path, expected: Mapping[str, Any], templates: Path | None,
                wb: Any) -> _Typed:
    """A comparison workbook (`wb`, open): the reviewer cells that are not what it was pre-filled
    with (store.reviews.edits), then what importing them would change in the store."""
    from compare.jobs.merge import import_reviews
    from compare.store.reviews import base_of, edits
    from compare.workbook.review_import import cell_names, read_reviews
    read = read_reviews(path, templates=templates, wb=wb)
    typed = edits(read.reviews, base_of(read.info))
    if not typed:
        return _Typed(warnings=read.warnings, skipped=read.skipped)
    try:
        merge = import_reviews(path, store, templates=templates, save=False, read=read,
                               refuse_conflicts=True)
    except YoyError as e:
        # a cell the store holds already (imported by `yoy review import` before a 更正版 made
        # the file stale) is no typed cell lost: only the others stop the rewrite (review ua24 M1)
        held = _held(read.reviews, typed, store)
        left = [cell for cell in typed if cell not in held]
        return _Typed(left, cell_names(read.info, left, templates=templates), _why(e, path),
                      read.warnings, skipped=read.skipped, in_store=len(held))
    return _importable(read, merge, expected, templates,
                       lambda: import_reviews(path, store, templates=templates, read=read,
                                              refuse_conflicts=True).path)


def _held(typed: Reviews, cells: list[Cell], store: Path) -> set[Cell]:
    """Of a workbook's typed `cells` (of the Reviews `typed`), those whose value the store's
    reviews hold for that row: under its id, or under the id a stored review of the row's text (as
    the workbook shows it) was re-attached to when a 更正版 changed its id."""
    from compare.store.reviews import load_reviews, reviews_path, text_key
    stored = load_reviews(reviews_path(store, typed.region, typed.kind, typed.old_year,
                                       typed.new_year))
    if stored is None:
        return set()
    held = set()
    for table, rid, key in cells:
        entry = getattr(typed, table)[rid]
        value = entry.cells().get(key)
        rows = getattr(stored, table)
        same = [rows[rid]] if rid in rows else []
        same += [e for e in rows.values() if text_key(e.text) == text_key(entry.text) != ""]
        if value is not None and any(e.cells().get(key) == value for e in same):
            held.add((table, rid, key))
    return held


def _plan_sheet(path: Path, store: Path, expected: Mapping[str, Any],
                templates: Path | None) -> _Typed:
    """A 台账: what importing its entries would change in the store (jobs.plan_merge.merge_plan), a
    cell edited both there and in the store making it unsafe, and the cells the import skips (a bad
    value: it refuses the rewrite all the same, `skipped`; those of them the store holds as typed,
    `held`)."""
    from compare.store.plan_entries import entries_path, load_entries
    from compare.workbook.plan_import import import_plan_sheet
    read = import_plan_sheet(path, templates=templates)  # a bad value skipped, as on import
    typed = _plan_cells(path, store, expected, templates, read)
    stored = load_entries(entries_path(store, read.entries.region, read.entries.kind,
                                       read.entries.plan_year)) if read.unread else None
    typed.held = {cell: (rid, key) for cell, (table, rid, key, text) in read.unread.items()
                  if stored is not None and (entry := getattr(stored, table).get(rid)) is not None
                  and entry.unread.get(key) == text}
    typed.stores = {cell for cell, (table, rid, key, _) in read.unread.items()
                    if (table, rid, f"unread.{key}") in typed.cells}
    # a status the store holds as typed already was said when it was imported: not each rewrite
    typed.warnings = [w for w in typed.warnings
                      if not any(f": {cell};" in w for cell in typed.held)]
    return typed


def _plan_cells(path: Path, store: Path, expected: Mapping[str, Any], templates: Path | None,
                read: Any) -> _Typed:
    """_plan_sheet's import of what was `read`."""
    from compare.jobs.plan_merge import merge_plan
    from compare.store.plan_entries import entries_path, load_entries, merge_entries
    from compare.store.reviews import base_of
    from compare.workbook.plan_record import prefilled_of
    from compare.workbook.review_import import cell_names
    try:
        merge = merge_plan(path, store, templates=templates, save=False, read=read,
                           refuse_conflicts=True)
    except YoyError as e:
        try:  # what it would import, the sheet's edits winning
            lenient = merge_plan(path, store, templates=templates, save=False, read=read)
            cells = _changed(lenient.before, lenient.after)
        except YoyError:
            # of another report: what it holds beyond the entries stored for its plan year
            # (yoy's own 完成时限 and 牵头单位 too: without the report, they cannot be told from
            # the office's)
            entries, info = read.entries, read.info
            before = load_entries(entries_path(store, entries.region, entries.kind,
                                               entries.plan_year))
            merged, _ = merge_entries(before, entries, base_of(info) if "columns" in info else None,
                                      prefilled_of(info))
            cells = _changed(before, merged)
        return _Typed(cells, cell_names(read.info, cells, templates=templates), _why(e, path),
                      read.warnings, skipped=read.skipped)
    return _importable(read, merge, expected, templates,
                       lambda: merge_plan(path, store, templates=templates, read=read,
                                          refuse_conflicts=True).path)


def _importable(read: Any, merge: Any, expected: Mapping[str, Any], templates: Path | None,
                save: Callable[[], Path]) -> _Typed:
    """What a safe import (`merge` of what was `read`) would change, cell by cell; `save`
    does it."""
    from compare.workbook.review_import import cell_names
    cells = _changed(merge.before, merge.after)
    # a row without an ID the merge gives to the row its text is (jobs.plan_merge._place_loose) is
    # imported, not lost
    placed = getattr(merge, "placed", [])
    return _Typed(cells, cell_names(read.info, cells, templates=templates),
                  _other(read.info, expected), merge.warnings, save,
                  [cell for cell in read.skipped if cell not in placed])


def _why(e: YoyError, path: Path) -> str:
    return e.reason if e.where == str(path) else f"{e.where}: {e.reason}"


def _other(info: Mapping[str, Any], expected: Mapping[str, Any]) -> str | None:
    """Why a workbook's cells are not to be imported on the way to writing `expected` there:
    it is another pair's or plan year's (they are imported by `yoy review import`, not by
    overwriting the file)."""
    if all(str(info.get(k)) == str(v) for k, v in expected.items()):
        return None
    return (f"the file is the workbook of {workbook_of(info)}, not of {workbook_of(expected)} "
            "(yoy review import takes it)")


def workbook_of(info: Mapping[str, Any]) -> str:
    """What a workbook is of, by its _yoy identity (or a store file's fields): 新余市 fazhi 2022
    plan, 国务院 gov-work-report 2022→2023."""
    years = (f"{info.get('plan_year')} plan" if "plan_year" in info
             else f"{info.get('old_year')}→{info.get('new_year')}")
    return f"{info.get('region')} {info.get('kind')} {years}"


def _changed(before: Model | None, after: Model) -> list[Cell]:
    """The cells `after` holds that `before` does not (or holds otherwise), and those it no longer
    holds (a cell a person cleared: store.plan_entries.clear_cells)."""
    from compare.jobs.merge import model_cells
    old, new = model_cells(before), model_cells(after)
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def record_written(path: Path, record: Path | None, replaced: str | None = None) -> None:
    """Note in the folder `record` that the bytes now at `path` are a workbook yoy wrote (so
    keep_typed replaces them without reading them back). Called right after writing: whatever
    is at `path` is taken as yoy's. `replaced`: the SHA-256 of the file that was there before
    (written_digest), dropped from the record, which so holds about one digest a workbook
    (another file with those very bytes, a copy, is then read back: slower, never unsafe)."""
    digest = _digest(path) if record is not None else None
    if record is None or digest is None:
        return
    try:
        Path(record).mkdir(exist_ok=True)
        (Path(record) / digest).touch()
        if replaced is not None and replaced != digest:
            (Path(record) / replaced).unlink(missing_ok=True)
    except OSError:  # a cache that cannot be written to: the file is read back next time
        pass


def written_digest(path: Path, record: Path | None) -> str | None:
    """The SHA-256 of the file at `path` when the folder `record` notes it as yoy's (to be
    dropped from it once the file is rewritten or removed, record_written, forget_written)."""
    if record is None or not Path(path).is_file():
        return None
    digest = _digest(path)
    return digest if digest is not None and (Path(record) / digest).is_file() else None


def forget_written(digest: str | None, record: Path | None) -> None:
    """Drop `digest` (written_digest of a file yoy removes) from the folder `record`."""
    if digest is None or record is None:
        return
    try:
        (Path(record) / digest).unlink(missing_ok=True)
    except OSError:  # not writable: an entry left over costs one empty file
        pass


def _digest(path: Path) -> str | None:
    """The SHA-256 of the file at `path`, None when it cannot be read."""
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except YoyError:
        return None


def keep_unless_written(path: Path, written: str | None) -> Path | None:
    """Before a file yoy writes for people to open (the run summary) is replaced: its copy kept
    as a backup (<name>.<n>.bak<suffix>, returned) unless its SHA-256 is `written`, what yoy last
    wrote there, so that what a clerk typed into it is not lost."""
    digest = _digest(path) if Path(path).is_file() else None
    # every one kept: nothing reads the summary back, so a clerk's note is in its backup alone,
    # where a workbook's typed cells were imported into the store first (review ua24 H1)
    return None if digest is None or digest == written else _backup(path, keep=None)


def is_backup(path: Path) -> bool:
    """Whether `path` is named as the backups keep_typed keeps (<name>.<n>.bak.xlsx)."""
    return re.search(r"\.\d+\.bak\.[^.]+$", Path(path).name) is not None


def _backup(path: Path, keep: int | None = BACKUPS) -> Path:
    """Copy `path` to <name>.<n>.bak<suffix> beside it (n one more than the last), keeping the
    last `keep` of them (None: all)."""
    stem, suffix = path.name[:len(path.name) - len(path.suffix)], path.suffix
    pattern = re.compile(re.escape(stem) + r"\.(\d+)\.bak" + re.escape(suffix) + "$")
    taken = sorted(int(m.group(1)) for p in path.parent.iterdir() if (m := pattern.match(p.name)))
    backup = path.with_name(f"{stem}.{(taken[-1] if taken else 0) + 1}.bak{suffix}")
    atomic_write(backup, read_bytes(path))
    for n in taken[:max(0, len(taken) + 1 - keep)] if keep is not None else ():
        path.with_name(f"{stem}.{n}.bak{suffix}").unlink(missing_ok=True)
    return backup
