"""The multi-year tracker workbook: a region and kind's threads and target series (engine.threads).

    write_tracker_workbook(threads, series, path, …)   → the .xlsx, atomically

A legend sheet says what each column and status means. One row per step of a thread (filter a thread
to follow it: decades of reports stay small) and one per target and year, with a line chart of
target and actual for every indicator planned more than once with a figure to draw; the charts find
their columns by key in the template, and each stands beside its indicator's rows or, when
the chart above reaches further, below that one: they never overlap.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from compare.engine.threads import TargetPoint, Thread
from compare.workbook.sheets import legend_rows, write_sheets
from compare.workbook.template import fill, load_template, sheet_names

# A chart's size beside its indicator's rows, as a share of XlsxWriter's default (480 × 288 px).
CHART_SCALE = {"x_scale": 0.8, "y_scale": 0.6}
_CHART_HEIGHT, _ROW_HEIGHT = 288, 20   # pixels: XlsxWriter's chart, a default row (15 pt)
# Rows a chart spans, and one empty row between two charts.
CHART_ROWS = math.ceil(_CHART_HEIGHT * CHART_SCALE["y_scale"] / _ROW_HEIGHT) + 1
# The series each chart may draw (target low and high, actual) against the year, by column key;
# a series without a figure, or repeating one drawn, is left out; an indicator without a figure
# gets no chart.
CHARTED, CATEGORY = ("low", "high", "actual"), "year"


def write_tracker_workbook(threads: list[Thread], series: dict[str, list[TargetPoint]],
                           path: Path, *,
                           lang: str = "zh", templates: Path | None = None,
                           about: Mapping[str, Any] | None = None) -> Path:
    """Write the tracker of `threads` and target `series` at `path`, atomically; return `path`.
    `about` (region, kind: its name, first_year, last_year) titles each sheet, above its header
    and in its printed pages' header (the template's tracker_title)."""
    steps = [{"thread": f"T{n}", "carried_over": t.carried_over, "year": s.year,
              "id": s.commitment_id,
              "text": s.text, "status": s.status, "review_status": s.reviewer}
             for n, t in enumerate(threads, 1) for s in t.steps]
    points = [{"indicator": name, **asdict(p)} for name, ps in series.items() for p in ps]
    tpl = load_template(templates)
    columns = [c.key for c in tpl.sheets.tracker_targets.columns]
    at = {key: i for i, key in enumerate(columns)}

    def charts(wb: Any, sheets: dict[str, Any]) -> None:
        """A line chart per indicator with more than one year and a figure: target and actual."""
        # the header below the title row (when titled), the rows below it; free: the first row
        # below the last chart
        head = 0 if about is None else 1
        ws, row, free = sheets["tracker_targets"], head + 1, head + 1
        for name, ps in series.items():
            last = row + len(ps) - 1
            drawn: list[str] = []
            for key in (k for k in CHARTED if k in at):
                values = [getattr(p, key) for p in ps]
                # a target with one bound (以上, 以内) or the same two (左右) is drawn once
                if any(v is not None for v in values) and values not in (
                        [getattr(p, k) for p in ps] for k in drawn):
                    drawn.append(key)
            if len(ps) > 1 and drawn and CATEGORY in at:
                chart = wb.add_chart({"type": "line"})
                for key in drawn:
                    chart.add_series({"name": [ws.name, head, at[key]],
                                      "categories": [ws.name, row, at[CATEGORY], last,
                                                     at[CATEGORY]],
                                      "values": [ws.name, row, at[key], last, at[key]],
                                      "marker": {"type": "circle"}})
                chart.set_title({"name": name})
                anchor = max(row, free)
                # right of the table
                ws.insert_chart(anchor, len(columns) + 1, chart, dict(CHART_SCALE))
                free = anchor + CHART_ROWS
            row = last + 1
    tables = [("tracker_commitments", steps), ("tracker_targets", points)]
    legend = legend_rows(tpl, [key for key, _ in tables], lang)
    names = sheet_names(tpl, lang)
    titles = None if about is None else {
        key: fill(tpl.label("tracker_title", lang), {**about, "sheet": names[key]})
        for key in (*(k for k, _ in tables), "legend")}
    return write_sheets(path, [*tables, ("legend", legend)], lang=lang, templates=templates,
                        decorate=charts, titles=titles)
