"""`yoy review import`: a filled workbook read back and merged into the store under its lock.

    import_workbook(xlsx, store)   → a comparison's reviews or a plan sheet's entries, by the
                                     format its _yoy sheet records
    import_workbooks(paths, store) → each file, and each workbook in each folder

The merges themselves are jobs.merge's (import_reviews, import_plan), which jobs.guard uses too.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from compare.errors import YoyError
from compare.jobs.guard import is_backup
from compare.jobs.merge import import_reviews
from compare.jobs.plan_merge import import_plan
from compare.store.plan_entries import PlanEntries
from compare.store.reviews import Reviews
from compare.workbook.plansheet import PLAN_FORMAT
from compare.workbook.reading import (
    XLS_REASON,
    format_of,
    open_workbook,
    unreadable,
    workbook_format,
)


def _xls(files: list[Path], folder: Path) -> str:
    """The .xls and .ods `files` of `folder` named, and what to do, in one line."""
    names = ", ".join(str(p.relative_to(folder)) for p in files)
    if len(files) == 1:
        return f"{names}: {unreadable(files[0]) or XLS_REASON}"
    what = ("Excel 97–2003 workbooks (.xls)" if all(p.suffix.lower() == ".xls" for p in files)
            else "LibreOffice Calc spreadsheets (.ods)" if all(p.suffix.lower() == ".ods"
                                                              for p in files)
            else "Excel 97–2003 (.xls) and LibreOffice Calc (.ods) spreadsheets")
    return (f"{names}: {what}, which yoy cannot read: open each in Excel "
            "or LibreOffice and save it as an Excel workbook (.xlsx), then import those")


def _newer_beside(files: list[Path], folder: Path) -> str:
    """Of the .ods `files`, those saved after the .xlsx of their name beside them (Calc's own
    format chosen when the clerk saved): the .xlsx imported lacks what was typed since."""
    from compare.files import saved_beside_after
    newer = [p for p in files if p.suffix.lower() == ".ods"
             and p.with_suffix(".xlsx").is_file() and saved_beside_after(p.with_suffix(".xlsx"))]
    if not newer:
        return ""
    names = ", ".join(str(p.relative_to(folder)) for p in newer)
    return (f"; {names} {'was' if len(newer) == 1 else 'were'} saved after the .xlsx beside it, "
            "which is imported without what was typed since")


def import_workbook(xlsx: Path, store: Path, *, strict: bool = False,
                    templates: Path | None = None,
                    replace: bool = False) -> tuple[Path, Reviews | PlanEntries, list[str]]:
    """Store what people typed into a yoy workbook: (the store file written, everything it now
    holds, warnings). A plan sheet (yoy plan) gives the office's entries
    (jobs.plan_merge.import_plan), a comparison workbook its reviews (jobs.merge.import_reviews);
    either skips a cell holding a bad value, with a warning, or with `strict` refuses the file. A
    cell edited both in the file and in the store since yoy wrote the file refuses the file, unless
    `replace` (the person importing says the file's entries are the newer ones: the store's are
    replaced, each said)."""
    if workbook_format(xlsx) == PLAN_FORMAT:
        return import_plan(xlsx, store, strict=strict, templates=templates, replace=replace)
    merge = import_reviews(xlsx, store, templates=templates, strict=strict, replace=replace)
    return merge.path, merge.after, merge.warnings


class Imported(NamedTuple):
    source: Path                             # the workbook read
    path: Path | None                        # the store file written (None: skipped)
    stored: Reviews | PlanEntries | None     # everything it now holds
    warnings: list[str]
    # why a workbook of a folder could not be read at all (the others are imported)
    error: YoyError | None = None


def import_workbooks(paths: Iterable[Path], store: Path, *, strict: bool = False,
                     templates: Path | None = None, replace: bool = False) -> Iterator[Imported]:
    """import_workbook for each file, and each .xlsx in each folder (the 台账 every unit sent back,
    merged by measure id), in order; a file in a folder that yoy did not write, or a backup yoy
    kept (<name>.<n>.bak.xlsx: an older version, whose edits are in the store already or were
    replaced), is passed over with a warning. A file of a folder that cannot be opened as a
    workbook at all (truncated, a text file under an .xlsx name) is given with its `error` and the
    folder goes on: yoy cannot tell who wrote it, and it may be a 台账 an office typed into; so is
    a .xls or .ods file there (one yoy cannot read, which may hold entries). Each file is stored
    whole or not at all; the first refused one stops. `yoy review import` is this
    call.

    >>> import shutil, tempfile
    >>> from compare.jobs.pipeline import compare_pair
    >>> store = Path(tempfile.mkdtemp()) / "reports"
    >>> _ = shutil.copytree("reports", store)
    >>> done = compare_pair(store / "2022/盐田区-gov-work-report.yaml",
    ...                     store / "2023/盐田区-gov-work-report.yaml", out=store.parent / "output")
    >>> [(i.source.name, i.path.relative_to(store).as_posix(), i.error)
    ...  for i in import_workbooks([done.workbook], store)]
    [('gov-work-report-2022-2023.xlsx', 'reviews/盐田区-gov-work-report-2022-2023.yaml', None)]
    """
    for given in paths:
        given = Path(given)
        if not given.is_dir():
            yield Imported(given, *import_workbook(given, store, strict=strict,
                                                   templates=templates, replace=replace))
            continue
        found = sorted(p for p in given.rglob("*.xlsx")
                       if p.is_file() and not p.name.startswith(("~$", ".")))
        # a unit that saved its 台账 as .xls sent its entries back in a file yoy cannot read:
        # named, never passed over unseen
        # so did one that saved it in Calc's own format (.ods, Calc's default)
        old = sorted(p for pattern in ("*.xls", "*.ods") for p in given.rglob(pattern)
                     if p.is_file() and not p.name.startswith(("~$", ".")))
        if old and (strict or not found):
            raise YoyError(given, ("holds no .xlsx workbooks; " * (not found)) + _xls(old, given))
        # each an error line, as the file alone is, the folder's .xlsx imported all the same: what
        # was typed there is in a file yoy cannot read (review ua24 M2: a warning, exit 0)
        for bad in old:
            yield Imported(bad, None, None, [], YoyError(bad, (unreadable(bad) or XLS_REASON)
                                                         + _newer_beside([bad], given)))
        # the backups in one line: a folder a plan was split into holds up to BACKUPS per file
        backups = [p for p in found if is_backup(p)]
        if len(backups) == 1:
            yield Imported(backups[0], None, None, [
                f"{backups[0]}: passed over (a backup yoy kept of an older version)"])
        elif backups:
            yield Imported(given, None, None, [
                f"{given}: {len(backups)} backups passed over (<name>.<n>.bak.xlsx: older versions "
                "yoy kept)"])
        for xlsx in found:
            if is_backup(xlsx):
                continue
            try:
                wb = open_workbook(xlsx)
            except YoyError as e:  # review ua23: a truncated 台账 was passed over, exit 0
                yield Imported(xlsx, None, None, [], e)
                continue
            try:
                format_of(wb, xlsx)
            except YoyError as e:
                # a workbook with no _yoy sheet: one yoy did not write (or whose _yoy was deleted,
                # which the reason says). The tracker yoy writes has nothing to import: said as
                # such, not as a stranger's
                tracker = xlsx.stem.endswith(("-tracker", "-tracker-en"))
                yield Imported(xlsx, None, None, [f"{xlsx}: passed over (" + (
                    "a multi-year tracker yoy wrote: nothing in it is imported" if tracker
                    else e.reason) + ")"])
                continue
            finally:
                wb.close()
            yield Imported(xlsx, *import_workbook(xlsx, store, strict=strict, templates=templates,
                                                  replace=replace))

