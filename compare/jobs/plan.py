"""`yoy plan` and `yoy brief`: the plan year's 台账 written from the store, and the year-end brief
written from the office's entries read back into it (jobs.plan_merge.import_plan).

    plan_path(out, region, kind, plan_year)  → output/<region>/<kind>-<plan_year>-plan.xlsx
                                               (-plan-en.xlsx)
    plan_report(...)                          → the sheet of a stored report (or one per unit),
                                                with the entries stored, the units, last year's
                                                units
    brief_report(...)                         → the 督查通报 draft (.docx) from the entries stored
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

from compare.errors import YoyError
from compare.files import safe_name
from compare.jobs.guard import Discard, Kept, is_backup, keep_all_typed, not_in_store
from compare.jobs.merge import follow_rows, report_file
from compare.kinds import load_kind
from compare.schema import Report
from compare.store import load_report, report_path, store_lock
from compare.store.plan_entries import (
    PlanEntries,
    Unit,
    entries_path,
    load_entries,
    period_keys,
    save_entries,
)
from compare.text import quoted
from compare.workbook.plan_import import read_unit_list
from compare.workbook.plan_layout import read_layout
from compare.workbook.plan_units import unit_names
from compare.workbook.plansheet import (
    PLAN_FORMAT,
    gone_entries,
    plan_rows,
    row_texts,
    write_plan_sheet,
)
from compare.workbook.reading import read_provenance
from compare.workbook.template import lang_suffix, load_template


class Written(NamedTuple):
    """What `yoy plan` wrote, and what it has to say about it."""
    paths: list[Path]
    warnings: list[str]

    @property
    def path(self) -> Path:
        return self.paths[0]


def plan_path(out: Path, region: str, kind: str, plan_year: int, lang: str = "zh") -> Path:
    """Where the 台账 goes: another language's beside it (…-plan-en.xlsx), never over it."""
    return (Path(out) / safe_name(region, "region")
            / f"{safe_name(kind, 'kind')}-{plan_year}-plan{lang_suffix(lang)}.xlsx")


def plan_report(report: Path | None = None, *, store: Path = Path("reports"),
                out: Path = Path("output"),
                region: str | None = None, kind: str | None = None, year: int | None = None,
                periods: str | None = None, lang: str = "zh", output: Path | None = None,
                cache: Path | None = None, units: Path | None = None, split_by: str | None = None,
                templates: Path | None = None, discard_edits: bool | Discard = False,
                kept: Kept | None = None) -> Written:
    """Write the plan sheet of a stored report (a path, or region, kind and the report's year),
    pre-filled with the office's stored entries; return the files written and warnings.

    periods   quarter, month or half; by default what the sheet at the same path was written
              with (its _yoy sheet), else what the stored entries were filled in, else quarter.
              Entries of periods the sheet does not show are listed on a sheet of their own.
    units     a file listing the units (.txt/.csv: a unit a line, optionally with 责任领导 and
              联系人 after a comma or tab; .xlsx: a 台账's 单位 sheet or a first column): the
              单位 sheet and its drop-downs, stored (merged into the stored list: its units
              first). Without one, the stored list, else last year's.
    split_by  a column (牵头单位, 责任单位 or its key): one workbook per unit it names, beside the
              sheet's path (…-plan-<unit>.xlsx), for each unit to fill in and send back.
    `cache`: parsed reports by content hash (see store.load_report); `templates`:
    the user's templates. What an office typed into a sheet about to be rewritten is
    imported first, or it is not replaced (jobs.guard.keep_typed: `discard_edits`, and `kept`
    collects what it did).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     plan_report(store=Path("reports"), region="新余市", kind="fazhi", year=2021,
    ...                 out=Path(out)).path.name
    'fazhi-2022-plan.xlsx'
    """
    report = report_file(report, store, region, kind, year, "plan_report")
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
        moved: list[str] = []
        entries = follow_rows(entries, r, moved)
        # named by the file, as the sheet's other warnings: a run prints many regions' (ua24)
        warnings += [f"{target}: {w}" for w in moved]
        previous = _last_year(store, r)
        if units is not None:
            listed = read_units(units, templates)
            warnings += _people_kept(units, listed, entries.units, templates, lang)
            entries.units = _merge_units(listed, entries.units)
        elif not entries.units and previous is not None:
            entries.units = previous[0].units
        periods = periods or _periods_of(target, entries)
        prefill = _carried_units(r, previous, templates) if previous else {}
        sheets = {target: None} if key is None else _split_sheets(r, target, key, periods, entries,
                                                                  prefill, lang, templates)
        # what was typed into a sheet about to be rewritten goes into the store first; an office's
        # 牵头单位 may move a row to another unit's sheet, so the split is made again from the store
        fresh = [path for path in sheets if path not in guarded]
        # every unit's file checked before any is imported or backed up: one refused leaves all
        done = keep_all_typed(fresh, store, identity, discard=discard_edits, templates=templates)
        guarded.update(fresh)
        kept.add(done)
        if not done.imported:
            break
    if units is not None:
        _store_units(store, r, entries.units)
    hidden = sorted({k for e in entries.measures.values() for k in (*e.progress, *e.status)}
                    - set(period_keys(periods)))
    if hidden:
        warnings.append(f"{target}: entries of {', '.join(hidden)} are not among the {periods} "
                        "columns; they are listed on the sheet "
                        f"{load_template(templates).sheets.plan_history.get(lang)}")
    gone = gone_entries(entries, r)
    if gone:
        named = ", ".join(quoted(e.text or rid, 20) for rid, e in gone)
        warnings.append(f"{target}: the entries of {len(gone)} task{'s' * (len(gone) > 1)} no "
                        f"longer in the report ({named}) are listed on the sheet "
                        f"{load_template(templates).sheets.plan_gone.get(lang)}")
    kwargs = dict(periods=periods, lang=lang, entries=entries, templates=templates, prefill=prefill,
                  origin={"store": str(store), "report": str(report)})
    # the clerk's column order, autofilter and print range, read from the file being replaced
    # (calc25 finding 5: the entries were kept, the layout she set was not)
    spec = load_template(templates).sheets.plan
    return Written([write_plan_sheet(r, path, only=only, layout=read_layout(path, spec),
                                     **kwargs)  # type: ignore[arg-type]
                    for path, only in sheets.items()], warnings)


def _split_sheets(r: Report, target: Path, key: str, periods: str, entries: PlanEntries,
                  prefill: dict[str, dict[str, str]], lang: str,
                  templates: Path | None) -> dict[Path, tuple[str, str]]:
    """One sheet per unit the column `key` names (…-plan-<unit>.xlsx beside `target`), and one for
    the rows that name none: path → (column key, unit)."""
    rows = [row for row in plan_rows(r, periods=periods, entries=entries, lang=lang,
                                     templates=templates, prefill=prefill)
            if row.get("_look") != "group"]
    listed = {u.name for u in entries.units}   # a listed name is one unit (市科委、中关村管委会)
    named = list(dict.fromkeys(n for row in rows for n in unit_names(row[key], listed)))
    if any(not unit_names(row[key]) for row in rows):
        named.append("")
    no_unit = re.sub(r"[（）()]", "", load_template(templates).label("plan_no_lead", lang))
    return {target.with_name(f"{target.stem}-{_file_part(unit or no_unit)}"
                             f"{target.suffix}"): (key, unit)
            for unit in named}


def _split_column(name: str, templates: Path | None) -> str:
    """The key of the column `name` names (its header in either language, or its key)."""
    cols = load_template(templates).sheets.plan.columns
    found = next((c.key for c in cols
                  if c.key in ("lead", "responsible") and name in (c.key, c.zh, c.en)), None)
    if found is None:
        heads = [c.zh for c in cols if c.key in ("lead", "responsible")]
        raise YoyError("--split-by", f"{name!r} is not a unit column (choose {' or '.join(heads)})")
    return found


def _file_part(unit: str) -> str:
    """A unit's name as part of a file name (path separators and the like replaced)."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unit).strip(". ")[:60] or "_"


def _periods_of(sheet: Path, entries: PlanEntries) -> str:
    """The periods a sheet was written with (its _yoy), else those the stored entries were
    filled in (the latest kind used), else quarter: `yoy run` keeps a half-yearly 台账
    half-yearly."""
    if sheet.is_file():
        try:
            info = read_provenance(sheet)
        except YoyError:
            info = {}
        if info.get("format") == PLAN_FORMAT \
                and info.get("periods") in ("quarter", "month", "half"):
            return str(info["periods"])
    used = [k for e in entries.measures.values() for k in (*e.status, *e.progress)]
    kinds = {"q": "quarter", "m": "month", "h": "half"}
    return (kinds[max(used, key=lambda k: (int(k[1:]) * {"q": 3, "m": 1, "h": 6}[k[0]], k))[0]]
            if used else "quarter")


def _last_year(store: Path, report: Report) -> tuple[PlanEntries, Report] | None:
    """The office's entries of the year before and the report that planned it,
    when both are stored."""
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
        from compare.ingest.readers.plain_text import BINARY, decode
        try:  # in whatever encoding it was saved (GBK from Notepad), as ingest reads a text
            text = decode(str(path), read_bytes(path), None)[0]
        except YoyError as e:
            if e.reason != BINARY:
                raise
            raise YoyError(path, "binary data, not a list of units (a text file, a unit a line, "
                                 "or an .xlsx)") from None
        rows = [[c.strip() for c in re.split(r"[,，\t]", line)] for line in text.splitlines()]
    units: dict[str, Unit] = {}
    header = {"单位", "单位名称", "name", "unit"}
    for cells in rows:
        name = cells[0] if cells else ""
        if not name or name.casefold() in header or name.startswith("#"):
            continue
        units.setdefault(name, Unit(name=name,
                                    leader=cells[1] if len(cells) > 1 and cells[1] else None,
                                    contact=cells[2] if len(cells) > 2 and cells[2] else None))
    if not units:
        raise YoyError(path, "lists no units (a unit a line, or a 单位 sheet)")
    return list(units.values())


def _people_kept(path: Path, listed: list[Unit], stored: list[Unit], templates: Path | None,
                 lang: str) -> list[str]:
    """What a list given again does to the people stored for a unit (typed in the 单位 sheet, or
    listed before), said in a line each, not silently: a line naming a unit alone keeps them (a
    list of names never erases them); other people replace them, the stored ones named (ver26: a
    责任领导 corrected in the 单位 sheet was replaced by the same list rerun, without a word)."""
    known = {u.name: u for u in stored}
    sheet = load_template(templates).sheets.plan_units
    heads = {c.key: c.get(lang) for c in sheet.columns}
    pairs = [(u.name, heads[f], getattr(u, f), getattr(known[u.name], f)) for u in listed
             if u.name in known for f in ("leader", "contact")]
    kept = [f"{name} {head} {had}" for name, head, new, had in pairs if new is None and had]
    other = [f"{name} {head} {had} → {new}" for name, head, new, had in pairs
             if new is not None and had is not None and new != had]
    said = [f"{path}: no {'/'.join((heads['leader'], heads['contact']))} given, the stored ones "
            f"kept ({'; '.join(kept)}): edit the stored entries to remove them"] if kept else []
    return said + ([f"{path}: the stored people replaced ({'; '.join(other)}): type them again "
                    f"in the {sheet.get(lang)} sheet if the stored ones were right"]
                   if other else [])


def _store_units(store: Path, report: Report, units: list[Unit]) -> None:
    """Keep the unit list a `--units` file gave in the store, as the units typed into a 台账's
    单位 sheet are kept on import: the office's list, which every later rewrite of the sheet
    (`yoy run`, `yoy plan` without --units) shows; ua26: it was written once, then lost.
    `units` is the file's list merged with the stored one (_merge_units); under the store's
    lock, with the entries as stored now (an import may have stored more since they were read)."""
    path = entries_path(store, report.region, report.kind, report.plan_year)
    with store_lock(store):
        stored = load_entries(path) or PlanEntries(region=report.region, kind=report.kind,
                                                   plan_year=report.plan_year)
        if stored.units != units:
            save_entries(stored.model_copy(update={"units": units}), path)


def _merge_units(listed: list[Unit], stored: list[Unit]) -> list[Unit]:
    """The file's units in its order (its filled fields over the stored ones, `_people_kept` says
    which), then the other stored units."""
    known = {u.name: u for u in stored}
    out = [known[u.name].model_copy(update=u.model_dump(exclude_none=True))
           if u.name in known else u for u in listed]
    return out + [u for u in stored if u.name not in {x.name for x in listed}]


# ---- the year-end brief ---------------------------------------------------------

def brief_report(report: Path | None = None, *, store: Path = Path("reports"),
                 out: Path = Path("output"),
                 region: str | None = None, kind: str | None = None, year: int | None = None,
                 output: Path | None = None, when: date | None = None, lang: str = "zh",
                 templates: Path | None = None) -> Written:
    """Write the year-end 督查通报 draft (.docx) of a stored report's plan year from the office's
    stored entries: totals, by lead unit, the lagging and unfinished measures with their 存在问题,
    dated `when` (today by default); return its path (default
    <out>/<region>/<kind>-<plan_year>-brief.docx) and warnings: what the 台账 in `out` hold that
    the store does not (a value the import skipped, cells not imported yet), which the brief
    cannot count.

    >>> import shutil, tempfile
    >>> from compare.store.plan_entries import PlanEntries, PlanEntry, save_entries
    >>> from compare.workbook.plansheet import plan_measures
    >>> store = Path(tempfile.mkdtemp()) / "reports"
    >>> _ = shutil.copytree("reports/2021", store / "2021", ignore=shutil.ignore_patterns("[!新]*"))
    >>> r = load_report(store / "2021/新余市-fazhi.yaml")
    >>> first = next(m.id for _, measures in plan_measures(r) for m in measures)
    >>> # an office's entry, as `yoy review import` of its filled 台账 stores it
    >>> save_entries(PlanEntries(region=r.region, kind=r.kind, plan_year=r.plan_year,
    ...                          measures={first: PlanEntry(status={"q4": "done"})}),
    ...              entries_path(store, r.region, r.kind, r.plan_year))
    >>> done = brief_report(store=store, region="新余市", kind="fazhi", year=2021,
    ...                     out=store.parent / "output", when=date(2022, 12, 31))
    >>> done.path.relative_to(store.parent).as_posix(), done.warnings
    ('output/新余市/fazhi-2022-brief.docx', [])
    """
    from compare.workbook.brief import write_brief

    report = report_file(report, store, region, kind, year, "brief_report")
    r = load_report(report)
    entries = load_entries(entries_path(store, r.region, r.kind, r.plan_year))
    if entries is None or not (entries.measures or entries.targets):
        raise YoyError(entries_path(store, r.region, r.kind, r.plan_year),
                       "no office entries stored for this plan year: a brief drafts the "
                       "year-end bulletin (督查通报) from an office's filled-in task ledger "
                       "(台账: yoy plan, then yoy review import); to compare two years' reports, "
                       "yoy compare")
    entries = follow_rows(entries, r, [])
    target = Path(output) if output else plan_path(out, r.region, r.kind, r.plan_year).with_name(
        f"{safe_name(r.kind, 'kind')}-{r.plan_year}-brief.docx")
    sheet = plan_path(out, r.region, r.kind, r.plan_year)
    periods = _periods_of(sheet, entries)
    identity = {"format": PLAN_FORMAT, "region": r.region, "kind": r.kind, "plan_year": r.plan_year}
    # the sheet, and beside it each unit's (--split-by) and another language's
    sheets = [sheet, *sorted(p for p in sheet.parent.glob(f"{sheet.stem}-*{sheet.suffix}")
                             if not is_backup(p))]
    named: set[tuple[str, str]] = set()   # statuses a sheet there names already
    warnings = [w for path in sheets
                for w in not_in_store(path, store, identity, templates=templates, named=named)]
    # a status typed that yoy could not read, from whichever folder its file was imported:
    # the status it replaced is not counted (PlanEntry.unread_status)
    texts = row_texts(r)
    for rid, entry in entries.measures.items():
        if (unread := entry.unread_status()) is not None \
                and (rid, f"status.{unread[0]}") not in named:
            warnings.append(f"{entries_path(store, r.region, r.kind, r.plan_year)}: "
                            f"{rid} {quoted(texts.get(rid, entry.text or ''), 20)}: status "
                            f"{unread[1]!r} typed for {unread[0]} is none yoy reads, so the "
                            "measure is not counted (correct it in the unit's 台账 and import "
                            "it again)")
    # cells an import skipped, from whatever folder its file was imported (one of `sheets` there
    # is read and named above)
    here = {p.name for p in sheets if p.is_file()}
    warnings += [f"{entries_path(store, r.region, r.kind, r.plan_year)}: {name}: {cell}; skipped "
                 "when it was imported, so not counted (correct it there and import the file "
                 "again)" for name, cells in sorted(entries.skipped.items()) if name not in here
                 for cell in cells]
    gone = gone_entries(entries, r)
    if gone:
        warnings.append(f"{entries_path(store, r.region, r.kind, r.plan_year)}: the entries of "
                        f"{len(gone)} task{'s' * (len(gone) > 1)} no longer in the report ("
                        + ", ".join(quoted(e.text or rid, 20) for rid, e in gone)
                        + ") are kept but not counted; the brief says so")
    return Written([write_brief(r, entries, target, when=when or date.today(), periods=periods,
                                lang=lang, templates=templates)], warnings)
