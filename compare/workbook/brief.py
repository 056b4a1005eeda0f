"""The year-end brief: a 督查通报 draft (.docx) from the office's 台账 entries.

In December the office reports on the year from the filled 台账: how many measures are done,
on track, lagging; the same by lead unit; and each lagging or unfinished measure with its
存在问题 and 下一步措施. This writes that document as a draft to edit, with the counts of the
台账's 汇总 sheet (plansheet.counts over the same rows), dated.

    write_brief(report, entries, path, when=…)  → the .docx, atomically
"""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from compare.files import atomic_write
from compare.kinds import load_kind
from compare.schema import Report
from compare.store.plan_entries import PERIODS, PlanEntries, PlanEntry, period_end, period_keys
from compare.workbook.cells import Formula
from compare.workbook.plan_summary import counts, totals
from compare.workbook.plan_targets import target_rows, typed_actual
from compare.workbook.plansheet import (
    UNREAD,
    gone_entries,
    gone_targets,
    plan_rows,
)
from compare.workbook.template import Template, fill, load_template


def _day(d: date, tpl: Template, lang: str) -> str:
    """`d` as the template writes a date: {year} {month} {day}, or {mm} {dd} with two digits."""
    return fill(tpl.brief.texts["date"].get(lang), {"year": d.year, "month": d.month,
                                                    "day": d.day, "mm": f"{d.month:02}",
                                                    "dd": f"{d.day:02}"})


def write_brief(report: Report, entries: PlanEntries, path: Path, *, when: date,
                periods: str = "quarter",
                lang: str = "zh", templates: Path | None = None) -> Path:
    """Write the brief of `report`'s plan year at `path` (.docx), dated `when`; return `path`.
    Same entries and date, same bytes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    tpl, kind = load_template(templates), load_kind(report.kind, templates)
    look = tpl.brief

    def text(key: str, **values: Any) -> str:
        return fill(look.texts[key].get(lang), values)

    rows = [r for r in plan_rows(report, periods=periods, entries=entries, lang=lang,
                                 templates=templates)
            if r.get("_look") != "group"]
    # 汇总's 状态无法识别 is the table's only while there are such (below)
    summary_cols = [c for c in tpl.sheets.plan_summary.columns if c.key != f"count.{UNREAD}"]
    statuses = [c.key.partition(".")[2] for c in summary_cols if c.key.startswith("count.")
                and c.key != "count.none"]
    # a joint measure (市发改委、市财政局) counts for each unit it names, as in 汇总; 合计 once
    by_unit = counts(rows, "lead", statuses, [u.name for u in entries.units])
    total = totals(rows, statuses)
    label = {k: tpl.term("plan_status", k, lang) for k in tpl.vocab["plan_status"]}
    not_given = text("not_given")

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(28)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    _font(doc.styles["Normal"], look.font, look.size)

    def paragraph(content: str, *, font: str | None = None, size: float | None = None,
                  bold: bool = False,
                  centre: bool = False, right: bool = False) -> None:
        p = doc.add_paragraph()
        if centre or right:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.RIGHT
        else:
            # two characters, as official documents do
            p.paragraph_format.first_line_indent = Pt(2 * look.size)
        run = p.add_run(content)
        run.bold = bold
        if font or size:
            _font(run, font or look.font, size or look.size)

    title = kind.title("brief", lang, report.region, report.plan_year)
    paragraph(title, font=look.title_font, size=look.title_size, centre=True)
    paragraph(text("draft"), centre=True)
    today = _day(when, tpl, lang)
    paragraph(text("intro", year=report.plan_year, date=today))

    # a 督查通报 opens with the year's targets: 目标值, the 实际值 the office typed, met or not
    paragraph(text("targets"), font=look.heading_font)
    targets = target_rows(report, entries, lang, templates)
    if targets:
        from compare.engine.judge import verdict
        heads = {c.key: c.get(lang) for c in tpl.sheets.plan_targets.columns}
        grid = doc.add_table(rows=1, cols=4)
        grid.style = "Table Grid"
        for cell, head in zip(grid.rows[0].cells, (heads["indicator"], heads["target"],
                                                   heads["actual"], text("target_met")),
                              strict=True):
            cell.text = head
        for t, row in zip(report.targets, targets, strict=True):
            value = typed_actual(row["actual"], t, tpl)
            met = (tpl.term("target", verdict(t, value, kind.indicator(t.indicator)), lang)
                   if value is not None else text("not_judged"))
            # a bare figure typed (5.4) with the target's unit, as 目标值 and a figure typed with
            # it (4.3%) show theirs: one column read alike (UA 2026-12-05)
            actual = (row["actual"].strip() + t.unit if value is not None and t.unit
                      and not row["actual"].strip().endswith(t.unit) else row["actual"])
            for cell, content in zip(grid.add_row().cells,
                                     (row["indicator"], row["target"] or row["text"],
                                      actual or not_given, met), strict=True):
                cell.text = content
        _table_look(grid, look.font, look.table_size, look.target_widths)
    else:
        paragraph(text("no_targets"))
    # 实际值 typed against a target's earlier wording (its figure corrected in a 更正版): not the
    # table's, so said, never shown as 未填报 alone (ua22b F2)
    orphans = gone_targets(entries, report)
    if orphans:
        paragraph(text("gone_targets", count=len(orphans), items=text("separator").join(
            text("gone_target", target=e.text or rid, actual=e.actual or not_given)
            for rid, e in orphans)))

    paragraph(text("overall"), font=look.heading_font)
    shares = {c.key.partition(".")[2] for c in summary_cols if c.key.startswith("share.")}
    parts = []
    for status in [*statuses, "none"]:
        name = label.get(status) or next(c.get(lang) for c in summary_cols if c.key == "count.none")
        part = text("count", status=name, count=total[status])
        if status in shares and total["total"]:
            part += text("share", share=f"{total[status] / total['total']:.1%}")
        parts.append(part)
    unread = [r for r in rows if r["_status"] == UNREAD]
    if unread:
        parts.append(text("count", status=text("unread_count"), count=len(unread)))
    paragraph(text("totals", year=report.plan_year, total=total["total"],
                   counts=text("separator").join(parts)))
    if unread:
        labels = tpl.periods.get(periods) or []  # type: ignore[call-overload]
        period_label = dict(zip(period_keys(periods), (p.get(lang) for p in labels),
                                strict=False))
        items = []
        for r in unread:
            key, typed = entries.measures[r["id"]].unread_status() or ("", "")
            items.append(text("unread_item", measure=r["measure"], lead=r["lead"] or not_given,
                              period=period_label.get(key, key), text=typed))
        paragraph(text("unread", count=len(unread), items=text("separator").join(items)))

    # entries of tasks the report no longer has (re-ingested without them): counted nowhere,
    # so said, lest a unit's work vanish from the 通报 unseen (ua19 M1)
    gone = gone_entries(entries, report)
    if gone:
        # the latest status filled, with its period: the lead unit alone read as the status when
        # none was given (ver19 M1: 确保完成…考核（未填报） of a task with a Q1 status)
        named = {k: p.get(lang) for kind in PERIODS for k, p in zip(
            period_keys(kind), tpl.periods.get(kind) or [],  # type: ignore[call-overload]
            strict=False)}

        def latest(e: PlanEntry) -> str:
            filled = [(period_end(k), k) for k, v in e.status.items() if v]
            if not filled:
                return not_given
            key = max(filled)[1]
            typed = e.unread.get(f"status.{key}") or label.get(e.status[key], e.status[key])
            return text("gone_latest", period=named.get(key, key), status=typed)
        paragraph(text("gone", count=len(gone), items=text("separator").join(
            text("gone_item", measure=e.text or rid, lead=e.lead or not_given, latest=latest(e))
            for rid, e in gone)))

    paragraph(text("by_unit"), font=look.heading_font)
    # (key, header) of the table's columns: 汇总's, and while a measure's status could not be
    # read, a column of those after 未填报 (UA 2026-12-05: 合计 126, its columns adding to 125)
    lead = next(c.get(lang) for c in tpl.sheets.plan.columns if c.key == "lead")
    columns = [(c.key, lead if c.key == "name" else c.get(lang)) for c in summary_cols]
    if unread:
        at = next((i + 1 for i, (k, _) in enumerate(columns) if k == "count.none"), len(columns))
        columns.insert(at, (f"count.{UNREAD}", text("unread_column")))
        by_unit = counts(rows, "lead", [*statuses, UNREAD], [u.name for u in entries.units])
        total = totals(rows, [*statuses, UNREAD])
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, (_, head) in zip(table.rows[0].cells, columns, strict=True):
        cell.text = head
    units = [(u or tpl.label("plan_no_lead", lang), c)
             for u, c in sorted(by_unit.items(), key=lambda uc: uc[0] == "")]
    for name, c in [*units, (tpl.label("total", lang), total)]:
        cells = table.add_row().cells
        for cell, (key, _) in zip(cells, columns, strict=True):
            kind_, _, status = key.partition(".")
            cell.text = (name if key == "name" else str(c["total"]) if key == "total"
                         else str(c.get(status, 0)) if kind_ == "count"
                         else f"{c.get(status, 0) / c['total']:.1%}" if kind_ == "share"
                         and c["total"] > c["none"] else "")   # no rate before any status
    # the unit's name wide enough for two lines, a rate (60.0%) on one: not Word's even split;
    # an added column narrows them all alike, within the page
    widths = [look.unit_width if key == "name" else look.rate_width
              if key.startswith("share.") else look.count_width for key, _ in columns]
    page = look.unit_width + sum(look.rate_width if c.key.startswith("share.") else
                                 look.count_width for c in summary_cols if c.key != "name")
    _table_look(table, look.font, look.table_size, [w * page / sum(widths) for w in widths])

    paragraph(text("flagged"), font=look.heading_font)
    flagged = [r for r in rows if r["_status"] in look.flagged]
    if not flagged:
        paragraph(text("none_flagged"))
    for n, r in enumerate(flagged, 1):
        deadline = r["deadline"]
        progress = (r["current_progress"].value
                    if isinstance(r["current_progress"], Formula) else None)
        paragraph(f"{n}. " + text("item", measure=r["measure"], lead=r["lead"] or not_given,
                                  deadline=_day(deadline, tpl, lang) if isinstance(deadline, date)
                                  else deadline,
                                  status=label.get(r["_status"], r["_status"])), bold=True)
        for key, value in (("progress", progress), ("problem", r["problem"]),
                           ("next_step", r["next_step"])):
            if key == "progress" and not value:
                continue
            paragraph(text(key, text=value or not_given))

    paragraph(text("requests"), font=look.heading_font)
    paragraph(text("requests_text"))
    paragraph(today, right=True)  # dated at the foot, as a 通报 is

    moment = datetime(when.year, when.month, when.day)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "yoy", "yoy"
    props.created = props.modified = moment
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    atomic_write(Path(path), _fixed_times(buf.getvalue(), moment))
    return Path(path)


def _table_look(table: Any, font: str, size: float, widths: list[float]) -> None:
    """A table's text in `font` at `size`, its columns `widths` mm wide (Word and LibreOffice
    take a column's width from the grid and from each cell)."""
    from docx.shared import Mm
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for n, cell in enumerate(row.cells):
            cell.width = Mm(widths[n])
            for p in cell.paragraphs:
                for run in p.runs:
                    _font(run, font, size)


def _font(target: Any, name: str, size: float) -> None:
    """A style's or run's font, for CJK text too (Word takes East Asian text's font
    from its own attribute)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    target.font.name = name
    target.font.size = Pt(size)
    rpr = target.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _fixed_times(docx: bytes, moment: datetime) -> bytes:
    """The document's zip members stamped `moment`, not the time of writing:
    same input, same bytes."""
    out = io.BytesIO()
    stamp = (max(moment.year, 1980), moment.month, moment.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w",
                                                                   zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(zipfile.ZipInfo(info.filename, date_time=stamp), zin.read(info.filename),
                          compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
