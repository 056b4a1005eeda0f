"""The year's tracking sheet (台账) from one report's plan part.

In January an office turns the report's plan for the year into the ledger it hands to its
units; they fill it in quarter by quarter, the office prints and counts it, and the next
spring `yoy compare` sets those entries beside what the next report says (the entries:
store/plan_entries.py; reading them back: plan_import.py; from the store: jobs/plan.py; the
目标任务 rows: plan_targets.py).

    plan_rows(report, ...)       → the 工作台账 rows: each task section, then its measures
    write_plan_sheet(report, p)  → output/<region>/<kind>-<plan_year>-plan.xlsx, atomically

The workbook: 工作台账 (a title row, then a row per task and per measure; the columns a unit
needs print on A4, the per-period columns beside them), 目标任务, 单位 (the list behind the
牵头单位/责任单位 drop-downs), 汇总 (live COUNTIFS by unit and by task), 其他期间填报 (entries
of periods the sheet does not show now) and the hidden _yoy sheet (provenance, settings and
what each office cell was written with, so that the import takes only edits).
Rows carry content-derived ids, so an office's entry follows its row wherever it moves.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare import __version__
from compare.errors import YoyError
from compare.ingest.plan_cues import deadline, deadline_date, extracted_units
from compare.ingest.quantities import counts_listed, extract_quantities, in_name, printed
from compare.kinds import Kind, load_kind
from compare.schema import PLAN_ROLES, Commitment, Model, Report, Section
from compare.store.plan_entries import (
    PERIODS,
    PlanEntries,
    PlanEntry,
    entry_cells,
    period_end,
    period_keys,
    row_numbers,
)
from compare.store.reviews import nearest
from compare.text import SENTENCE, content_id
from compare.workbook.cells import Formula, column_letters, reworded_note, sheet_ref
from compare.workbook.kept_reviews import near_cell
from compare.workbook.plan_layout import Layout, filtered_rows, fitted_filter, ordered
from compare.workbook.plan_record import office_digests, stored_form
from compare.workbook.plan_summary import UNREAD, summary_rows
from compare.workbook.plan_targets import target_id, target_rows, typed_number
from compare.workbook.plan_units import only_rows, unit_names, unit_rows, units_people
from compare.workbook.sheets import Book, page_titles
from compare.workbook.template import (
    LANGS,
    Column,
    Sheet,
    Template,
    added_column,
    fill,
    load_template,
)

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

PLAN_FORMAT = "yoy-plan/1"
_TASK = "s"   # a task row's id prefix (task_id); a measure's is "m", a target's "t"
# Columns yoy computes (formulas): typing over them is said, not read.
COMPUTED = ("current_status", "current_progress")
_NO_ENTRY = PlanEntry()


class PlanMeasure(Model):
    """One row of the plan sheet under its task: what the plan says will be done."""
    id: str
    section_id: str
    text: str
    sentence: str                  # the sentence it stands in (where 由…负责 is looked for)
    planned: str | None = None     # every figure it states (计划数), ；between them


# ---- what the plan says --------------------------------------------------------

def plan_measures(report: Report) -> list[tuple[Section, list[PlanMeasure]]]:
    """Each task section of the plan part with its measures (Report.commitments), in
    printed order."""
    return [(section, [PlanMeasure(id=c.id, section_id=c.section_id, text=c.text,
                                   sentence=_sentence(section, c.paragraph, c.start, c.text),
                                   planned=_figures(c.text))
                       for c in rows])
            for section, rows in _task_rows(report)]


def _figures(text: str) -> str | None:
    """Every figure a measure states, as printed, in order (分销商20家以上，…提升至30%:
    20家以上；30%): what a unit is held to, not only the figure its comparison checks a part."""
    return "；".join(printed(text, q) for q in extract_quantities(text)
                    if not counts_listed(text, q) and not in_name(text, q)) or None


def _task_rows(report: Report) -> list[tuple[Section, list[Commitment]]]:
    """Each section holding measures with its measures, sections in printed order; a task
    among them that holds none (its paragraph a principle: 新余市 2021's （一）深入学习贯彻习近平
    法治思想, user review ua19) is still a task a unit is given, a heading row without measures."""
    by_section: dict[str, list[Commitment]] = {}
    for c in report.commitments:
        by_section.setdefault(c.section_id, []).append(c)
    # a section's parent, for the tasks beside it
    parent = {c.id: s for s, _ in report.walk() for c in s.children}
    out: list[tuple[Section, list[Commitment]]] = []
    for s, _ in report.walk():
        if s.id in by_section:
            out.append((s, by_section[s.id]))
        elif (s.role in PLAN_ROLES and not s.children and s.heading and s.id in parent
              and any(c.id in by_section for c in parent[s.id].children)):
            out.append((s, []))
    return out


def _sentence(section: Section | None, paragraph: int, start: int, text: str) -> str:
    """The sentence a measure stands in: 由…负责 often sits in a clause of its own."""
    paragraphs = section.paragraphs if section else []
    if not 1 <= paragraph <= len(paragraphs):
        return text
    return next((m.group() for m in SENTENCE.finditer(paragraphs[paragraph - 1])
                 if m.start() <= start < m.end()),
                text)


def row_texts(report: Report) -> dict[str, str]:
    """Row id → its text (a task's heading, a measure's text, a target's clause): what an
    entry's row is recognised by (re-attachment, an ID column out of step)."""
    paths = {s.id: "".join(path) for s, path in report.walk()}
    texts = {}
    for section, measures in _task_rows(report):
        texts[task_id(paths[section.id], section.heading)] = paths[section.id] + section.heading
        texts.update({m.id: m.text for m in measures})
    texts.update({target_id(t): t.text for t in report.targets})
    return texts


def task_id(path: str, heading: str) -> str:
    # numbering and heading: two tasks may share a heading, never both
    return content_id(_TASK, path + heading)


def is_task_row(rid: str) -> bool:
    """Whether a 工作台账 row id is a task's (task_id), whose row sums up its measures."""
    return re.fullmatch(rf"{_TASK}[0-9a-f]{{8}}", rid) is not None


# ---- the sheet's columns ------------------------------------------------------------

def plan_sheet(tpl: Template, periods: str, lang: str,
               extra: list[str] | tuple[str, ...] = ()) -> Sheet:
    """The template's plan sheet with its `periods` column replaced by the period columns
    (the year-end statuses offered in the last period only) and the office's added columns
    (`extra`, by header) before the task and ID."""
    labels = tpl.periods.get(periods)  # type: ignore[call-overload]
    keys = period_keys(periods)
    if labels is None or len(labels) != len(keys):
        raise YoyError(tpl.path, f"periods.{periods}: needs {len(keys)} labels")
    spec = tpl.sheets.plan
    cols = []
    for col in spec.columns:
        if col.key == "task":
            cols += [added_column(h) for h in extra]
        if col.key != "periods":
            cols.append(col)
            continue
        for n, (key, label) in enumerate(zip(keys, labels, strict=True), 1):
            year_end = [] if n == len(keys) else tpl.plan_sheet.year_end_statuses
            cols += [Column(**{**pc.model_dump(), "key": f"{pc.key}.{key}",
                               "zh": pc.zh.replace("{period}", label.zh),
                               "en": pc.en.replace("{period}", label.en),
                               "dropdown_exclude": [*pc.dropdown_exclude, *year_end]})
                     for pc in tpl.period_columns]
    return spec.model_copy(update={"columns": cols})


# ---- rows: what goes in which column --------------------------------------------

def _latest(values: Mapping[str, str | None], keys: list[str]) -> str | None:
    filled = [k for k in keys if values.get(k)]
    return values[filled[-1]] if filled else None


def _latest_formula(letters: Mapping[str, str], field: str, keys: list[str]) -> str:
    """The latest period filled in of `field` (status or progress): what
    prints as 当前状态 / 当前进展."""
    formula = '""'
    for key in keys:
        cell = f"{letters[f'{field}.{key}']}{{row}}"
        formula = f'IF({cell}<>"",{cell},{formula})'
    return f"={formula}"


def plan_rows(report: Report, *, periods: str = "quarter", entries: PlanEntries | None = None,
              lang: str = "zh", templates: Path | None = None,
              prefill: Mapping[str, Mapping[str, str]] | None = None,
              spec: Sheet | None = None) -> list[dict]:
    """The 工作台账 rows: per task section a row with its heading, then one row per measure,
    numbered 1, 2, … across the sheet, or as an earlier 台账 was where a re-ingest changed the
    rows since (entries.numbers: row_numbers). The office's stored entries fill their cells;
    where it set none, 牵头单位/责任单位 are what the text names, else `prefill`'s (measure id →
    field → value: last year's 台账 for a measure carried over), else the task row's;
    责任领导/联系人 the lead unit's on the 单位 sheet; 完成时限 the date the text states, else the
    plan year's end."""
    tpl, kind = load_template(templates), load_kind(report.kind, templates)
    keys = period_keys(periods)
    added = _extra_headers(entries)
    # `spec`: the sheet as written, its columns maybe in a clerk's order (its formulas name them)
    letters = column_letters(spec or plan_sheet(tpl, periods, lang, added))
    stored = entries.measures if entries else {}
    units = {u.name: u for u in entries.units} if entries else {}
    paths = {s.id: "".join(path) for s, path in report.walk()}
    status_label = {k: t.get(lang) for k, t in tpl.vocab["plan_status"].items()}
    rows: list[dict] = []

    latest_status, latest_progress = (_latest_formula(letters, f, keys)
                                      for f in ("status", "progress"))

    def office(entry: PlanEntry) -> dict[str, Any]:
        # a status typed that yoy could not read (基本完成) is shown again as typed, never the
        # one it replaced; the row counts under no status (UNREAD) until it is corrected
        shown = {k: entry.unread.get(f"status.{k}") or entry.status.get(k) for k in keys}
        status = UNREAD if entry.unread_status() else _latest(entry.status, keys)
        return {**{f"progress.{k}": entry.progress.get(k) for k in keys},
                **{f"status.{k}": shown[k] for k in keys},
                **{f"extra.{h}": entry.extra.get(h) for h in added},
                "_status": status,
                "current_status": Formula(latest_status, status_label.get(
                    status, status) if status and status != UNREAD else _latest(shown, keys)
                    or ""),
                "current_progress": Formula(latest_progress, _latest(entry.progress, keys) or ""),
                "problem": entry.problem, "next_step": entry.next_step, "evidence": entry.evidence,
                "note": entry.note, "_cleared": entry.cleared}

    tasks = plan_measures(report)
    numbers = row_numbers([(m.id, m.text) for _, measures in tasks for m in measures],
                          entries.numbers if entries else {})
    for section, measures in tasks:
        path = paths[section.id]
        sid = task_id(path, section.heading)
        group = stored.get(sid) or _NO_ENTRY
        # a task without measures shows its text: what the unit given it is to do
        rows.append({"_look": "group", "id": sid, "seq": None, "task": path, "measure": path
                     + section.heading + ("" if measures else "".join(
                         "。" + p.rstrip("。") for p in section.paragraphs)),
                     "_heading": path + section.heading,
                     "planned": None, "lead": group.lead, "responsible": group.responsible,
                     "leader": group.leader, "contact": group.contact,
                     "deadline": _deadline_cell(group.deadline),
                     **office(group)})
        for m in measures:
            entry = stored.get(m.id) or _NO_ENTRY
            found = extracted_units(m.sentence, kind)
            carried = (prefill or {}).get(m.id, {})
            # each cell: the office's entry, else what the text says (yoy's own
            # reading, `_own`), else what yoy brings from the store (last year's units, the task
            # row's, the unit list: `_prefilled`)
            cells: dict[str, Any] = {"deadline": _deadline_cell(entry.deadline)}
            own: list[str] = [] if cells["deadline"] else ["deadline"]
            prefilled: list[str] = []
            for f in ("lead", "responsible"):
                cells[f] = getattr(entry, f) or found[f]
                if cells[f] is None and (carried.get(f) or getattr(group, f)):
                    cells[f] = carried.get(f) or getattr(group, f)
                    prefilled.append(f)
                elif not getattr(entry, f) and cells[f]:
                    own.append(f)
            leads = unit_names(cells["lead"], units)
            for f in ("leader", "contact"):
                cells[f] = getattr(entry, f) or units_people(leads, units, f, group)
                if cells[f] and not getattr(entry, f):
                    prefilled.append(f)
            rows.append({"id": m.id, "seq": numbers[m.id].number, "task": path, "measure": m.text,
                         "planned": m.planned, **cells,
                         "deadline": cells["deadline"] or deadline(m.text, kind, report.plan_year),
                         "_own": own, "_prefilled": prefilled, **office(entry),
                         **reworded_note("measure", entry.text, m.text, tpl, lang)})
    return rows


_DATE_PART = re.compile(r'"([^"]*)"|(yyyy|mm|m|dd|d)|(.)')


def shown_days(day: date, tpl: Template) -> set[str]:
    """The texts the 完成时限 cell yoy writes shows for `day`, in each language's number format
    (2022年12月31日, 2022-12-31): typed back as text, exactly these are yoy's own day."""
    parts = {"yyyy": f"{day.year}", "mm": f"{day.month:02}", "m": f"{day.month}",
             "dd": f"{day.day:02}", "d": f"{day.day}"}
    col = next(c for c in tpl.sheets.plan.columns if c.key == "deadline")
    return {"".join(quoted or parts.get(token, "") or other
                    for quoted, token, other in _DATE_PART.findall(fmt))
            for lang in LANGS if (fmt := col.number_format(lang))}


def _deadline_cell(stored: str | None) -> date | str | None:
    """A stored 完成时限 as its cell: a date when it is one (ISO), else the text as typed."""
    if not stored:
        return None
    try:
        return date.fromisoformat(stored)
    except ValueError:
        return stored


def _extra_headers(entries: PlanEntries | None) -> list[str]:
    """The columns the office added, in the order first seen."""
    return list(dict.fromkeys(h for e in (entries.measures.values() if entries else ())
                              for h in e.extra))


def history_rows(entries: PlanEntries | None, periods: str, report: Report, lang: str,
                 templates: Path | None = None) -> list[dict]:
    """Entries of periods the sheet does not show (entered monthly, now quarterly): never hidden."""
    tpl = load_template(templates)
    shown = set(period_keys(periods))
    labels = {k: label.get(lang) for kind, ls in tpl.periods.items()
              for k, label in zip(period_keys(kind), ls,
                                                                                          strict=True)}
    out: list[dict] = []
    texts: dict[str, str] = {}
    for rid, entry in (entries.measures.items() if entries else ()):
        hidden = sorted({*entry.progress, *entry.status} - shown, key=lambda k: (period_end(k), k))
        texts = texts or (row_texts(report) if hidden else {})
        out += [{"seq": len(out) + 1, "measure": texts.get(rid, entry.text),
                 "period": labels.get(k, k),
                 "progress": entry.progress.get(k), "status": entry.status.get(k), "id": rid}
                for k in hidden]
    return out


def gone_entries(entries: PlanEntries | None, report: Report) -> list[tuple[str, PlanEntry]]:
    """(id, entry) of the measures' entries no row of `report` has (its task deleted when the
    report was re-ingested, or set aside): kept in the store, and listed, never hidden."""
    texts = row_texts(report) if entries and entries.measures else {}
    return [(rid, e) for rid, e in sorted(entries.measures.items()) if rid not in texts] \
        if entries else []


def gone_targets(entries: PlanEntries | None, report: Report) -> list[tuple[str, PlanEntry]]:
    """(id, entry) of the 目标任务 entries no target of `report` has (its figure corrected or the
    target removed when the report was re-ingested, and no target's text close enough to take
    them: store.reviews.reattach_rows): kept, and listed with the tasks' (ua22b F2: a typed 实际值
    showed nowhere and the brief said 未填报)."""
    if not entries or not entries.targets:
        return []
    now = {target_id(t) for t in report.targets}
    return [(rid, e) for rid, e in sorted(entries.targets.items()) if rid not in now]


def gone_rows(entries: PlanEntries | None, report: Report, lang: str,
              templates: Path | None = None) -> list[dict]:
    """The 已删除任务的填报 sheet's rows (gone_entries): a task's text, its lead unit and every
    cell the office filled, a line each as its column is headed (一季度进展情况：…), in the
    periods' order, whatever periods the sheet now has (ua19 M1: they showed nowhere)."""
    gone, targets = gone_entries(entries, report), gone_targets(entries, report)
    if not gone and not targets:
        return []
    tpl = load_template(templates)
    headers: dict[str, str] = {}
    for periods in PERIODS:
        headers.update({c.key: c.get(lang) for c in plan_sheet(tpl, periods, lang).columns})
    order = {key: n for n, key in enumerate(headers)}
    colon = "：" if lang == "zh" else ": "
    out: list[dict] = []
    for rid, entry in gone:
        cells = entry_cells(entry)
        lines = []
        for key in sorted((k for k in cells if k != "lead" and not k.startswith("unread.")),
                          key=lambda k: (period_end(k.partition(".")[2]) if k.partition(".")[0]
                                         in ("progress", "status") else 99, order.get(k, 999), k)):
            field, _, sub = key.partition(".")
            value = cells.get(f"unread.{key}") or (
                tpl.term("plan_status", cells[key], lang) if field == "status" else cells[key])
            lines.append(f"{sub if field == 'extra' else headers.get(key, key)}{colon}{value}")
        near = nearest(entry.text, {m.id: m.text for m in report.commitments})
        # the 序号 the task had on the 台账 it was typed on, where recorded (store.plan_entries
        # .row_numbers): a unit quoting 第45项 finds it (ua22b F6)
        number = entries.numbers.get(rid) if entries else None
        out.append({"seq": number.number if number else None, "measure": entry.text or rid,
                    "lead": entry.lead, "entries": "\n".join(lines), "id": rid,
                    "nearest": near_cell(near, lang)})
    heads = {c.key: c.get(lang) for c in tpl.sheets.plan_targets.columns}
    for rid, entry in targets:
        cells = entry_cells(entry)
        out.append({"seq": None, "measure": entry.text or rid, "lead": None, "id": rid,
                    "entries": "\n".join(f"{heads.get(k, k)}{colon}{v}" for k, v in cells.items()),
                    "nearest": near_cell(nearest(entry.text, {target_id(t): t.text
                                                              for t in report.targets}), lang)})
    return out


# ---- writing ----------------------------------------------------------------------

def write_plan_sheet(report: Report, path: Path, *, periods: str = "quarter", lang: str = "zh",
                     entries: PlanEntries | None = None, origin: dict | None = None,
                     templates: Path | None = None,
                     prefill: Mapping[str, Mapping[str, str]] | None = None,
                     only: tuple[str, str] | None = None,
                     layout: Layout | None = None) -> Path:
    """Write the year's 台账 of `report` at `path`, atomically; return `path`.

    entries  the office's stored entries, filled back into their rows.
    origin   provenance for the hidden _yoy sheet (conventionally store and report).
    prefill  measure id → field → value yoy offers where the text names no unit (plan_rows).
    only     (column key, unit): only the measures whose column names that unit, under their
             tasks, and no 目标任务 sheet — the file one unit fills in (yoy plan --split-by).
    layout   the clerk's layout of the 工作台账 being replaced (plan_layout.read_layout): her
             column order, autofilter and print range's last column, kept.
    """
    path = Path(path)
    if lang not in LANGS:
        raise YoyError(path, f"unknown language {lang!r} (choose {' or '.join(LANGS)})")
    if entries is not None and (entries.region, entries.kind, entries.plan_year) != (
            report.region, report.kind, report.plan_year):
        raise YoyError(path, f"the entries are for {entries.region} {entries.kind} "
                             f"{entries.plan_year}, not for this plan")
    tpl, kind = load_template(templates), load_kind(report.kind, templates)
    spec = ordered(plan_sheet(tpl, periods, lang, _extra_headers(entries)), layout)
    rows = plan_rows(report, periods=periods, entries=entries, lang=lang, templates=templates,
                     prefill=prefill, spec=spec)
    if only is not None:
        rows = only_rows(rows, *only, {u.name for u in entries.units} if entries else set())
    kept_filter = fitted_filter(spec, layout)
    if kept_filter is not None:
        rows = filtered_rows(rows, spec, kept_filter[1], functools.partial(_shown_text, tpl, lang))
    targets = [] if only is not None else [
        {**row, "actual": typed_number(row["actual"])}
        for row in target_rows(report, entries, lang, templates)]
    title = kind.title("plan", lang, report.region, report.plan_year)
    if only is not None and only[1]:   # a unit's file names it on every printed page (ua19 L2)
        title = fill(tpl.label("plan_unit_title", lang), {"title": title, "unit": only[1]})
    book = Book(tpl, lang, printed=True)
    ws = book.table("plan", rows, spec, title=title)
    if kept_filter is not None:   # hers, over the rows written (the table's own covers them all)
        (first, last), shown = kept_filter
        ws.autofilter(1, first, 1 + len(rows), last)
        for col, values in sorted(shown.items()):
            ws.filter_column_list(col, sorted(values - {""}) + (["Blanks"] if "" in values else []))
    _deadline_colours(ws, book, spec, rows, kind, report.plan_year)
    units = unit_rows(entries, rows)
    _unit_dropdowns(ws, book, spec, len(rows), len(units))
    if only is None:
        book.table("plan_targets", targets, title=title)
    listed = book.table("plan_units", units)
    if units:  # the 台账's title in the printed pages' header (no title row: see the template)
        page_titles(listed, title, tpl, lang)
    book.table("plan_summary", summary_rows(rows, spec, book, tpl,
                                            [u.name for u in entries.units] if entries else ()),
               title=title)
    history = history_rows(entries, periods, report, lang, templates)
    if history:
        book.table("plan_history", history, title=tpl.label("plan_history_note", lang))
    gone = gone_rows(entries, report, lang, templates) if only is None else []
    if gone:
        # protected, as the comparison's kept reviews (ledger.py): nothing there is read back
        book.table("plan_gone", gone, title=tpl.label("plan_gone_note", lang)).protect()
    book.provenance({"format": PLAN_FORMAT, "region": report.region, "kind": report.kind,
                     "year": report.year, "plan_year": report.plan_year, "periods": periods,
                     "tool_version": __version__, "lang": lang,
                     "report_sha256": report.source.sha256,
                     **({"split": f"{only[0]}={only[1]}"} if only else {}),
                     # yoy's own columns in the template's order, not as written: a column of
                     # hers stays hers, an order of hers is kept again (ver26, plan_layout)
                     "columns": json.dumps([c.get(lang) for c in plan_sheet(tpl, periods, lang,
                                                                            []).columns],
                                           ensure_ascii=False),
                     **{k: v for k, v in sorted((origin or {}).items())},
                     **office_digests(rows, targets, spec)})
    return book.save(path)


def _shown_text(tpl: Template, lang: str, col: Column, value: Any) -> str | None:
    """A 工作台账 cell's value as the sheet shows it, as a filter by values compares it; None for
    a date, which a spreadsheet shows in its number format."""
    value = value.value if isinstance(value, Formula) else value
    if value is None:
        return ""
    if isinstance(value, date):
        return None
    if col.vocab and isinstance(value, str):
        return tpl.term(col.vocab, value, lang) if value else ""
    return str(value)


def own_cells(report: Report, templates: Path | None = None) -> dict[str, dict[str, str]]:
    """Measure id → the cells yoy fills in from the report's text alone (a unit it names, the
    deadline it states or the plan year's end), as stored: a sheet's cell equal to one of these
    that was not written from the store is no entry of the office's."""
    return {row["id"]: {f: v for f in row["_own"] if (v := stored_form(row[f])) is not None}
            for row in plan_rows(report, templates=templates) if row.get("_own")}


def _deadline_colours(ws: Worksheet, book: Book, spec: Sheet, rows: list[dict], kind: Kind,
                      plan_year: int) -> None:
    """完成时限 red when overdue, amber when due within due_soon_days, else on track; green once
    done: formulas against TODAY() and the row's 当前状态, so the sheet is current when opened.
    A deadline the office typed as text (6.30, 年中) stays text: its cell's rules hold the day it
    names, while the cell holds that text."""
    look, letters = book.tpl.plan_sheet, column_letters(spec)
    col = list(letters).index("deadline")
    first = 2  # title and header rows above (Excel numbers from 1: the first body row is 3)
    done = '"' + book.tpl.term("plan_status", "done", book.lang).replace('"', '""') + '"'

    def rules(day: str, status: str, dated: str) -> dict[str, str]:
        return {"done": f"={status}={done}", "overdue": f"=AND({dated},{day}<TODAY())",
                "due_soon": f"=AND({dated},{day}-TODAY()<={look.due_soon_days})",
                "on_track": f"=AND({dated})"}

    def colour(r0: int, r1: int, formulas: dict[str, str]) -> None:
        for name, formula in formulas.items():
            tone = look.deadline_tones.get(name)  # type: ignore[call-overload]
            if tone:
                marked = ".marked" if name in look.deadline_marked else ""
                ws.conditional_format(r0, col, r1, col, {
                    "type": "formula", "criteria": formula,
                    "format": book.fmt(f"tone.{tone}{marked}"), "stop_if_true": True})

    cell, status = f"${letters['deadline']}{first + 1}", f"${letters['current_status']}{first + 1}"
    colour(first, first + max(len(rows), 1) - 1,
           rules(cell, status, f"ISNUMBER({cell}),{status}<>{done}"))
    for i, row in enumerate(rows):
        typed = row.get("deadline")
        day = deadline_date(typed, plan_year, kind) if isinstance(typed, str) else None
        if day is None:
            continue
        cell = f"${letters['deadline']}{first + i + 1}"
        status = f"${letters['current_status']}{first + i + 1}"
        held = '"' + str(typed).replace('"', '""') + '"'
        on = f"DATE({day.year},{day.month},{day.day})"
        formulas = rules(on, status, f"{cell}={held},{status}<>{done}")
        colour(first + i, first + i, {k: v for k, v in formulas.items() if k != "done"})


def _unit_dropdowns(ws: Worksheet, book: Book, spec: Sheet, n: int, listed: int) -> None:
    """牵头单位/责任单位 offer the 单位 sheet's units (as long as the list grows); any other text,
    such as two units, is still allowed."""
    letters = list(column_letters(spec))
    units = sheet_ref(book.names["plan_units"])
    source = f"=OFFSET({units}!$A$2,0,0,MAX(1,COUNTA({units}!$A:$A)-1),1)"
    for key in ("lead", "responsible"):
        col = letters.index(key)
        ws.data_validation(2, col, 2 + max(n, 1) - 1, col, {"validate": "list", "source": source,
                                                           "ignore_blank": True,
                                                            "show_error": False})
