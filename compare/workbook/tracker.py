"""The multi-year tracker workbook: a region and kind's threads and target series (engine.threads).

    write_tracker_workbook(threads, series, path, …)   → the .xlsx, atomically

One row per step of a thread (filter a thread to follow it: decades of reports stay small)
and one per target and year, with a line chart of target and actual for every indicator
planned more than once; the charts find their columns by key in the template.
"""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from compare.engine.threads import TargetPoint, Thread
from compare.workbook.sheets import load_template, write_sheets

# A chart's size beside its indicator's rows, as a share of XlsxWriter's default (480 × 288 px).
CHART_SCALE = {"x_scale": 0.8, "y_scale": 0.6}
# The series each chart draws (target low, actual) against the year, by column key.
CHARTED, CATEGORY = ("low", "actual"), "year"


def write_tracker_workbook(threads: list[Thread], series: dict[str, list[TargetPoint]], path: Path, *,
                           lang: str = "zh", templates: Path | None = None) -> Path:
    """Write the tracker of `threads` and target `series` at `path`, atomically; return `path`."""
    steps = [{"thread": f"T{n}", "carried_over": t.carried_over, "year": s.year, "id": s.commitment_id,
              "text": s.text, "status": s.status, "review_status": s.reviewer}
             for n, t in enumerate(threads, 1) for s in t.steps]
    points = [{"indicator": name, **asdict(p)} for name, ps in series.items() for p in ps]
    columns = [c.key for c in load_template(templates).sheets.tracker_targets.columns]
    at = {key: i for i, key in enumerate(columns)}
    charted = [at[k] for k in CHARTED if k in at]

    def charts(wb: Any, sheets: dict[str, Any]) -> None:
        """A line chart per indicator with more than one year: target and actual."""
        ws, row = sheets["tracker_targets"], 1
        for name, ps in series.items():
            last = row + len(ps) - 1
            if len(ps) > 1 and charted and CATEGORY in at:
                chart = wb.add_chart({"type": "line"})
                for col in charted:
                    chart.add_series({"name": [ws.name, 0, col],
                                      "categories": [ws.name, row, at[CATEGORY], last, at[CATEGORY]],
                                      "values": [ws.name, row, col, last, col], "marker": {"type": "circle"}})
                chart.set_title({"name": name})
                ws.insert_chart(row, len(columns) + 1, chart, dict(CHART_SCALE))  # right of the table
            row = last + 1
    return write_sheets(path, [("tracker_commitments", steps), ("tracker_targets", points)],
                        lang=lang, templates=templates, decorate=charts)
