"""One pair, end to end: load two stored reports, compare, write JSON and workbook.

Shared by `yoy compare` and `yoy run` so both produce the same files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compare.engine import compare_reports
from compare.files import atomic_write, kept_in
from compare.jobs.blas import one_blas_thread
from compare.jobs.guard import (
    WRITTEN,
    Discard,
    Kept,
    keep_typed,
    record_written,
    written_digest,
)
from compare.schema import Comparison, Report
from compare.store import CACHE, load_report, outside_store, stored_kind, stored_report
from compare.workbook.template import lang_suffix


@dataclass
class PairResult:
    comparison: Comparison
    workbook: Path | None
    # what was typed into the workbook there before (jobs.guard)
    kept: Kept = field(default_factory=Kept)


def pair_paths(store: Path, region: str, kind: str | None, old_year: int,
               new_year: int) -> tuple[Path, Path]:
    """The stored reports of `region`'s pair; `kind` None: the one kind the store holds for it."""
    kind = kind or stored_kind(store, region)
    return (stored_report(store, old_year, region, kind),
            stored_report(store, new_year, region, kind))


def default_workbook(out: Path, region: str, kind: str, old_year: int, new_year: int,
                     lang: str = "zh") -> Path:
    """Where a pair's workbook goes: another language's beside it (…-en.xlsx), never over it."""
    return Path(out) / region / f"{kind}-{old_year}-{new_year}{lang_suffix(lang)}.xlsx"


def comparison_json(out: Path, region: str, kind: str, old_year: int, new_year: int) -> Path:
    """Where `yoy run` keeps a pair's Comparison as JSON: one file for every language."""
    return default_workbook(out, region, kind, old_year, new_year).with_suffix(".json")


def compare_pair(old_path: Path, new_path: Path, *, store: Path = Path("reports"),
                 out: Path = Path("output"),
                 json_path: Path | None = None, workbook: str | Path | None = "default",
                 lang: str = "zh", force: bool = False, discard_edits: bool | Discard = False,
                 loaded: tuple[Report, Report] | None = None, cache: Path | None = None,
                 templates: Path | None = None) -> PairResult:
    """Compare two stored reports; write `json_path` and the workbook (None: no workbook).

    `loaded`: the two reports already read from those paths (YAML parsing is the slow part);
    `cache`: parsed reports by content hash (see store.load_report), by default the one a `yoy
    run` keeps in `out`, if it has; `templates`: the user's templates, tried before the shipped
    ones (see kinds.template_dirs). What a reviewer typed into the workbook there before is
    imported first, or the workbook is not replaced (jobs.guard.keep_typed; `discard_edits`
    replaces it all the same, keeping a backup). The templates are read back from the cache too
    (files.kept_in). `yoy compare` is this call.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> done = compare_pair(Path("reports/2022/盐田区-gov-work-report.yaml"),
    ...                     Path("reports/2023/盐田区-gov-work-report.yaml"), out=out)
    >>> done.workbook.relative_to(out).as_posix(), len(done.comparison.commitments)
    ('盐田区/gov-work-report-2022-2023.xlsx', 101)
    """
    one_blas_thread()
    if cache is None and (Path(out) / CACHE).is_dir():
        cache = Path(out) / CACHE  # read back 30× faster than the YAML; a new report is added to it
    old, new = loaded or (load_report(old_path, cache), load_report(new_path, cache))
    with kept_in(cache):
        cmp = compare_reports(old, new, force=force, templates=templates)
    if json_path:
        # the library refuses as the commands do: nothing written into the store (ua21a)
        outside_store(Path(json_path), store)
        data = cmp.model_dump_json(indent=2).encode("utf-8")
        # unchanged bytes are not rewritten: runs in two languages share this file and would
        # otherwise each find the other's run touched it
        json_path = Path(json_path)
        if json_path.is_symlink() or not (json_path.is_file() and json_path.read_bytes() == data):
            atomic_write(json_path, data)
    target, kept = None, Kept()
    if workbook is not None:
        target = default_workbook(out, old.region, old.kind, old.year, new.year, lang) \
            if workbook == "default" else Path(workbook)
        outside_store(target, store)
        # the parse cache also notes what yoy wrote: a workbook as written is not read back
        record = Path(cache) / WRITTEN if cache is not None else None
        origin = {"store": str(store), "old": str(old_path), "new": str(new_path),
                  "old_sha256": old.source.sha256, "new_sha256": new.source.sha256}
        kept = _write_workbook(cmp, target, store=store, lang=lang, discard_edits=discard_edits,
                               templates=templates, record=record, origin=origin, cache=cache)
    return PairResult(cmp, target, kept)


def export_workbook(cmp: Comparison, path: Path, *, store: Path = Path("reports"), lang: str = "zh",
                    discard_edits: bool | Discard = False, templates: Path | None = None) -> Kept:
    """`yoy export`: write the workbook of a Comparison at `path`, pre-filled with the reviews and
    office entries `store` holds for its pair, as `yoy compare` writes it, after importing what a
    reviewer typed into the workbook there (jobs.guard.keep_typed); `templates`: the user's
    templates.

    >>> import tempfile
    >>> cmp = compare_reports(load_report(Path("reports/2022/盐田区-gov-work-report.yaml")),
    ...                       load_report(Path("reports/2023/盐田区-gov-work-report.yaml")))
    >>> path = Path(tempfile.mkdtemp()) / "盐田区-2022-2023.xlsx"
    >>> kept = export_workbook(cmp, path)
    >>> path.is_file(), kept.imported    # nothing was typed there yet: nothing imported
    (True, False)
    """
    outside_store(Path(path), store)
    return _write_workbook(cmp, Path(path), store=store, lang=lang, discard_edits=discard_edits,
                           templates=templates)


def _write_workbook(cmp: Comparison, target: Path, *, store: Path, lang: str,
                    discard_edits: bool | Discard,
                    templates: Path | None, record: Path | None = None,
                    origin: dict[str, str] | None = None, cache: Path | None = None) -> Kept:
    """The one way a comparison workbook is written: what was typed into the file at `target`
    imported first (or refused), then the workbook with the store's reviews and office entries
    (a workbook written without them would blank a reviewer's entries there)."""
    from compare.store.plan_entries import entries_path, load_entries
    from compare.store.reviews import comparison_ids, load_reviews, reattach, reviews_path
    from compare.workbook.ledger import write_workbook
    old, new = cmp.old, cmp.new
    replaced = written_digest(target, record)   # its record entry goes once it is rewritten
    kept = keep_typed(target, store, workbook_identity(cmp), discard=discard_edits,
                      templates=templates, record=record)
    reviews = load_reviews(reviews_path(store, old.region, old.kind, old.year, new.year))
    if reviews is not None:
        # stored reviews whose rows changed id find them again by text, never silently
        reviews, kept.reattached = reattach(reviews, comparison_ids(cmp))
        cmp.warnings += kept.reattached
    entries = load_entries(entries_path(store, old.region, old.kind, old.plan_year))
    with kept_in(cache):
        write_workbook(cmp, target, lang=lang, reviews=reviews, templates=templates,
                       plan_entries=entries, origin=origin)
    record_written(target, record, replaced)
    return kept


def workbook_identity(cmp: Comparison) -> dict[str, object]:
    """The _yoy keys that tell the comparison workbook of `cmp`'s pair
    (for jobs.guard.keep_typed)."""
    from compare.workbook.ledger import LEDGER_FORMAT
    return {"format": LEDGER_FORMAT, "region": cmp.old.region, "kind": cmp.old.kind,
            "old_year": cmp.old.year, "new_year": cmp.new.year}
