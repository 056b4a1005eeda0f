"""The plan sheet's 汇总: measures counted by unit and by task, as the sheet and the brief
show them.

    counts(rows, key)            → measures by unit or task and status (the 汇总 sheet, the brief)
    totals(rows, statuses)       → every measure counted once
    summary_rows(rows, ...)      → the 汇总 rows: COUNTIFS over the 工作台账, yoy's counts cached
"""
from __future__ import annotations

from collections.abc import Collection
from typing import Any

from compare.workbook.cells import Formula, column_letters, sheet_ref
from compare.workbook.plan_units import unit_names
from compare.workbook.sheets import Book
from compare.workbook.template import Sheet, Template

# A row's status (`_status`) when the latest one typed is a value yoy could not read
# (PlanEntry.unread_status): 汇总's 状态无法识别, named by the brief.
UNREAD = "unread"


def counts(rows: list[dict], key: str, statuses: list[str],
           listed: Collection[str] | None = None) -> dict[str, dict[str, int]]:
    """Measures (not task rows) by their cell in column `key` (lead, task; "" when empty) →
    {"total": n, status: n for `statuses`, "none": n with no status yet}: the 汇总 sheet's
    cached results and the brief's figures. With `listed` (the 单位 sheet's names), a cell naming
    several units (unit_names) counts the measure for each: a joint measure is each one's.

    >>> rows = [{"lead": "市发改委、市财政局", "_status": "done"},
    ...         {"lead": "市发改委", "_status": None}]
    >>> {u: c["total"] for u, c in counts(rows, "lead", ["done"], []).items()}
    {'市发改委': 2, '市财政局': 1}
    """
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        if row.get("_look") == "group":
            continue
        for name in (unit_names(row[key], listed) or [""]) if listed is not None \
                else [row[key] or ""]:
            c = out.setdefault(name, {"total": 0, "none": 0, **dict.fromkeys(statuses, 0)})
            c["total"] += 1
            status = row["_status"] or "none"
            if status in c:
                c[status] += 1
    return out


def totals(rows: list[dict], statuses: list[str]) -> dict[str, int]:
    """counts of every measure once (a joint measure, counted for each of its units, too)."""
    return counts([{**r, "_all": ""} for r in rows], "_all", statuses).get(
        "", {"total": 0, "none": 0, **dict.fromkeys(statuses, 0)})


def summary_rows(rows: list[dict], spec: Sheet, book: Book, tpl: Template,
                 listed: Collection[str] = ()) -> list[dict]:
    """The 汇总 rows: per lead unit, then per task, measures by 当前状态 as COUNTIFS over the
    工作台账 (so they follow the sheet as units fill it in), with yoy's own count as the cached
    result. Task rows of the 工作台账 have no number in 序号 and are not counted. A measure led
    jointly (市发改委、市财政局) counts for each unit it names (`listed`: the 单位 sheet's names,
    unit_names): its unit's row sums a COUNTIFS per 牵头单位 text naming it; 合计 counts it once."""
    lang = book.lang
    letters = column_letters(spec)
    sheet = sheet_ref(book.names["plan"])
    first, last = 3, 2 + max(len(rows), 1)

    def rng(key: str) -> str:
        return f"{sheet}!${letters[key]}${first}:${letters[key]}${last}"

    cols = [c.key for c in tpl.sheets.plan_summary.columns]
    statuses = [c.partition(".")[2] for c in cols
                if c.startswith("count.") and c not in ("count.none", f"count.{UNREAD}")]
    label = {k: tpl.term("plan_status", k, lang) for k in tpl.vocab["plan_status"]}
    from xlsxwriter.utility import xl_col_to_name
    at = {k: xl_col_to_name(i) for i, k in enumerate(cols)}

    def block(criteria: str | list[str], c: dict[str, int], name: str,
              look: str = "cell") -> dict:
        def count(more: str) -> str:   # one COUNTIFS per criteria, summed
            return "=" + "+".join(f'COUNTIFS({rng("seq")},">0"{one}{more})'
                                  for one in ([criteria] if isinstance(criteria, str)
                                              else criteria))
        row: dict[str, Any] = {"_look": look, "name": name}
        for key in cols:
            kind, _, status = key.partition(".")
            if key == "total":
                row[key] = Formula(count(""), c["total"])
            elif kind == "count" and status == UNREAD:
                # what 当前状态 shows that is neither empty nor a status yoy reads (差不多, stored
                # as typed, or typed since): the measures the other columns leave out
                others = "+".join(f"{at[k]}{{row}}" for k in cols
                                  if k.startswith("count.") and k != key)
                row[key] = Formula(f"={at['total']}{{row}}-({others})", c.get(UNREAD, 0))
            elif kind == "count" and status == "none":
                row[key] = Formula(count(f',{rng("current_status")},""'), c["none"])
            elif kind == "count":
                row[key] = Formula(count(f',{rng("current_status")},{_xl(label[status])}'),
                                   c.get(status, 0))
            elif kind == "share":
                # empty, not 0%, while none of the measures has a status (a unit that filed
                # nothing has no rate yet)
                total, part = (f"{at['total']}{{row}}",
                               f"{at.get('count.' + status, at['total'])}{{row}}")
                none = f"{at['count.none']}{{row}}" if "count.none" in at else "0"
                value = (c.get(status, 0) / c["total"] if c["total"] - c["none"] > 0 else "")
                row[key] = Formula(f'=IF({total}-{none}<=0,"",{part}/{total})', value)
            elif key != "name":
                row[key] = None
        return row

    empty = {k: None for k in cols}
    counted = [*statuses, UNREAD]
    by_unit, by_task = counts(rows, "lead", counted, listed), counts(rows, "task", counted)
    out: list[dict] = [{**empty, "_look": "group", "name": tpl.label("plan_by_unit", lang)}]
    cells = sorted({r["lead"] for r in rows if r.get("_look") != "group" and r["lead"]})
    for unit in [u for u in by_unit if u]:
        # the unit's own cell (its name in column A), then each joint one naming it
        naming = sorted((t for t in cells if unit in unit_names(t, listed)),
                        key=lambda t: t != unit)
        out.append(block([f',{rng("lead")},' + ("$A{row}" if t == unit else _xl(t))
                          for t in naming], by_unit[unit], unit))
    if "" in by_unit:
        out.append(block(f',{rng("lead")},""', by_unit[""], tpl.label("plan_no_lead", lang)))
    out.append(block("", totals(rows, counted), tpl.label("total", lang), "group"))
    out.append({**empty, "_look": "group", "name": tpl.label("plan_by_task", lang)})
    headings = {r["task"]: r.get("_heading", r["measure"]) for r in rows
                if r.get("_look") == "group"}
    # every task in the sheet's order, one without measures too (0: a unit given it files on its
    # heading row; user review ua19)
    for task, c in {**{t: totals([], counted) for t in headings}, **by_task}.items():
        out.append(block(f',{rng("task")},{_xl(task)}', c, headings.get(task, task)))
    return out


def _xl(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
