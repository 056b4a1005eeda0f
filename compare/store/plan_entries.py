"""What people type into a plan sheet (台账): the office's entries, stored beside the reviews.

The office's entries (PlanEntries) live in <store>/reviews/<region>-<kind>-<plan_year>-plan.yaml
and are keyed by content-derived ids, so rows may be sorted, filtered or regenerated. Like
Reviews (reviews.py), they are never erased by an import: a sheet adds or changes entries.

    entries_path(store, region, kind, plan_year)  → where they are stored
    load_entries(path) / save_entries(entries, path)
    merge_entries(stored, imported, base)         → stored updated cell by cell (edits
                                                  only, given the base)
    clear_cells(entries, cleared)                 → less the cells a person cleared (never a
                                                  newer entry)
    entry_cells(entry)                            → an entry as the cells it fills
    period_keys(periods), period_end(key)         → q1…q4, m1…m12, h1 h2 and when each ends
    disagrees(office, status)                     → the office's 完成状态 against yoy's status
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path

from compare.errors import YoyError
from compare.files import atomic_write, load_yaml, safe_name, validated
from compare.schema import Model
from compare.store.reviews import Base, digest, newer_cells
from compare.text import quoted

PERIODS: tuple[str, ...] = ("quarter", "month", "half")
# Period kind → (key prefix, months a period spans): q1…q4, m1…m12, h1 h2.
_PERIOD_SHAPE = {"quarter": ("q", 3), "month": ("m", 1), "half": ("h", 6)}
_PERIOD_KEY = re.compile(r"^([qmh])(\d{1,2})$")
# Office statuses that contradict yoy's (CommitmentStatus) reading of the next report.
_DISAGREE = {"done": {"not_reported"}, "not_started": {"delivered"}, "not_done": {"delivered"}}


class PlanEntry(Model):
    """What the office wrote in one row of the plan sheet."""
    progress: dict[str, str] = {}   # period key (q1, m7, h2) → 进展情况
    status: dict[str, str] = {}     # period key → plan_status key (done, in_progress, …)
    # the columns yoy pre-fills (from the text, the task row, last year's 台账):
    # only when the office changed what yoy wrote
    lead: str | None = None
    responsible: str | None = None
    deadline: str | None = None      # ISO date (2022-09-30), or the text typed when it names no day
    leader: str | None = None        # 责任领导
    contact: str | None = None       # 联系人
    problem: str | None = None       # 存在问题
    next_step: str | None = None     # 下一步措施
    actual: str | None = None        # targets: 实际值
    evidence: str | None = None
    note: str | None = None
    extra: dict[str, str] = {}       # columns the office added: header → text
    # statuses the office typed that yoy could not read (基本完成): field (status.q4) → the text
    # typed. Imported from wherever the file was, so the
    # brief never counts the status it replaced and the next 台账 shows it again; an edit of the
    # field that yoy reads clears it (merge_entries).
    unread: dict[str, str] = {}
    # the row's text when the entry was made: how it finds its row again when the report is
    # re-ingested and the row's id changes (store.reviews.reattach_rows)
    text: str | None = None
    # cells a person cleared in a sheet (clear_cells): field → the digest of the value removed, so
    # that an older copy still holding that value cannot put it back (ver19 M2); a sheet written
    # since records it (plansheet: `cleared.<field>`), and typing the value there again stores it
    cleared: dict[str, str] = {}

    def latest_status(self) -> str | None:
        """The status of the latest period the office filled in (None: none filled, or the
        latest typed is one yoy could not read: unread_status)."""
        if self.unread_status() is not None:
            return None
        filled = [(period_end(k), v) for k, v in self.status.items() if v]
        return max(filled)[1] if filled else None

    def unread_status(self) -> tuple[str, str] | None:
        """(period key, text) of a status typed that yoy could not read, when no period after
        it holds one it could: the row's status is then unknown, never the one it replaced.

        >>> PlanEntry(status={"q3": "done", "q4": "done"},
        ...           unread={"status.q4": "基本完成"}).unread_status()
        ('q4', '基本完成')
        """
        unread = [(period_end(k), k, v) for f, v in self.unread.items()
                  for k in [f.partition(".")[2]] if f.startswith("status.") and v]
        if not unread:
            return None
        end, key, text = max(unread)
        later = [k for k, v in self.status.items() if v and period_end(k) > end]
        return None if later else (key, text)


class Unit(Model):
    """A line of the 单位 sheet: a unit the 牵头单位/责任单位 drop-downs offer."""
    name: str
    leader: str | None = None
    contact: str | None = None
    note: str | None = None


class RowNumber(Model):
    """A 工作台账 row's 序号 as a 台账 was issued with it, and the row's text then (how it follows
    its row when the row's id changes, as an entry does: store.reviews.reattach_rows)."""
    number: int
    text: str | None = None


class PlanEntries(Model):
    region: str
    kind: str
    plan_year: int
    measures: dict[str, PlanEntry] = {}  # measure or task-section id → entry
    targets: dict[str, PlanEntry] = {}
    units: list[Unit] = []               # the 单位 sheet, in the office's order
    # a file's name → the typed cells its last import skipped (where and why): `yoy brief` names
    # them whatever folder the file was imported from (ua19 H2: an inbox's were never said)
    skipped: dict[str, list[str]] = {}
    # measure id → its 序号, recorded when a re-ingest would renumber the rows (row_numbers): a
    # number a unit quoted keeps naming its task; a number whose task is gone is never given again
    numbers: dict[str, RowNumber] = {}


def row_numbers(rows: Sequence[tuple[str, str]], stored: Mapping[str, RowNumber]
                ) -> dict[str, RowNumber]:
    """The 序号 of each row (id, text), in printed order: the `stored` one where the row has one,
    else the next after every number ever given (a new task gets a new number, in its section;
    none points to another task than it did). With nothing stored, 1, 2, … as printed.

    >>> issued = {"a": RowNumber(number=1), "b": RowNumber(number=2), "c": RowNumber(number=3)}
    >>> {k: n.number for k, n in row_numbers([("a", "修路"), ("c", "建桥"), ("d", "植树")],
    ...                                      issued).items()}
    {'a': 1, 'c': 3, 'd': 4}
    """
    last = max((n.number for n in stored.values()), default=0)
    out: dict[str, RowNumber] = {}
    for rid, text in rows:
        if rid in stored:
            out[rid] = stored[rid]
        else:
            last += 1
            out[rid] = RowNumber(number=last, text=text)
    return out


_UNREAD = "unread."
# The cells of an entry that are one field each; per period and added columns are `field.key`.
_NESTED = ("progress", "status", "extra", "unread")


def entry_cells(entry: PlanEntry | Unit | None) -> dict[str, str]:
    """An entry as the cells it fills, field → text: `progress.q1`, `status.q1`, `extra.<header>`
    for the nested ones (what store.reviews.newer_cells compares, cell by cell). Not `text` nor
    `cleared`, which are no office cells.

    >>> entry_cells(PlanEntry(status={"q1": "done"}, lead="市发改委", text="…"))
    {'status.q1': 'done', 'lead': '市发改委'}
    """
    if entry is None:
        return {}
    out: dict[str, str] = {}
    for field, value in entry.model_dump(exclude_none=True,
                                         exclude={"text", "name", "cleared"}).items():
        if field in _NESTED:
            out.update({f"{field}.{k}": v for k, v in value.items()})
        else:
            out[field] = value
    return out


def _shown(entry: PlanEntry | Mapping[str, str] | None) -> dict[str, str]:
    """An entry's cells (or a sheet's digests of them) as the 台账 shows them, for
    store.reviews.newer_cells: a status typed that yoy could not read (PlanEntry.unread) is what
    its period's cell holds, and a status cell is what a status typed there replaces, so that
    typing 未完成 over 基本完成, or 基本完成 over 已完成, is compared with what the sheet was
    written with (not the 'done' the unread value hides).

    >>> _shown(PlanEntry(status={"q4": "done"}, unread={"status.q4": "基本完成"}))
    {'status.q4': '基本完成', 'unread.status.q4': '基本完成'}
    """
    cells = dict(entry) if isinstance(entry, Mapping) else entry_cells(entry)
    typed = {f.removeprefix(_UNREAD): v for f, v in cells.items() if f.startswith(_UNREAD)}
    plain = {f"{_UNREAD}{f}": v for f, v in cells.items()
             if f.startswith("status.") and f"{_UNREAD}{f}" not in cells}
    return {**cells, **typed, **plain}


def _from_cells(cells: dict[str, str], text: str | None,
                cleared: Mapping[str, str] | None = None) -> PlanEntry:
    fields: dict = {f: {} for f in _NESTED}
    fields["cleared"] = dict(cleared or {})
    for key, value in cells.items():
        field, _, sub = key.partition(".")
        if field in _NESTED:
            fields[field][sub] = value
        else:
            fields[field] = value
    return PlanEntry(**fields, text=text)


def period_keys(periods: str) -> list[str]:
    """The keys of the periods of a year, in order.

    >>> period_keys("half")
    ['h1', 'h2']
    """
    if periods not in _PERIOD_SHAPE:
        raise YoyError(periods, f"unknown periods (choose {', '.join(PERIODS)})")
    prefix, months = _PERIOD_SHAPE[periods]
    return [f"{prefix}{n}" for n in range(1, 12 // months + 1)]


def period_end(key: str) -> int:
    """The month a period ends in, so entries of different period kinds order by time.

    >>> [period_end(k) for k in ("q2", "m5", "h1")]
    [6, 5, 6]
    """
    m = _PERIOD_KEY.match(key)
    if not m:
        raise YoyError(key, "not a period key (q1…q4, m1…m12, h1 h2)")
    months = {p: n for p, n in _PERIOD_SHAPE.values()}[m.group(1)]
    return int(m.group(2)) * months


def entries_path(store: Path, region: str, kind: str, plan_year: int) -> Path:
    return Path(store) / "reviews" / (f"{safe_name(region, 'region')}-{safe_name(kind, 'kind')}-"
                                      f"{plan_year}-plan.yaml")


def load_entries(path: Path) -> PlanEntries | None:
    """The office's entries stored at `path`, or None when there is no file yet."""
    path = Path(path)
    return validated(PlanEntries, load_yaml(path), path) if path.is_file() else None


def save_entries(entries: PlanEntries, path: Path) -> None:
    """Store `entries` as YAML (sorted keys, so diffs stay small), atomically."""
    import yaml

    text = yaml.safe_dump(entries.model_dump(exclude_none=True, exclude_defaults=True) | {
        "region": entries.region, "kind": entries.kind, "plan_year": entries.plan_year},
        allow_unicode=True, sort_keys=True, default_flow_style=False)
    atomic_write(Path(path), text.encode("utf-8"))


def merge_entries(stored: PlanEntries | None, imported: PlanEntries, base: Base | None = None,
                  prefilled: Mapping[str, Mapping[str, Collection[str]]] | None = None, *,
                  clashes: list[tuple[str, str, str]] | None = None,
                  name: Callable[[str, str, str], str] | None = None) -> tuple[
                      PlanEntries, list[str]]:
    """`stored` updated with `imported`, cell by cell (a field, a period's progress or status, an
    added column), and warnings. An empty imported cell keeps the stored value, so a sheet can
    add or change entries; a cell cleared in it is clear_cells'.

    base (table → id → field → digest, from the sheet's _yoy: store.reviews.base_of) is what the
    sheet was written with: a cell left as written is no edit, so an older sheet never reverts
    newer entries (store.reviews.newer_cells, as for reviews). prefilled (table → id → fields)
    are the cells yoy filled in itself (a unit read from the text, the plan year's end): left as
    written, they are not the office's, and stay unstored. Without a base (a sheet from before
    yoy recorded one) every filled cell is taken. Units (the 单位 sheet) are taken as filled.
    `clashes` collects (table, id, field) of the cells edited both in the sheet and, since it was
    written, in the store (store.reviews.newer_cells); `name` names a cell in its warnings.
    """
    if stored is not None and (stored.region, stored.kind, stored.plan_year) != (
            imported.region, imported.kind, imported.plan_year):
        raise YoyError(imported.region, f"cannot merge the {imported.plan_year} plan entries of "
                                        f"{imported.region} into those of {stored.region} "
                                        f"{stored.plan_year}")
    warnings: list[str] = []
    merged: dict[str, dict[str, PlanEntry]] = {}
    for table in ("measures", "targets"):
        entries = dict(getattr(stored, table)) if stored else {}
        for rid, new in getattr(imported, table).items():
            old = entries.get(rid)
            update = entry_cells(new)
            if base is not None:
                written = base.get(table, {}).get(rid, {})
                mine = (prefilled or {}).get(table, {}).get(rid, ())
                update = {f: v for f, v in update.items()
                          if not (f in mine and digest(v) == written.get(f))}
                update = newer_cells(table, rid, update, _shown(old),
                                     _shown({f: d for f, d in written.items() if f not in mine}),
                                     warnings, clashes, name)
            update = _not_cleared(table, rid, update, old, base.get(table, {}).get(rid, {})
                                  if base is not None else {}, warnings)
            if update:
                cells = {**entry_cells(old), **update}
                for f in update:   # a value yoy reads typed since clears the one it could not
                    if not f.startswith(_UNREAD) and f"{_UNREAD}{f}" not in update:
                        cells.pop(f"{_UNREAD}{f}", None)
                tombs = {f: d for f, d in (old.cleared if old else {}).items()
                         if f not in update and f"{_UNREAD}{f}" not in update}
                entries[rid] = _from_cells(cells, new.text or (old.text if old else None), tombs)
        merged[table] = entries
    units = {u.name: u for u in (stored.units if stored else [])}
    for unit in imported.units:
        units[unit.name] = Unit(name=unit.name, **{**entry_cells(units.get(unit.name)),
                                                   **entry_cells(unit)})
    return PlanEntries(region=imported.region, kind=imported.kind, plan_year=imported.plan_year,
                       units=list(units.values()), skipped=stored.skipped if stored else {},
                       numbers=stored.numbers if stored else {}, **merged), warnings


CLEARED = "cleared."


def _not_cleared(table: str, rid: str, update: dict[str, str], old: PlanEntry | None,
                 written: Mapping[str, str], warnings: list[str]) -> dict[str, str]:
    """`update` less the cells holding the very value a newer import cleared (PlanEntry.cleared),
    in a sheet written before that clear (its _yoy does not record it: `cleared.<field>`): an
    older copy that still shows the value never puts it back. A sheet written since, or another
    value, is an edit and is taken."""
    tombs = old.cleared if old is not None else {}
    if not tombs:
        return update
    shown = _shown(update)
    out = dict(update)
    for field, gone in tombs.items():
        value = shown.get(field)
        since = written.get(f"{CLEARED}{field}") == digest(gone)  # the sheet shows the clear
        if value is None or digest(value) != gone or since:
            continue
        out.pop(field, None)
        out.pop(f"{_UNREAD}{field}", None)
        warnings.append(f"{table} {rid} {field}: {quoted(value, 20)} was cleared by a newer "
                        "import; kept cleared")
    return out


def clear_cells(entries: PlanEntries, cleared: Mapping[str, Mapping[str, Mapping[str, str]]]
                ) -> tuple[PlanEntries, dict[tuple[str, str, str], tuple[str, str | None]]]:
    """`entries` less the cells a person cleared in a sheet (table → id → field → the digest of
    what the sheet was written with there), each only where the store still holds what the sheet
    showed: a cell cleared in an older sheet never erases a newer entry. A cell removed is recorded
    (PlanEntry.cleared: the digest of what it held), so that an older copy still showing the value
    cannot put it back (merge_entries). Returns the entries and,
    per (table, id, field) cleared, what became of it: ("removed", the value), ("newer", the
    store's value, kept) or ("none", None: the store held nothing, the cell showed yoy's own
    reading of the report)."""
    said: dict[tuple[str, str, str], tuple[str, str | None]] = {}
    tables: dict[str, dict[str, PlanEntry]] = {}
    for table in ("measures", "targets"):
        rows = dict(getattr(entries, table))
        for rid, fields in cleared.get(table, {}).items():
            entry = rows.get(rid)
            shown, cells = _shown(entry), entry_cells(entry)
            tombs = dict(entry.cleared) if entry is not None else {}
            for field, written in sorted(fields.items()):
                value = shown.get(field)
                if value is None:
                    said[(table, rid, field)] = ("none", None)
                elif digest(value) != written:
                    said[(table, rid, field)] = ("newer", value)
                else:
                    cells.pop(field, None)
                    cells.pop(f"{_UNREAD}{field}", None)
                    tombs[field] = written
                    said[(table, rid, field)] = ("removed", value)
            if entry is not None and cells != entry_cells(entry):
                rows[rid] = _from_cells(cells, entry.text, tombs)
        tables[table] = rows
    return entries.model_copy(update=tables), said


def disagrees(office: str | None, status: str) -> bool | None:
    """Whether the office's latest 完成状态 contradicts yoy's status from the next report
    (None when the office gave none).

    >>> disagrees("done", "not_reported"), disagrees("in_progress", "delivered")
    (True, False)
    """
    return None if office is None else status in _DISAGREE.get(office, set())

