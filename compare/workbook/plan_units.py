"""The units a plan sheet names (牵头单位, 责任单位) and the rows each one is given.

    unit_names(cell, listed)     → the units one cell names (市发改委、市财政局: two)
    unit_rows(entries, rows)     → the 单位 sheet: the units the drop-downs offer
    units_people(leads, ...)     → a measure's 责任领导/联系人 from its units' rows
    only_rows(rows, key, unit)   → the measures one unit fills in (yoy plan --split-by)
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from compare.store.plan_entries import PlanEntries, PlanEntry, Unit

# A unit's name in a cell naming several: 市发改委、市财政局
_UNIT_PART = re.compile(r"[^、，,；;/\s]+")


def unit_names(cell: str | None, listed: Collection[str] = ()) -> list[str]:
    """The units named in a 牵头单位/责任单位 cell: a name the 单位 list holds (`listed`) is one
    unit whatever punctuation it holds (市科委、中关村管委会, one body), the longest such run of the
    cell's parts first; the rest is split at 、，,；;/ and spaces.

    >>> unit_names("市发改委、市财政局")
    ['市发改委', '市财政局']
    >>> unit_names("市科委、中关村管委会、市财政局", ["市科委、中关村管委会"])
    ['市科委、中关村管委会', '市财政局']
    """
    text = (cell or "").strip()
    if not text:
        return []
    if text in listed:
        return [text]
    # the cell's parts and where each starts and ends, so a run of them is the cell's own text
    parts = [(m.start(), m.end()) for m in _UNIT_PART.finditer(text)]
    out: list[str] = []
    i = 0
    while i < len(parts):
        j = next((j for j in range(len(parts), i + 1, -1)
                  if text[parts[i][0]:parts[j - 1][1]] in listed), i + 1)
        out.append(text[parts[i][0]:parts[j - 1][1]])
        i = j
    return out


def unit_rows(entries: PlanEntries | None, rows: list[dict]) -> list[dict]:
    """The 单位 sheet: the stored list in the office's order, then units named in the rows."""
    listed = {u.name: u for u in (entries.units if entries else [])}
    for row in rows:
        for name in (*unit_names(row.get("lead"), listed),
                     *unit_names(row.get("responsible"), listed)):
            listed.setdefault(name, Unit(name=name))
    return [{"name": u.name, "leader": u.leader, "contact": u.contact, "note": u.note}
            for u in listed.values()]


def units_people(leads: list[str], units: Mapping[str, Unit], field: str,
                  group: PlanEntry) -> str | None:
    """责任领导 or 联系人 (`field`) of a measure led by `leads`: its unit's on the 单位 sheet, else
    the task row's; of a joint measure, each unit's in turn (谈绪祥、吴素芳), or none when a unit
    has none listed: never one unit's people as if they were the other's (UA 2026-12-05)."""
    people = [getattr(units[u], field) if u in units else None for u in leads]
    if len(leads) > 1:
        return "、".join(p for p in people if p) if all(people) else None
    return people[0] if people and people[0] else getattr(group, field)


def only_rows(rows: list[dict], key: str, unit: str, listed: Collection[str]) -> list[dict]:
    """The measures whose `key` column names `unit` ("": names none), under their task rows
    (`listed`: the 单位 sheet's names, each one unit: unit_names)."""
    out: list[dict] = []
    task: dict | None = None
    for row in rows:
        if row.get("_look") == "group":
            task = row
        elif (unit in unit_names(row[key], listed)) if unit else not unit_names(row[key]):
            if task is not None:
                out.append(task)
                task = None
            out.append(row)
    return out
