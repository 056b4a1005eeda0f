"""`yoy ingest`: read files of any format, parse them, store each report and its raw source."""
from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from compare.errors import YoyError, YoyWarning, input_name
from compare.files import MAX_NAME, safe_name
from compare.ingest import ingest_source
from compare.ingest.readers import read_source
from compare.schema import Report
from compare.store import SOURCE_FORMATS, load_report, report_path, save_report_with_source
from compare.text import clean_name

# What a folder given to `yoy ingest` is searched for (a report's format is told by its content,
# but a folder also holds notes, pictures and spreadsheets).
REPORT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".mht", ".mhtml", ".docx",
                   ".pdf")
# Word 97–2003 and WPS files in a folder are taken too: each is refused with its own line saying
# how to convert it (a folder of them is not "no report files"), and one misnamed is read.
LEGACY_SUFFIXES = (".doc", ".wps")


def ingest_and_store(file: str, *, kind: str = "auto", region=None, year=None, url=None,
                     encoding=None, store="reports", overwrite: bool = False,
                     max_bytes: int = 20_000_000, templates=None):
    """Read `file`, parse it and store it with its raw source beside the YAML
    (`compare.ingest.ingest_file` reads and parses alone, storing nothing).

    Returns (report, yaml path, whether anything was written). Re-ingesting the very bytes a
    report was made from without the --url it was given keeps that url.
    """
    if "://" in file:
        raise YoyError(file, "a URL, not a file: download it first (e.g. curl -o report.html "
                             "URL), then yoy ingest report.html --url URL")
    if region:
        region = clean_name(region)
        if len(region) > MAX_NAME:  # a file name has room for a unit's name, not for a sentence
            raise YoyError(input_name(file),
                           f"a region name of {len(region)} characters (at most {MAX_NAME})")
        safe_name(region, "region")  # before anything is read or written
    src = read_source(file, encoding=encoding, max_bytes=max_bytes)
    ext = SOURCE_FORMATS[src.format]
    report = ingest_source(src, file, kind=kind, region=region, year=year, url=url,
                           templates=templates)
    path = report_path(Path(store), report.year, report.region, report.kind)
    report.source.file = f"{path.stem}.source.{ext}"
    stored = None
    if path.is_file():
        try:
            stored = load_report(path)
        except YoyError:
            stored = None
    if report.source.url is None and stored is not None \
            and stored.source.sha256 == report.source.sha256:
        report.source.url = stored.source.url
    changed = save_report_with_source(report, path, (path.with_name(report.source.file), src.raw),
                                      overwrite=overwrite, store=Path(store),
                                      read_from=input_name(file))
    if changed and stored is not None:
        keep_row_numbers(Path(store), stored, report)
        follow_targets(Path(store), stored, report)
    return report, path, changed


def follow_targets(store: Path, old: Report, new: Report) -> None:
    """Reviews of `old`'s targets stored under the ids targets had before they were made from
    content (t1, t2…: their place in the report) re-keyed to the id `new` gives the target of the
    same indicator and unit, when `new` has it and no review is stored under it: the upgrade of
    a store written before (ua22b F1), by indicator, never by position. A review no target of
    `new` takes keeps its id: the next run places it by its text (store.reviews.reattach) or
    lists it on the sheet of reviews without a row."""
    from compare.ingest.lists import identified
    from compare.store import store_lock
    from compare.store.reviews import load_reviews, reviews_path, save_reviews
    now = {t.id for t in new.targets}
    # each of old's targets → its id made from its content, as new's are
    content = {was.id: t.id for was, t in zip(old.targets, identified(old.targets), strict=True)
               if was.id != t.id and t.id in now}
    if not content:
        return
    prefix = reviews_path(store, old.region, old.kind, old.year, 0).name.removesuffix("0.yaml")
    with store_lock(store):
        for path in sorted((store / "reviews").glob(f"{prefix}[0-9]*.yaml")):
            reviews = load_reviews(path)
            if reviews is None or reviews.old_year != old.year:
                continue
            given = dict(reviews.targets)
            for was, tid in content.items():
                if was in given and tid not in given:
                    given[tid] = given.pop(was)
            if given != reviews.targets:
                save_reviews(reviews.model_copy(update={"targets": dict(sorted(given.items()))}),
                             path)


def keep_row_numbers(store: Path, old: Report, new: Report) -> None:
    """Record the 序号 the 台账 of `old` gave its rows when `new`, replacing it, would number them
    otherwise (a task deleted or inserted before others): a number a unit quoted in its reply
    keeps naming its task, a deleted task's number is given to no other, a new task gets a new
    one (store.plan_entries.row_numbers). Nothing is written when no number would move."""
    from compare.store import store_lock
    from compare.store.plan_entries import (
        PlanEntries,
        entries_path,
        load_entries,
        row_numbers,
        save_entries,
    )
    from compare.store.reviews import reattach_rows
    from compare.workbook.plansheet import plan_measures, row_texts

    def rows(r: Report) -> list[tuple[str, str]]:
        return [(m.id, m.text) for _, measures in plan_measures(r) for m in measures]
    path = entries_path(store, new.region, new.kind, new.plan_year)
    with store_lock(store):
        entries = load_entries(path) or PlanEntries(region=new.region, kind=new.kind,
                                                    plan_year=new.plan_year)
        # the numbers the old 台账 showed (those recorded before, on the rows they followed)
        shown = row_numbers(rows(old), reattach_rows(entries.numbers, row_texts(old), "序号",
                                                     "plan", []))
        issued = {**entries.numbers, **shown}
        now = row_numbers(rows(new), reattach_rows(issued, row_texts(new), "序号", "plan", []))
        if [n.number for n in now.values()] != list(range(1, len(now) + 1)) \
                and issued != entries.numbers:
            save_entries(entries.model_copy(update={"numbers": issued}), path)


@dataclass
class Ingested:
    """One file's outcome in `ingest_files`: its report, where it is stored and whether anything was
    written, or the error that refused it; the warnings it gave either way."""
    file: str
    report: Report | None = None
    path: Path | None = None
    changed: bool = False
    error: YoyError | None = None
    warnings: list[str] = field(default_factory=list)


def report_files(paths: Iterable[str]) -> list[str]:
    """`paths` with each folder replaced by the report files under it (by suffix, sorted, hidden
    ones skipped); a folder with none is an error."""
    out: list[str] = []
    for p in paths:
        if p != "-" and Path(p).is_dir():
            found = sorted(str(f) for f in Path(p).rglob("*")
                           if f.is_file()
                           and f.suffix.lower() in REPORT_SUFFIXES + LEGACY_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                raise YoyError(p, "a directory with no report files in it "
                                  f"({', '.join(REPORT_SUFFIXES)})")
            out += found
        else:
            out.append(p)
    return out


def ingest_files(paths: Iterable[str], **options) -> Iterator[Ingested]:
    """`ingest_and_store` for each file (folders expanded by `report_files`), one outcome each: a
    file that is refused does not stop the others. `yoy ingest` is this call.

    >>> import tempfile
    >>> store = Path(tempfile.mkdtemp())
    >>> [(d.path.relative_to(store).as_posix(), d.changed, d.error) for d in ingest_files(
    ...     ["reports/2019/龙华区-fazhi.source.txt"], store=store)]
    [('2019/龙华区-fazhi.yaml', True, None)]
    """
    for file in report_files(paths):
        done = Ingested(file)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", YoyWarning)
            try:
                done.report, done.path, done.changed = ingest_and_store(file, **options)
            except YoyError as e:
                done.error = e
        done.warnings = [str(w.message) for w in caught if issubclass(w.category, YoyWarning)]
        yield done
