"""Reading a plan sheet (台账) back: the office's columns, found by header in any common form.

    import_plan_sheet(xlsx)    → the office's entries, the _yoy sheet, warnings
                               and where each row was
    read_unit_list(xlsx)       → a workbook's list of units (its 单位 sheet)
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from compare.errors import YoyError
from compare.ingest.plan_cues import deadline_date
from compare.kinds import Kind, load_kind
from compare.store.plan_entries import PERIODS, PlanEntries, PlanEntry, Unit, period_keys
from compare.store.reviews import base_of, digest
from compare.text import quoted
from compare.workbook.plan_record import office_column
from compare.workbook.plan_targets import number_text
from compare.workbook.plansheet import COMPUTED, PLAN_FORMAT, is_task_row, plan_sheet
from compare.workbook.reading import (
    as_text,
    header_row,
    merged_heads,
    merged_ranges,
    open_workbook,
    provenance_sheet,
    status_key,
    typed_value,
    under_merged,
)
from compare.workbook.template import (
    LANGS,
    PROVENANCE_SHEET,
    Column,
    Sheet,
    Template,
    load_template,
    missing_sheet,
    sheet_titles,
)

# A date cell before this year is a number typed into it (6.3 is 1900年1月6日), no plan's deadline:
# the earliest plan in the store is 1954's.
FIRST_DEADLINE_YEAR = 1901


def read_unit_list(xlsx: Path, templates: Path | None = None) -> list[list[str]]:
    """The first three columns of a workbook's 单位 sheet (a 台账's), else of its
    first sheet, as text."""
    tpl = load_template(templates)
    wb = open_workbook(Path(xlsx))
    try:
        titles = sheet_titles(tpl, "plan_units")
        ws = next((wb[t] for t in wb.sheetnames if t in titles), wb.worksheets[0])
        return [[as_text(v) or "" for v in row[:3]] for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


class SheetRow(NamedTuple):
    """Where a row of a plan sheet was read: its sheet, row number and text (具体举措, 目标表述),
    and the cell of each office column the sheet has but those skipped (so that a cleared cell
    can be named)."""
    sheet: str
    row: int
    text: str | None
    cells: dict[str, str]


class PlanRead(NamedTuple):
    """A plan sheet read back (import_plan_sheet)."""
    entries: PlanEntries
    info: dict                           # the _yoy sheet
    warnings: list[str]
    # (measures | targets | units, id or unit name) → where it was read
    rows: dict[tuple[str, str], SheetRow]
    # typed cells not imported, each where it is and why ("sheet 计划台账 cell V8: unknown status
    # …"): they are only in the sheet, which is not to be rewritten over them (jobs.guard)
    skipped: list[str] = []
    # of those, the statuses stored as typed (PlanEntry.unread): where and why → (table, row id,
    # field, the text typed)
    unread: dict[str, tuple[str, str, str, str]] = {}
    # rows holding entries but no ID (a unit cleared it): (table, where, the entries), each also
    # in `skipped`; jobs.merge gives them to the one row their text is, or refuses the file
    loose: list[tuple[str, SheetRow, PlanEntry]] = []


def import_plan_sheet(xlsx: Path, *, templates: Path | None = None,
                      strict: bool = False) -> PlanRead:
    """The office's entries in a plan sheet written by plansheet.write_plan_sheet, its
    provenance, warnings, and where each row was read.

    Rows are keyed by the ID column and columns found by their header in either language, a
    template alias, or a period and field in any common form (一季度完成状态, 第一季度\n完成状态,
    Q1完成状态), so rows may be sorted or filtered and columns moved or re-titled; a value in
    cells merged over rows counts for every row they span but a task's, with a warning.
    Everything the office fills is read: progress and status per period,
    牵头单位/责任单位/完成时限 (a day as people write it: 6月底前, 年底前) and the other office
    columns, 实际值 (5.2% typed as a percentage stays 5.2 in a % row), columns the office added
    (stored as entries), the 单位 sheet. A bad value (an unknown status, 未完成 before the year's
    last period, a 完成时限 naming no day) is a warning naming the cell, and the cell is skipped;
    with `strict` it is an error. A column yoy cannot place is named in a warning, never dropped
    unseen.
    """
    xlsx = Path(xlsx)
    tpl = load_template(templates)
    wb = open_workbook(xlsx)
    try:
        info = provenance_sheet(wb, xlsx)
        if info.get("format") != PLAN_FORMAT:
            raise YoyError(xlsx, f"not a plan sheet (its {PROVENANCE_SHEET} sheet says "
                                 f"{info.get('format')!r})")
        missing = [k for k in ("region", "kind", "year", "plan_year", "periods")
                   if info.get(k) in (None, "")]
        if missing:
            raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET} lacks {', '.join(missing)}")
        try:
            entries = PlanEntries(region=str(info["region"]), kind=str(info["kind"]),
                                  plan_year=int(info["plan_year"]))
            info = {**info, "year": int(info["year"]), "plan_year": entries.plan_year}
        except (TypeError, ValueError):
            raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: years must be numbers") from None
        periods = str(info["periods"])
        if periods not in PERIODS:
            raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: periods {periods!r} is not one of "
                                 f"{', '.join(PERIODS)}")
        written = _written_headers(info)
        try:  # its cues read a 完成时限 typed as text
            kind = load_kind(entries.kind, templates)
        except YoyError as e:
            raise YoyError(xlsx, f"sheet {PROVENANCE_SHEET}: {e.reason}") from None
        # a sheet from before yoy recorded its columns offered the year-end statuses in every period
        reader = _PlanReader(xlsx, tpl, kind, periods, entries.plan_year, strict,
                             year_end_anywhere=written is None, base=base_of(info))
        for table, key in (("measures", "plan"), ("targets", "plan_targets"),
                           ("units", "plan_units")):
            titles = sheet_titles(tpl, key)
            title = next((t for t in titles if t in wb.sheetnames), None)
            if title is None:
                if key == "plan" or (key == "plan_targets" and "split" not in info):
                    reader.bad(missing_sheet(
                        tpl, key, wb.sheetnames, "what was typed in it is gone with it; the next "
                        "yoy run (or yoy plan) writes the 台账 again with it, this file kept as a "
                        "backup" if key != "plan" else "nothing in this 台账 can be imported "
                        "without it: --discard-edits on the command that rewrites it (yoy run, "
                        "yoy plan) writes it again, this file kept as a backup"),
                        fatal=key == "plan")
                continue
            spec = plan_sheet(tpl, periods, titles[title]) if key == "plan" else getattr(
                tpl.sheets, key)
            reader.read(wb[title], table, spec, written if key == "plan" else None, entries)
    finally:
        wb.close()
    return PlanRead(entries, info, reader.warnings, reader.rows, reader.skipped, reader.unread,
                    reader.loose)


def _written_headers(info: Mapping[str, Any]) -> set[str] | None:
    """The headers yoy wrote on the plan sheet, as its _yoy records them (None: not recorded)."""
    try:
        headers = json.loads(str(info["columns"])) if info.get("columns") else None
    except ValueError:
        return None
    return {_norm(h) for h in headers} if isinstance(headers, list) else None


def _norm(header: Any) -> str:
    """A header as compared: no spaces or line breaks, full-width letters and digits folded,
    brackets and separators dropped, case folded (第一季度\n完成状态 → 第一季度完成状态)."""
    text = unicodedata.normalize("NFKC", str(header))
    return re.sub(r"[\s()（）【】\[\]:：\-_—·/、]+", "", text).casefold()


def _period_names(key: str, tpl: Template) -> set[str]:
    """What people call a period in a header: the template's labels and the usual forms.

    >>> sorted(_period_names("q2", load_template()))
    ['2季度', 'q2', '二季', '二季度', '第2季度', '第二季度']
    """
    kind, n = key[0], int(key[1:])
    cjk = "一二三四五六七八九十"[n - 1] if n <= 10 else "十" + "一二"[n - 11]
    labels = {label.get(lang) for kinds, ls in tpl.periods.items() for k, label in
              zip(period_keys(kinds), ls, strict=True) if k == key for lang in LANGS}
    if kind == "q":
        forms = [f"{cjk}季度", f"第{cjk}季度", f"{n}季度", f"第{n}季度", f"{cjk}季", f"q{n}"]
    elif kind == "h":
        forms = [("上半年", "下半年")[n - 1], f"h{n}"]
    else:
        forms = [f"{n}月", f"{n}月份", f"{cjk}月", f"{cjk}月份", f"m{n}"]
    return {_norm(x) for x in (*labels, *forms)}


def _resembles(header: str, col: Column) -> float:
    """How much `header` looks like a re-titled `col` (0–100): its header's characters all in it
    in order (存在问题 in 存在的主要问题) is 100, else the closest partial match."""
    from rapidfuzz import fuzz

    scores = []
    for name in (col.zh, col.en):
        it, want = iter(_norm(header)), _norm(name)
        scores.append(100.0 if len(want) > 1 and all(ch in it for ch in want)
                      else fuzz.partial_ratio(_norm(header), want))
    return max(scores)


class _PlanReader:
    """Reads the tables of one plan sheet into PlanEntries, gathering warnings
    and where each row was."""

    def __init__(self, xlsx: Path, tpl: Template, kind: Kind, periods: str, plan_year: int,
                 strict: bool, year_end_anywhere: bool = False, base: dict | None = None):
        self.xlsx, self.tpl, self.strict, self.plan_year = xlsx, tpl, strict, plan_year
        self.kind = kind
        self.year_end_anywhere = year_end_anywhere
        # table → row id → field → digest of what the sheet was written with (its _yoy)
        self.base: dict[str, dict[str, dict[str, str]]] = base or {}
        self.keys = period_keys(periods)
        self.warnings: list[str] = []
        self.rows: dict[tuple[str, str], SheetRow] = {}
        self.skipped: list[str] = []   # typed cells not imported: where and why
        self.unread: dict[str, tuple[str, str, str, str]] = {}  # PlanRead.unread
        self.loose: list[tuple[str, SheetRow, PlanEntry]] = []  # PlanRead.loose
        self.titled: set[int] = set()   # the columns of the sheet read last with a header

    def bad(self, message: str, fatal: bool = False, skipped: str = "",
            cell: bool = False) -> None:
        """A value or sheet yoy cannot take: an error with --strict (or when `fatal`), else a
        warning saying what is `skipped`; a typed `cell` skipped is noted in `self.skipped`."""
        if fatal or self.strict:
            raise YoyError(self.xlsx, message)
        self.warnings.append(f"{self.xlsx}: {message}{skipped}")
        if cell:
            self.skipped.append(message)

    def _headers(self, spec: Sheet) -> dict[str, str]:
        """Normalised header → column key: both languages, aliases, and per
        period any common form."""
        out: dict[str, str] = {}
        for col in spec.columns:
            if "." not in col.key or col.key.startswith("extra."):
                out.update({_norm(h): col.key for h in (col.zh, col.en, *col.aliases)})
        for key in self.keys if spec.columns and any(c.key.startswith("status.")
                                                     for c in spec.columns) else ():
            for pc in self.tpl.period_columns:
                fields = {_norm(h.replace("{period}", "")) for h in (pc.zh, pc.en)} | {
                    _norm(a) for a in pc.aliases}
                for period in _period_names(key, self.tpl):
                    out.update({name: f"{pc.key}.{key}" for f in fields
                                for name in (period + f, f + period)})
        return out

    def _locate(self, ws: Any, spec: Sheet) -> tuple[int, dict[str, int], dict[int, str]]:
        """The header row (of the first five, the one that names most columns), column key → index,
        and index → header of the columns yoy could not place."""
        known = self._headers(spec)
        row = header_row(ws, lambda h: _norm(h) in known)
        if not row:
            self.bad(
                f"sheet {ws.title}: no header row (none of its first rows names yoy's columns)",
                fatal=True)
        header = next(ws.iter_rows(min_row=row, max_row=row, values_only=True))
        self.titled = {i for i, h in enumerate(header) if h is not None and str(h).strip()}
        at: dict[str, int] = {}
        unknown: dict[int, str] = {}
        seconds: dict[int, str] = {}
        for i, h in enumerate(header):
            if h is None or not str(h).strip():
                continue
            key = known.get(_norm(h))
            if key is not None and key not in at:
                at[key] = i
            elif key is not None:
                self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column {str(h).strip()!r} is "
                                     f"a second {header[at[key]]!r}; only the first "
                                     "is read")
                seconds[i] = str(h).strip()
            else:
                unknown[i] = str(h).strip()
        # a re-titled column of yoy's (存在问题 → 存在的主要问题): the missing
        # column it resembles most
        for i, h in list(unknown.items()):
            missing = [c for c in spec.columns if c.key not in at
                       and not c.key.startswith("extra.")]
            score, best = max(((_resembles(h, c), c) for c in missing), key=lambda sc: sc[0],
                              default=(0.0, None))
            if best is not None and score >= 75:
                at[best.key] = i
                del unknown[i]
                self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column {h!r} is read as "
                                     f"{best.zh!r}")
        self.warnings += under_merged(ws, row, [(c.key, c.zh) for c in spec.columns], at,
                                      str(self.xlsx), unknown)
        # what is typed under a second column of one header is in no cell yoy writes: a cell it
        # cannot place, which stops a rewrite (ver26: it was dropped with the file rewritten)
        unknown.update(seconds)
        if "id" not in at and spec is not self.tpl.sheets.plan_units:
            self.bad(f"sheet {ws.title}: no ID column", fatal=True)
        return row, at, unknown

    def read(self, ws: Any, table: str, spec: Sheet, written: set[str] | None,
             entries: PlanEntries) -> None:
        from openpyxl.utils import get_column_letter

        header_row, at, unknown = self._locate(ws, spec)
        units = table == "units"
        if units and "name" not in at:
            self.bad(f"sheet {ws.title}: no {spec.columns[0].zh} column",
                     skipped="; its units are not read")
            return
        # columns the office added (not among those yoy wrote): their entries are
        # stored and shown again
        # not a header merged over several columns that under_merged could not place (问题与措施
        # over 存在问题 and 下一步措施): which column it means cannot be told, and stored as an
        # added one it would leave the column yoy wrote showing its older value
        heads = merged_heads(ws, header_row, at)
        added = {i: h for i, h in unknown.items() if written is not None
                 and _norm(h) not in written and i not in heads}
        names = {c.key: c.zh for c in spec.columns}
        office = {k: i for k, i in at.items() if office_column(k) or (units and k != "name")}
        key_col = at["name" if units else "id"]
        text_col = at.get("name" if units else "measure" if "measure" in at else "text")
        unread: dict[int, int] = {}
        first_row: dict[str, int] = {}
        read_cols = {*office.values(), *added}
        # merged cells over several rows in columns read → their value, the rows that took it and
        # the task rows that did not
        spans: dict[Span, tuple[str, list[int], list[int]]] = {}
        # columns under no header (none yoy wrote, nor the office gave one): what is typed there
        # is no entry, and a rewrite would lose it
        headed = {*at.values(), *self.titled}
        loose_cols: dict[int, int] = {}
        for r, cells, merged in _rows(ws, header_row + 1):
            coords = {k: f"{get_column_letter(i + 1)}{r}" for k, i in office.items()}
            rid = as_text(cells[key_col].value)
            for i, span in merged.items():
                if i not in read_cols or (value := as_text(cells[i].value)) is None:
                    continue
                _, took, tasks = spans.setdefault(span, (value, [], []))
                task = table == "measures" and rid is not None and is_task_row(rid)
                if task:
                    cells[i] = _EMPTY   # a task's row sums up its measures: not theirs to share
                if r not in (tasks if task else took):   # once a row, however wide the cells
                    (tasks if task else took).append(r)
            text = as_text(cells[text_col].value) if text_col is not None else None
            fields = {}
            typed_unread: dict[str, str] = {}
            for k, i in office.items():
                skipped = len(self.skipped)
                raw = self._typed(cells[i], ws.title, coords[k])
                v = self._stored(k, raw, cells[i], ws.title,
                                 coords[k], as_text(cells[at["unit"]].value) if "unit" in at
                                 else None, self.base.get(table, {}).get(rid or "", {}).get(k),
                                 as_typed=rid is not None and not units)
                if v is None and len(self.skipped) == skipped and as_text(raw) is not None:
                    del coords[k]   # shown again as the store keeps it: not a cleared cell
                elif len(self.skipped) > skipped:
                    del coords[k]   # typed, not read: not a cleared cell
                    if (typed := as_text(raw)) is not None and k.startswith("status.") \
                            and rid is not None and not units:
                        # stored as typed, so that the status it replaced is never counted
                        typed_unread[k] = typed
                        self.unread[self.skipped[-1]] = (table, rid, k, typed)
                elif v is not None:
                    fields[k] = v
            extra = {h: t for i, h in added.items()
                     if (t := as_text(self._typed(cells[i], ws.title,
                                                  f"{get_column_letter(i + 1)}{r}"))) is not None}
            for key in COMPUTED:
                cell = cells[at[key]] if key in at else None
                if (cell is not None and cell.value is not None
                    and getattr(cell, "data_type", None) != "f"):
                    # typed, so a rewrite would lose it: skipped like any cell yoy cannot take
                    self.bad(f"sheet {ws.title} cell {get_column_letter(at[key] + 1)}{r}: "
                             f"{names[key]} is computed from the period columns; "
                             f"{as_text(cell.value)!r} typed over it is not read",
                             skipped=" (type it in a period's column)", cell=True)
            for i in sorted(unknown.keys() - added.keys()):
                if as_text(cells[i].value) is not None:
                    unread[i] = unread.get(i, 0) + 1
                    # in this file alone: a rewrite would lose it
                    self.skipped.append(f"sheet {ws.title} cell {get_column_letter(i + 1)}{r}: "
                                        f"typed under {quoted(unknown[i], 20)}, a header yoy "
                                        "cannot place")
            for i in sorted(i for i in cells.keys() - headed - merged.keys()
                            if as_text(cells[i].value) is not None):
                loose_cols[i] = loose_cols.get(i, 0) + 1
                self.skipped.append(f"sheet {ws.title} cell {get_column_letter(i + 1)}{r}: "
                                    "typed under no header")
            filled = bool(fields or extra or typed_unread)
            held = [t for i, c in sorted(cells.items())
                    if i in headed and i not in merged and (t := as_text(c.value)) is not None]
            if rid is None and not filled and not units and held:
                # a row inserted for a note (注：…) in 具体举措 or another of yoy's columns: it is
                # no task's, and a rewrite would drop it
                self.warnings.append(
                    f"{self.xlsx}: sheet {ws.title} row {r}: a row without an ID holding "
                    f"{quoted(held[0])}: not imported (a row you inserted?); type a note in its "
                    "task's 备注, or delete the row")
                self.skipped.append(f"sheet {ws.title} row {r}: text on a row without an ID "
                                    f"({quoted(held[0], 20)})")
            if filled and rid is None and units:
                self.warnings.append(
                    f"{self.xlsx}: sheet {ws.title} row {r}: entries without an ID, ignored")
                self.skipped.append(f"sheet {ws.title} row {r}: entries on a row without an ID")
            elif filled and rid is None:
                # its ID cleared: jobs.merge gives the row to the task its text is, or refuses
                self.skipped.append(f"sheet {ws.title} row {r}: entries on a row without an ID")
                self.loose.append((table, SheetRow(ws.title, r, text, coords),
                                   _entry(fields, extra, typed_unread, text)))
            if rid is None:
                continue
            if rid in first_row and filled:
                self.warnings.append(f"{self.xlsx}: sheet {ws.title} row {r}: ID {rid} also in row "
                                     f"{first_row[rid]}; row {r} wins")
            first_row.setdefault(rid, r)
            self.rows[(table, rid)] = SheetRow(ws.title, r, text, coords)
            if units:
                entries.units = [u for u in entries.units if u.name != rid] + [
                    Unit(name=rid, **fields)]
            elif filled:
                getattr(entries, table)[rid] = _entry(fields, extra, typed_unread, text)
        self._said_merged(ws, spans, {i: names.get(k, k) for k, i in office.items()} | added)
        for i, n in sorted(loose_cols.items()):
            self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column "
                                 f"{get_column_letter(i + 1)} has no header; its {n} filled cells "
                                 "are not imported (give it a header, or type them under yoy's "
                                 "columns)")
        for i, n in sorted(unread.items()):
            self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column {unknown[i]!r} is not one "
                                 f"yoy reads; its {n} filled cells are not imported, and the file "
                                 "is not rewritten over them (give the column back yoy's header, "
                                 "or unmerge the header)")
        for h in sorted(added.values()):
            self.warnings.append(f"{self.xlsx}: sheet {ws.title}: column {h!r} is not one of "
                                 f"yoy's; its entries are stored and shown again in that column")

    def _said_merged(self, ws: Any, spans: dict[Span, tuple[str, list[int], list[int]]],
                     headers: dict[int, str]) -> None:
        """A value typed over merged rows (Excel keeps it in the first cell only) is read for each
        of their rows but a task's, with a warning naming the cells."""
        from openpyxl.utils import get_column_letter
        for (top, left, bottom, right), (value, rows, tasks) in spans.items():
            ref = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
            self.warnings.append(
                f"{self.xlsx}: sheet {ws.title} cells {ref} are merged: "
                f"{headers.get(left - 1, 'their value')} {value!r} is read for each of their "
                f"{len(rows)} rows" + (f", not for the task row{'s' * (len(tasks) > 1)} "
                                       f"{', '.join(map(str, tasks))} (a task's row sums up its "
                                       "measures)" if tasks else ""))

    def _typed(self, cell: Any, sheet: str, coord: str) -> Any:
        """A cell's value; a formula typed by the office is kept as its text, with a warning
        (reading.typed_value)."""
        return typed_value(cell, sheet, self.xlsx, self.warnings, coord)

    def _stored(self, key: str, raw: Any, cell: Any, sheet: str, coord: str,
                unit: str | None, written: str | None = None, as_typed: bool = False) -> str | None:
        """A cell's value as the store keeps it: a status by its key, 完成时限 as an ISO date,
        实际值 as typed (a percentage in percent). A 完成时限 naming no day (尽快) is skipped with a
        warning, unless the sheet was written with it (`written`: its digest), from the store.
        A status yoy cannot read is skipped too, and said to be stored `as_typed` (on a row with
        an ID: PlanEntry.unread)."""
        field, _, period = key.partition(".")
        if field == "status" and period:
            kept = "; stored as typed, counted under no status" if as_typed else "; skipped"
            text = as_text(raw)
            if text is None:
                return None
            terms = self.tpl.vocab["plan_status"]
            status = status_key(terms, text)
            if status is None and digest(text) == written:
                return None   # shown again as the store keeps it (PlanEntry.unread): no edit
            if status is None:
                allowed = ", ".join(t.zh for t in terms.values())
                self.bad(
                    f"sheet {sheet} cell {coord}: unknown status {text!r} (allowed: {allowed})",
                    skipped=kept, cell=True)
            elif status in self.tpl.plan_sheet.year_end_statuses and period != self.keys[-1] \
                    and not self.year_end_anywhere:
                if digest(text) == written:
                    return None   # shown again as the store keeps it (PlanEntry.unread)
                self.bad(f"sheet {sheet} cell {coord}: {text!r} is a year-end status, for the last "
                         "period only",
                         skipped=kept, cell=True)
                status = None
            return status
        if field == "deadline":
            if isinstance(raw, (datetime, date)) and raw.year >= FIRST_DEADLINE_YEAR:
                return (raw.date() if isinstance(raw, datetime) else raw).isoformat()
            if isinstance(raw, (int, float, datetime)) and not isinstance(raw, bool):
                # 6.30 typed into the date cell is the number 6.3 (shown as 1900年1月6日): 6.3 or
                # 6.30, June the 3rd or the 30th, the number cannot tell
                from openpyxl.utils.datetime import to_excel

                number = to_excel(raw) if isinstance(raw, datetime) else raw
                self.bad(f"sheet {sheet} cell {coord}: 完成时限 is the number {number:g}, not a "
                         "day (6.30 typed into a date cell is 6.3; type 6月30日 or "
                         f"{self.plan_year}-06-30)", skipped="; skipped", cell=True)
                return None
            text = as_text(raw)
            day = deadline_date(text, self.plan_year, self.kind) if text else None
            if text and day is not None and day.year != self.plan_year and digest(text) != written:
                # 2022.6 typed into a 2018 台账: a slip as likely as a task running on; kept, said
                self.warnings.append(f"{self.xlsx}: sheet {sheet} cell {coord}: 完成时限 {text!r} "
                                     f"is in {day.year}, not the plan year {self.plan_year}; kept")
            if day is not None or text is None or digest(text) == written:
                # kept as typed (6.30, 年中), shown so again; its day is read where it is used
                return text
            # stored as text, it would be shown again but never dated: no lag, no overdue
            self.bad(f"sheet {sheet} cell {coord}: 完成时限 {text!r} names no day yoy can read "
                     "(type a date, or 6月底前, 6.30, 三季度末, 年底前)", skipped="; skipped",
                     cell=True)
            return None
        if field == "actual" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            # 5.2% typed: Excel stores 0.052
            if "%" in (getattr(cell, "number_format", None) or ""):
                percent = number_text(raw * 100)
                return percent if unit == "%" else f"{percent}%"
            return number_text(raw)
        return as_text(raw)


def _entry(fields: dict[str, str], extra: dict[str, str], unread: dict[str, str],
           text: str | None) -> PlanEntry:
    """A row's cells (field or field.period → value) as its entry."""
    nested: dict[str, dict[str, str]] = {"progress": {}, "status": {}, "extra": extra,
                                         "unread": unread}
    plain = dict(fields)
    for key in [k for k in plain if "." in k]:
        field, _, period = key.partition(".")
        nested[field][period] = plain.pop(key)
    return PlanEntry(**plain, **nested, text=text)


class _Cell(NamedTuple):
    value: Any
    data_type: str | None = None
    number_format: str | None = None


_EMPTY = _Cell(None)


Span = tuple[int, int, int, int]   # a merged cell: first row, first column, last row, last column


def _rows(ws: Any, first: int) -> Iterator[tuple[int, defaultdict[int, _Cell], dict[int, Span]]]:
    """(row number, column index → cell, column index → the merged cell over several rows it is
    in) from row `first` on; a cell under a merged cell has the merged cell's value (a 牵头单位
    merged over three rows belongs to each of them)."""
    merged = _merged_cells(ws)
    origins = {span[:2] for span in merged.values()}
    seen: dict[tuple[int, int], _Cell] = {}
    for r, row in enumerate(ws.iter_rows(min_row=first), first):
        cells: defaultdict[int, _Cell] = defaultdict(lambda: _EMPTY)
        for i, c in enumerate(row):
            if c.value is not None or (r, i + 1) in origins:
                cells[i] = _Cell(c.value, getattr(c, "data_type", None),
                                 getattr(c, "number_format", None))
                if (r, i + 1) in origins:
                    seen[(r, i + 1)] = cells[i]
        for (mr, mc), span in merged.items():
            if mr == r and span[:2] in seen and (mr, mc) != span[:2]:
                cells[mc - 1] = seen[span[:2]]
        yield r, cells, {mc - 1: span for (mr, mc), span in merged.items()
                         if mr == r and span[2] > span[0]}


def _merged_cells(ws: Any) -> dict[tuple[int, int], Span]:
    """(row, column) → the merged cell it is in (its top-left cell holds the value), for every
    cell of a merged cell."""
    return {(r, c): (r1, c1, r2, c2) for r1, c1, r2, c2 in merged_ranges(ws)
            for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
