"""The multi-year tracker: one region + kind followed across every stored year.

A commitment planned in N is followed to its evidence in N+1 and to the plan of
N+1 that carries it on, and so on; a thread of more than one year is a
recurring commitment. Targets become one series per indicator.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .pipeline import default_workbook
from .schema import Comparison, Report
from .scorers import tfidf_matrix
from .store import load_report, report_files

CARRIED = 0.25   # bigram cosine above which a plan item of N+1 carries on one of N


@dataclass
class Thread:
    steps: list[dict] = field(default_factory=list)   # {year, commitment_id, text, status, reviewer}

    @property
    def carried_over(self) -> int:
        return len(self.steps) - 1


def tracker_path(out: Path, region: str, kind: str) -> Path:
    return Path(out) / region / f"{kind}-tracker.xlsx"


def _series(store: Path, region: str, kind: str) -> list[Report]:
    reports = [r for r in map(load_report, report_files(store)) if (r.region, r.kind) == (region, kind)]
    return sorted(reports, key=lambda r: r.year)


def _comparisons(out: Path, reports: list[Report]) -> dict[int, Comparison]:
    """The pair comparisons `yoy run` wrote, without their diffs (the tracker never shows them)."""
    found = {}
    for old, new in zip(reports, reports[1:]):
        path = default_workbook(out, old.region, old.kind, old.year, new.year).with_suffix(".json")
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            data["diffs"] = []
            found[old.year] = Comparison.model_validate(data)
    return found


def threads(reports: list[Report], comparisons: dict[int, Comparison], reviews: dict[int, dict]) -> list[Thread]:
    """Follow every commitment through the years; a year's plan item joins the thread it best continues."""
    open_threads: dict[str, Thread] = {}
    out: list[Thread] = []
    prev: Report | None = None
    for r in reports:
        links: dict[str, Thread] = {}
        if prev is not None and prev.commitments and r.commitments:
            sim = tfidf_matrix([c.text for c in r.commitments], [c.text for c in prev.commitments])
            for i, c in enumerate(r.commitments):
                j = int(sim[i].argmax())
                key = prev.commitments[j].id
                if sim[i, j] >= CARRIED and key in open_threads and key not in {k for k in links}:
                    links[c.id] = open_threads[key]
        status = {x.commitment_id: x.status for x in comparisons[r.year].commitments} if r.year in comparisons else {}
        current: dict[str, Thread] = {}
        for c in r.commitments:
            t = links.get(c.id)
            if t is None:
                t = Thread()
                out.append(t)
            t.steps.append({"year": r.plan_year, "commitment_id": c.id, "text": c.text.split("\n")[0],
                            "status": status.get(c.id, ""), "reviewer": reviews.get(r.year, {}).get(c.id, "")})
            current[c.id] = t
        open_threads, prev = current, r
    return out


def target_series(reports: list[Report], comparisons: dict[int, Comparison]) -> dict[str, list[dict]]:
    series: dict[str, list[dict]] = {}
    for r in reports:
        results = {t.target_id: t for t in comparisons[r.year].targets} if r.year in comparisons else {}
        for t in r.targets:
            res = results.get(t.id)
            series.setdefault(t.indicator, []).append({
                "year": r.plan_year, "comparator": t.comparator, "low": t.low, "high": t.high, "unit": t.unit,
                "actual": res.actual if res else None, "verdict": res.verdict if res else ""})
    return dict(sorted(series.items()))


def _reviews(store: Path, reports: list[Report]) -> dict[int, dict]:
    from .review import load_reviews, reviews_path
    found = {}
    for old, new in zip(reports, reports[1:]):
        rv = load_reviews(reviews_path(store, old.region, old.kind, old.year, new.year))
        if rv:
            found[old.year] = {k: v.status or "" for k, v in rv.commitments.items()}
    return found


def write_tracker(store: Path, out: Path, region: str, kind: str, *, lang: str = "zh",
                  reports: Optional[list[Report]] = None) -> Path:
    """Write `<out>/<region>/<kind>-tracker.xlsx` from the stored reports and the pair comparisons.

    `reports`: the series already loaded (by `yoy run`), in year order.
    """
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Alignment, Font

    reports = reports if reports is not None else _series(Path(store), region, kind)
    comparisons = _comparisons(Path(out), reports)
    zh = lang == "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "承诺跨年跟踪" if zh else "Commitments"
    # one row per step (thread, year): filter a thread to follow it; decades of reports stay small
    ws.append(["线索" if zh else "Thread", "连续年数" if zh else "Years carried over",
               "计划年份" if zh else "Plan year", "编号" if zh else "ID", "计划内容" if zh else "Plan item",
               "次年落实" if zh else "Status next year", "复核" if zh else "Reviewer"])
    for n, t in enumerate(threads(reports, comparisons, _reviews(Path(store), reports)), 1):
        for s in t.steps:
            ws.append([f"T{n}", t.carried_over, s["year"], s["commitment_id"], s["text"], s["status"], s["reviewer"]])
    ts = wb.create_sheet("目标序列" if zh else "Targets")
    ts.append(["指标" if zh else "Indicator", "年份" if zh else "Year", "比较" if zh else "Comparator",
               "目标下限" if zh else "Target low", "目标上限" if zh else "Target high", "单位" if zh else "Unit",
               "实际" if zh else "Actual", "结论" if zh else "Verdict"])
    for indicator, points in target_series(reports, comparisons).items():
        first = ts.max_row + 1
        for p in points:
            ts.append([indicator, p["year"], p["comparator"], p["low"], p["high"], p["unit"], p["actual"], p["verdict"]])
        if len(points) > 1:
            chart = LineChart()
            chart.title = indicator
            chart.add_data(Reference(ts, min_col=4, max_col=4, min_row=first, max_row=ts.max_row), titles_from_data=False)
            chart.add_data(Reference(ts, min_col=7, max_col=7, min_row=first, max_row=ts.max_row), titles_from_data=False)
            chart.set_categories(Reference(ts, min_col=2, min_row=first, max_row=ts.max_row))
            chart.height, chart.width = 6, 12
            ts.add_chart(chart, f"J{first}")
    wrap = Alignment(wrap_text=True, vertical="top")  # one object: openpyxl hashes each new one
    for sheet in (ws, ts):
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col in sheet.columns:
            sheet.column_dimensions[col[0].column_letter].width = 60 if col[0].column == 5 and sheet is ws else 14
            for cell in col[1:]:
                cell.alignment = wrap
    from .export import workbook_bytes, write_file
    path = tracker_path(Path(out), region, kind)
    write_file(path, workbook_bytes(wb))
    return path
