"""`yoy plan` and `yoy brief`: the plan year's 台账 written from the store, the office's entries read
back into it, and the year-end brief written from them.

    plan_path(out, region, kind, plan_year)  → output/<region>/<kind>-<plan_year>-plan.xlsx (-plan-en.xlsx)
    plan_report(...)                          → the sheet of a stored report (or one per unit), with the
                                                entries stored, the units, last year's units
    import_plan(xlsx, store)                  → a filled sheet's entries merged into the store (its lock held)
    brief_report(...)                         → the 督查通报 draft (.docx) from the entries stored
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import NamedTuple, TypeVar

from compare.errors import YoyError
from compare.files import safe_name
from compare.jobs.guard import Kept, keep_typed, refuse_clashes
from compare.kinds import load_kind
from compare.schema import Report
from compare.store import load_report, report_path, store_lock, stored_report
from compare.store.plan_entries import (
    PlanEntries,
    PlanEntry,
    Unit,
    entries_path,
    entry_cells,
    load_entries,
    merge_entries,
    period_keys,
    save_entries,
)
from compare.store.reviews import REATTACH, Base, base_of, reattach_rows
from compare.workbook.plan_import import PlanRead, SheetRow, import_plan_sheet, read_unit_list
from compare.workbook.plansheet import (
    PLAN_FORMAT,
    own_cells,
    plan_rows,
    prefilled_of,
    row_texts,
    unit_names,
    write_plan_sheet,
)
from compare.workbook.reading import read_provenance
from compare.workbook.template import lang_suffix, load_template

V = TypeVar("V")


class Written(NamedTuple):
    """What `yoy plan` wrote, and what it has to say about it."""
    paths: list[Path]
    warnings: list[str]

    @property
    def path(self) -> Path:
        return self.paths[0]


def plan_path(out: Path, region: str, kind: str, plan_year: int, lang: str = "zh") -> Path:
    """Where the 台账 goes: another language's beside it (…-plan-en.xlsx), never over it."""
    return Path(out) / safe_name(region, "region") / f"{safe_name(kind, 'kind')}-{plan_year}-plan{lang_suffix(lang)}.xlsx"


def _stored_report(report: Path | None, store: Path, region: str | None, kind: str | None,
                   year: int | None, caller: str) -> Path:
    if report is None:
        if not (region and kind and year):
            raise YoyError(caller, "give a report file, or region, kind and year")
        report = stored_report(store, year, region, kind)
    return Path(report)


def plan_report(report: Path | None = None, *, store: Path = Path("reports"), out: Path = Path("output"),
                region: str | None = None, kind: str | None = None, year: int | None = None,
                periods: str | None = None, lang: str = "zh", output: Path | None = None,
                cache: Path | None = None, units: Path | None = None, split_by: str | None = None,
                templates: Path | None = None, discard_edits: bool = False, kept: Kept | None = None) -> Written:
    """Write the plan sheet of a stored report (a path, or region, kind and the report's year),
    pre-filled with the office's stored entries; return the files written and warnings.

    periods   quarter, month or half; by default what the sheet at the same path was written
              with (its _yoy sheet), else what the stored entries were filled in, else quarter.
              Entries of periods the sheet does not show are listed on a sheet of their own.
    units     a file listing the units (.txt/.csv: a unit a line, optionally with 责任领导 and
              联系人 after a comma or tab; .xlsx: a 台账's 单位 sheet or a first column): the
              单位 sheet and its drop-downs. Without one, the stored list, else last year's.
    split_by  a column (牵头单位, 责任单位 or its key): one workbook per unit it names, beside the
              sheet's path (…-plan-<unit>.xlsx), for each unit to fill in and send back.
    `cache`: parsed reports by content hash (see store.load_report); `templates`: the user's templates.
    What an office typed into a sheet about to be rewritten is imported first, or it is not
    replaced (jobs.guard.keep_typed: `discard_edits`, and `kept` collects what it did).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     plan_report(store=Path("reports"), region="新余市", kind="fazhi", year=2021, out=Path(out)).path.name
    'fazhi-2022-plan.xlsx'
    """
    report = _stored_report(report, store, region, kind, year, "plan_report")
    r = load_report(report, cache)
    target = Path(output) if output else plan_path(out, r.region, r.kind, r.plan_year, lang)
    identity = {"format": PLAN_FORMAT, "region": r.region, "kind": r.kind, "plan_year": r.plan_year}
    kept = kept if kept is not None else Kept()
    guarded: set[Path] = set()
    while True:
        key = _split_column(split_by, templates) if split_by is not None else None
        warnings: list[str] = []
        entries = load_entries(entries_path(store, r.region, r.kind, r.plan_year)) or PlanEntries(
            region=r.region, kind=r.kind, plan_year=r.plan_year)
        entries = _follow_rows(entries, r, warnings)
        previous = _last_year(store, r)
        if units is not None:
            entries.units = _merge_units(read_units(units, templates), entries.units)
        elif not entries.units and previous is not None:
            entries.units = previous[0].units
        periods = periods or _periods_of(target, entries)
        prefill = _carried_units(r, previous, templates) if previous else {}
        sheets = {target: None} if key is None else _split_sheets(r, target, key, periods, entries, prefill, lang,
                                                                  templates)
        # what was typed into a sheet about to be rewritten goes into the store first; an office's
        # 牵头单位 may move a row to another unit's sheet, so the split is made again from the store
        fresh = [path for path in sheets if path not in guarded]
        done = Kept()
        for path in fresh:
            done.add(keep_typed(path, store, identity, discard=discard_edits, templates=templates))
        guarded.update(fresh)
        kept.add(done)
        if not done.imported:
            break
    hidden = sorted({k for e in entries.measures.values() for k in (*e.progress, *e.status)} - set(period_keys(periods)))
    if hidden:
        warnings.append(f"{target}: entries of {', '.join(hidden)} are not among the {periods} columns; "
                        f"they are listed on the sheet {load_template(templates).sheets.plan_history.get(lang)}")
    kwargs = dict(periods=periods, lang=lang, entries=entries, templates=templates, prefill=prefill,
                  origin={"store": str(store), "report": str(report)})
    return Written([write_plan_sheet(r, path, only=only, **kwargs)  # type: ignore[arg-type]
                    for path, only in sheets.items()], warnings)


def _split_sheets(r: Report, target: Path, key: str, periods: str, entries: PlanEntries,
                  prefill: dict[str, dict[str, str]], lang: str,
                  templates: Path | None) -> dict[Path, tuple[str, str]]:
    """One sheet per unit the column `key` names (…-plan-<unit>.xlsx beside `target`), and one for
    the rows that name none: path → (column key, unit)."""
    rows = [row for row in plan_rows(r, periods=periods, entries=entries, lang=lang, templates=templates,
                                     prefill=prefill) if row.get("_look") != "group"]
    named = list(dict.fromkeys(n for row in rows for n in unit_names(row[key])))
    if any(not unit_names(row[key]) for row in rows):
        named.append("")
    no_unit = re.sub(r"[（）()]", "", load_template(templates).label("plan_no_lead", lang))
    return {target.with_name(f"{target.stem}-{_file_part(unit or no_unit)}{target.suffix}"): (key, unit)
            for unit in named}


def _split_column(name: str, templates: Path | None) -> str:
    """The key of the column `name` names (its header in either language, or its key)."""
    cols = load_template(templates).sheets.plan.columns
    found = next((c.key for c in cols if c.key in ("lead", "responsible") and name in (c.key, c.zh, c.en)), None)
    if found is None:
        heads = [c.zh for c in cols if c.key in ("lead", "responsible")]
        raise YoyError("--split-by", f"{name!r} is not a unit column (choose {' or '.join(heads)})")
    return found


def _file_part(unit: str) -> str:
    """A unit's name as part of a file name (path separators and the like replaced)."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unit).strip(". ")[:60] or "_"


def _periods_of(sheet: Path, entries: PlanEntries) -> str:
    """The periods a sheet was written with (its _yoy), else those the stored entries were
    filled in (the latest kind used), else quarter: `yoy run` keeps a half-yearly 台账 half-yearly."""
    if sheet.is_file():
        try:
            info = read_provenance(sheet)
        except YoyError:
            info = {}
        if info.get("format") == PLAN_FORMAT and info.get("periods") in ("quarter", "month", "half"):
            return str(info["periods"])
    used = [k for e in entries.measures.values() for k in (*e.status, *e.progress)]
    kinds = {"q": "quarter", "m": "month", "h": "half"}
    return kinds[max(used, key=lambda k: (int(k[1:]) * {"q": 3, "m": 1, "h": 6}[k[0]], k))[0]] if used else "quarter"


def _follow_rows(entries: PlanEntries, report: Report, warnings: list[str]) -> PlanEntries:
    """Entries whose row id is gone (the report re-ingested, a measure reworded) moved to the row
    whose text matches theirs (store.reviews.reattach_rows), each with a warning."""
    texts = row_texts(report)
    moved = {table: reattach_rows(getattr(entries, table), texts, f"{table}: the office's entry", "plan", warnings)
             for table in ("measures", "targets")}
    return entries.model_copy(update=moved)


def _last_year(store: Path, report: Report) -> tuple[PlanEntries, Report] | None:
    """The office's entries of the year before and the report that planned it, when both are stored."""
    before = report_path(store, report.year - 1, report.region, report.kind)
    entries = load_entries(entries_path(store, report.region, report.kind, report.plan_year - 1))
    if entries is None or not before.is_file():
        return None
    return entries, load_report(before)


def _carried_units(report: Report, previous: tuple[PlanEntries, Report],
                   templates: Path | None) -> dict[str, dict[str, str]]:
    """Measure id → the units last year's 台账 gave the measure this one continues (the one
    carried-over rule: engine.threads.followers): a task planned again stays with its unit."""
    from compare.engine.threads import followers

    entries, before = previous
    assigned = {rid: {f: v for f in ("lead", "responsible") if (v := getattr(e, f))}
                for rid, e in entries.measures.items() if e.lead or e.responsible}
    if not assigned:
        return {}
    links = followers(before, report, load_kind(report.kind, templates))
    return {new: assigned[old] for new, old in links.items() if old in assigned}


def read_units(path: Path, templates: Path | None = None) -> list[Unit]:
    """Units from a file: .xlsx (a 台账's 单位 sheet, else the first sheet's first columns: name,
    责任领导, 联系人), else text (a unit a line; 责任领导 and 联系人 after a comma or tab)."""
    path = Path(path)
    rows: list[list[str]] = []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = read_unit_list(path, templates)
    else:
        from compare.files import read_bytes
        text = read_bytes(path).decode("utf-8-sig", errors="replace")
        rows = [[c.strip() for c in re.split(r"[,，\t]", line)] for line in text.splitlines()]
    units: dict[str, Unit] = {}
    header = {"单位", "单位名称", "name", "unit"}
    for cells in rows:
        name = cells[0] if cells else ""
        if not name or name.casefold() in header or name.startswith("#"):
            continue
        units.setdefault(name, Unit(name=name, leader=cells[1] if len(cells) > 1 and cells[1] else None,
                                    contact=cells[2] if len(cells) > 2 and cells[2] else None))
    if not units:
        raise YoyError(path, "lists no units (a unit a line, or a 单位 sheet)")
    return list(units.values())


def _merge_units(listed: list[Unit], stored: list[Unit]) -> list[Unit]:
    """The file's units in its order (its filled fields over the stored ones), then the other stored units."""
    known = {u.name: u for u in stored}
    out = [known[u.name].model_copy(update=u.model_dump(exclude_none=True)) if u.name in known else u for u in listed]
    return out + [u for u in stored if u.name not in {x.name for x in listed}]


# ---- reading a filled sheet back ----------------------------------------------------

class PlanMerge(NamedTuple):
    """A sheet's entries merged with the store's (merge_plan)."""
    path: Path                      # the store file
    before: PlanEntries | None      # the store's entries, placed on the report's rows
    after: PlanEntries              # with the sheet's
    warnings: list[str]


def import_plan(xlsx: Path, store: Path = Path("reports"), *, templates: Path | None = None,
                strict: bool = False) -> tuple[Path, PlanEntries, list[str]]:
    """Store the office's entries of a filled plan sheet; return the file, all stored entries and
    warnings.

    Only the cells the office changed are taken (the sheet's _yoy records what each was written
    with: store.plan_entries.merge_entries), so an older sheet never reverts newer entries and
    what yoy pre-filled is not stored as the office's. The sheet must be of the stored report:
    one written from another report (its report_sha256) whose rows do not match the stored
    report's is refused. A row whose ID does not belong to its text (an ID column out of step)
    gives its entries to the row its text is, or to none, with a warning; entries of rows no
    longer in the report follow the row whose text matches theirs (re-ingested, reworded), or
    stay under their id, with a warning. A cleared cell is said, and changes nothing. `strict`:
    a bad value refuses the file rather than its cell being skipped.
    """
    done = merge_plan(xlsx, store, templates=templates, strict=strict)
    return done.path, done.after, done.warnings


def merge_plan(xlsx: Path, store: Path = Path("reports"), *, templates: Path | None = None, strict: bool = False,
               save: bool = True, read: PlanRead | None = None, refuse_conflicts: bool = False) -> PlanMerge:
    """import_plan's merge, and the store's entries before it.

    save              False: the merge is returned, nothing is written.
    read              the sheet, already read (workbook.plan_import.import_plan_sheet).
    refuse_conflicts  refuse a cell edited both in the sheet and in the store since it was
                      written, rather than let the sheet's edit win with a warning.
    """
    read = read or import_plan_sheet(xlsx, templates=templates, strict=strict)
    imported, info = read.entries, read.info
    report = load_report(_stored_report(None, store, imported.region, imported.kind, int(info["year"]), str(xlsx)))
    if report.plan_year != imported.plan_year:
        raise YoyError(xlsx, f"the sheet is for {imported.plan_year}, the stored report plans {report.plan_year}")
    texts = row_texts(report)
    warnings = list(read.warnings)
    _check_origin(xlsx, read, report, texts, warnings)
    base, own = base_of(info), own_cells(report, templates)  # what the sheet was written with
    imported, rows = _rows_by_text(xlsx, read, texts, own, warnings, strict)
    for (table, rid), row in rows.items():
        got = entry_cells(getattr(imported, table).get(rid)) if table != "units" else {}
        written = {*base.get(table, {}).get(rid, {}), *(own.get(rid, {}) if table == "measures" else ())}
        warnings += [f"{xlsx}: sheet {row.sheet} cell {row.cells[key]}: cleared; a cleared cell changes nothing "
                     f"(the value stays: edit the stored entries to remove it)"
                     for key in sorted(written - got.keys()) if key in row.cells]
    # rows of ids since gone (the report re-ingested after the sheet was written) go where their
    # text now is, with what they were written with, so that they merge with the stored entries
    followed = _follow_rows(imported, report, warnings)
    renamed = _renamed(imported, followed)
    base, prefilled = _rekey(base, renamed), _rekey(prefilled_of(info), renamed)
    followed = _without_own(followed, own, base)
    # a sheet from before yoy recorded what it wrote (no `columns` in _yoy): every filled cell counts
    written_with = base if "columns" in info else None
    path = entries_path(store, imported.region, imported.kind, imported.plan_year)

    def merge() -> PlanMerge:
        more: list[str] = []
        clashes: list[tuple[str, str, str]] = []
        stored = load_entries(path)
        # entries of rows re-ingested under new ids follow their rows first, so that the sheet's
        # cells (written under the new ids) merge with them rather than beside them
        stored = _follow_rows(stored, report, more) if stored else None
        merged, merging = merge_entries(stored, followed, written_with, prefilled, clashes=clashes)
        if refuse_conflicts:
            refuse_clashes(xlsx, info, clashes, templates)
        merged = _follow_rows(merged, report, more)
        return PlanMerge(path, stored, merged, list(dict.fromkeys(warnings + more + merging)))
    if save:
        # read-merge-write under the store's lock, so two offices importing at once both keep their entries
        with store_lock(store):
            done = merge()
            save_entries(done.after, path)
        return done
    return merge()


def _renamed(before: PlanEntries, after: PlanEntries) -> dict[str, dict[str, str]]:
    """Table → old id → new id of the entries _follow_rows moved from `before` to `after`."""
    out: dict[str, dict[str, str]] = {}
    for table in ("measures", "targets"):
        now = {id(entry): rid for rid, entry in getattr(after, table).items()}
        out[table] = {rid: now[id(e)] for rid, e in getattr(before, table).items() if now.get(id(e), rid) != rid}
    return out


def _rekey(tables: Mapping[str, Mapping[str, V]], renamed: dict[str, dict[str, str]]) -> dict[str, dict[str, V]]:
    """Table → id → value with the ids `renamed` (_renamed) replaced."""
    return {table: {renamed.get(table, {}).get(rid, rid): v for rid, v in rows.items()} for table, rows in tables.items()}


def _without_own(imported: PlanEntries, own: dict[str, dict[str, str]], base: Base) -> PlanEntries:
    """The imported entries less the cells that are yoy's own reading of the text, left as they were
    (a unit the text names, the deadline it states): those are no entry of the office's."""
    measures = {}
    for rid, entry in imported.measures.items():
        written = base.get("measures", {}).get(rid, {})
        drop = {f for f, v in own.get(rid, {}).items() if f not in written and getattr(entry, f) == v}
        measures[rid] = entry.model_copy(update=dict.fromkeys(drop)) if drop else entry
    return imported.model_copy(update={"measures": measures})


def _check_origin(xlsx: Path, read: PlanRead, report: Report, texts: dict[str, str], warnings: list[str]) -> None:
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
        raise YoyError(xlsx, f"not a sheet of the stored {report.region} {report.year} report: its rows are "
                             f"another report's ({matching} of {len(sheet)} match)")
    if recorded in (None, ""):
        warnings.append(f"{xlsx}: its _yoy sheet records no report_sha256; its rows match the stored "
                        f"{report.region} {report.year} report")
    else:
        warnings.append(f"{xlsx}: written from an earlier version of the stored {report.region} {report.year} "
                        f"report; rows are matched by ID and text")


def _rows_by_text(xlsx: Path, read: PlanRead, texts: dict[str, str],
                  own: dict[str, dict[str, str]], warnings: list[str], strict: bool) -> tuple[PlanEntries, dict]:
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
    moves: dict[tuple[str, str], tuple[SheetRow, str | None]] = {}  # (table, id in the sheet) → (row, its id)
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
        if entry is None or not {k: v for k, v in entry_cells(entry).items() if own.get(owner or "", {}).get(k) != v}:
            continue  # nothing the office typed
        text = row.text or ""
        where = f"sheet {row.sheet} row {row.row}: ID {rid} is not the ID of its text ({text[:20]}…)"
        if strict:
            raise YoyError(xlsx, where)
        warnings.append(f"{xlsx}: {where}; " + (f"its entries go to {owner}, whose text it is"
                                                  if owner in moved[table] else "its entries are not imported"))
    for table, entries in moved.items():
        getattr(imported, table).update(entries)
    return imported, rows


# ---- the year-end brief ---------------------------------------------------------

def brief_report(report: Path | None = None, *, store: Path = Path("reports"), out: Path = Path("output"),
                 region: str | None = None, kind: str | None = None, year: int | None = None,
                 output: Path | None = None, when: date | None = None, lang: str = "zh",
                 templates: Path | None = None) -> Path:
    """Write the year-end 督查通报 draft (.docx) of a stored report's plan year from the office's
    stored entries: totals, by lead unit, the lagging and unfinished measures with their 存在问题,
    dated `when` (today by default); return its path (default <out>/<region>/<kind>-<plan_year>-brief.docx).
    """
    from compare.workbook.brief import write_brief

    report = _stored_report(report, store, region, kind, year, "brief_report")
    r = load_report(report)
    entries = load_entries(entries_path(store, r.region, r.kind, r.plan_year))
    if entries is None or not (entries.measures or entries.targets):
        raise YoyError(entries_path(store, r.region, r.kind, r.plan_year),
                       "no office entries stored for this plan year: import the filled 台账 first (yoy review import)")
    entries = _follow_rows(entries, r, [])
    target = Path(output) if output else plan_path(out, r.region, r.kind, r.plan_year).with_name(
        f"{safe_name(r.kind, 'kind')}-{r.plan_year}-brief.docx")
    periods = _periods_of(plan_path(out, r.region, r.kind, r.plan_year), entries)
    return write_brief(r, entries, target, when=when or date.today(), periods=periods, lang=lang, templates=templates)
