"""`yoy plan`: the plan year's 台账 written from the store, and the office's entries read back into it.

    plan_path(out, region, kind, plan_year)  → output/<region>/<kind>-<plan_year>-plan.xlsx (-plan-en.xlsx)
    plan_report(...)                          → the sheet of a stored report, with the entries stored
    import_plan(xlsx, store)                  → a filled sheet's entries merged into the store (its lock held)
"""
from __future__ import annotations

from pathlib import Path

from compare.errors import YoyError
from compare.files import safe_name
from compare.ingest.plan_cues import extracted_units
from compare.jobs.guard import Kept, keep_typed
from compare.kinds import load_kind
from compare.store import load_report, report_path, store_lock
from compare.store.plan_entries import PlanEntries, entries_path, load_entries, merge_entries, save_entries
from compare.workbook.plansheet import PLAN_FORMAT, plan_measures, plan_rows, target_rows, write_plan_sheet
from compare.workbook.review_import import import_plan_sheet
from compare.workbook.sheets import lang_suffix


def plan_path(out: Path, region: str, kind: str, plan_year: int, lang: str = "zh") -> Path:
    """Where the 台账 goes: another language's beside it (…-plan-en.xlsx), never over it."""
    return Path(out) / safe_name(region, "region") / f"{safe_name(kind, 'kind')}-{plan_year}-plan{lang_suffix(lang)}.xlsx"


def plan_report(report: Path | None = None, *, store: Path = Path("reports"), out: Path = Path("output"),
                region: str | None = None, kind: str | None = None, year: int | None = None,
                periods: str = "quarter", lang: str = "zh", output: Path | None = None,
                cache: Path | None = None, templates: Path | None = None, discard_edits: bool = False,
                kept: Kept | None = None) -> Path:
    """Write the plan sheet of a stored report (a path, or region, kind and the report's
    year), pre-filled with the office's stored entries; return its path. `cache`: parsed
    reports by content hash (see store.load_report); `templates`: the user's templates. What
    an office typed into the sheet there before is imported first, or the sheet is not
    replaced (jobs.guard.keep_typed: `discard_edits`, and `kept` collects what it did).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     plan_report(store=Path("reports"), region="新余市", kind="fazhi", year=2021, out=Path(out)).name
    'fazhi-2022-plan.xlsx'
    """
    if report is None:
        if not (region and kind and year):
            raise YoyError("plan_report", "give a report file, or region, kind and year")
        report = report_path(store, year, region, kind)
        if not report.is_file():
            raise YoyError(report, "no such report in the store")
    r = load_report(report, cache)
    target = Path(output) if output else plan_path(out, r.region, r.kind, r.plan_year, lang)
    done = keep_typed(target, store, {"format": PLAN_FORMAT, "region": r.region, "kind": r.kind,
                                      "plan_year": r.plan_year}, discard=discard_edits, templates=templates)
    if kept is not None:
        kept.add(done)
    entries = load_entries(entries_path(store, r.region, r.kind, r.plan_year))
    return write_plan_sheet(r, target, periods=periods, lang=lang, entries=entries, templates=templates,
                            origin={"store": str(store), "report": str(report)})


def import_plan(xlsx: Path, store: Path = Path("reports"), *, templates: Path | None = None,
                save: bool = True) -> tuple[Path, PlanEntries, list[str]]:
    """Store the office's entries of a filled plan sheet; return the file, all stored
    entries and warnings. A 牵头单位/责任单位 is kept only where the office changed what
    yoy read from the text; ids no longer in the report are kept and named in a warning.
    `save=False`: the same, the store left as it is."""
    imported, info, warnings = import_plan_sheet(xlsx, templates=templates)
    report_file = report_path(store, int(info["year"]), imported.region, imported.kind)
    report = load_report(report_file)
    if report.plan_year != imported.plan_year:
        raise YoyError(xlsx, f"the sheet is for {imported.plan_year}, the stored report plans {report.plan_year}")
    kind = load_kind(report.kind, templates)
    texts = {m.id: m.sentence for _, ms in plan_measures(report) for m in ms}
    for rid, entry in imported.measures.items():
        found = extracted_units(texts.get(rid, ""), kind)
        for field in ("lead", "responsible"):
            if getattr(entry, field) == found[field]:
                setattr(entry, field, None)
    path = entries_path(store, imported.region, imported.kind, imported.plan_year)
    # read-merge-write under the store's lock, so two offices importing at once both keep their entries
    if not save:
        merged = merge_entries(load_entries(path), imported)
    else:
        with store_lock(store):
            merged = merge_entries(load_entries(path), imported)
            save_entries(merged, path)
    known = {row["id"] for row in plan_rows(report, templates=templates)}
    known |= {row["id"] for row in target_rows(report)}
    warnings += [f"the entry of {rid} is kept, but {rid} is no longer in the plan"
                 for rid in sorted({*merged.measures, *merged.targets} - known)]
    return path, merged, warnings

