"""The multi-year tracker: one region + kind followed across every stored year.

A commitment planned in N is followed to its evidence in N+1 and to the plan of
N+1 that carries it on, and so on; a thread of more than one year is a
recurring commitment. Targets become one series per indicator.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from compare.engine.assignment import best_pairs
from compare.engine.scorers import tfidf_matrix
from compare.jobs.guard import Kept, keep_typed
from compare.jobs.pipeline import comparison_json
from compare.schema import Comparison, Report
from compare.store import load_report, report_files
from compare.workbook.sheets import lang_suffix

CARRIED = 0.25   # bigram cosine above which a plan item of N+1 carries on one of N


@dataclass
class Thread:
    steps: list[dict] = field(default_factory=list)   # {year, commitment_id, text, status, reviewer}

    @property
    def carried_over(self) -> int:
        return len(self.steps) - 1


def tracker_path(out: Path, region: str, kind: str, lang: str = "zh") -> Path:
    return Path(out) / region / f"{kind}-tracker{lang_suffix(lang)}.xlsx"


def _series(store: Path, region: str, kind: str) -> list[Report]:
    reports = [r for r in map(load_report, report_files(store)) if (r.region, r.kind) == (region, kind)]
    return sorted(reports, key=lambda r: r.year)


def _comparisons(out: Path, reports: list[Report]) -> dict[int, Comparison]:
    """The pair comparisons `yoy run` wrote, without their diffs (the tracker never shows them)."""
    found = {}
    for old, new in zip(reports, reports[1:], strict=False):
        path = comparison_json(out, old.region, old.kind, old.year, new.year)
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            data["diffs"] = []
            found[old.year] = Comparison.model_validate(data)
    return found


def threads(reports: list[Report], comparisons: dict[int, Comparison], reviews: dict[int, dict]) -> list[Thread]:
    """Follow every commitment through the years: each year's plan items are matched one to one
    (an assignment) with the previous year's, and a close match continues that thread."""
    open_threads: dict[str, Thread] = {}
    out: list[Thread] = []
    prev: Report | None = None
    for r in reports:
        links: dict[str, Thread] = {}
        if prev is not None and prev.commitments and r.commitments:
            sim = tfidf_matrix([c.text for c in r.commitments], [c.text for c in prev.commitments])
            links = {r.commitments[i].id: open_threads[prev.commitments[j].id]
                     for i, j in best_pairs(sim) if sim[i, j] >= CARRIED}
        status = {x.commitment_id: x.status for x in comparisons[r.year].commitments} if r.year in comparisons else {}
        current: dict[str, Thread] = {}
        for c in r.commitments:
            t = links.get(c.id)
            if t is None:
                t = Thread()
                out.append(t)
            t.steps.append({"year": r.plan_year, "commitment_id": c.id, "text": c.text.split("\n")[0],
                            "status": status.get(c.id), "reviewer": reviews.get(r.year, {}).get(c.id)})
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
                "actual": res.actual if res else None, "verdict": res.verdict if res else None})
    return dict(sorted(series.items()))


def _reviews(store: Path, reports: list[Report]) -> dict[int, dict]:
    from compare.store.reviews import load_reviews, reviews_path
    found = {}
    for old, new in zip(reports, reports[1:], strict=False):
        rv = load_reviews(reviews_path(store, old.region, old.kind, old.year, new.year))
        if rv:
            found[old.year] = {k: v.status for k, v in rv.commitments.items()}
    return found


def write_tracker(store: Path, out: Path, region: str, kind: str, *, lang: str = "zh",
                  reports: list[Report] | None = None, kept: Kept | None = None) -> Path:
    """Write `<out>/<region>/<kind>-tracker.xlsx` (-tracker-en.xlsx) from the stored reports and
    the pair comparisons. A tracker another program saved is kept as a backup first (`kept`
    collects that line): nothing is read back from it, but someone may have written in it.

    `reports`: the series already loaded (by `yoy run`), in year order.
    """
    from compare.workbook.sheets import write_sheets
    reports = reports if reports is not None else _series(Path(store), region, kind)
    comparisons = _comparisons(Path(out), reports)
    # one row per step (thread, year): filter a thread to follow it; decades of reports stay small
    steps = [{"thread": f"T{n}", "carried_over": t.carried_over, "year": s["year"], "id": s["commitment_id"],
              "text": s["text"], "status": s["status"], "review_status": s["reviewer"]}
             for n, t in enumerate(threads(reports, comparisons, _reviews(Path(store), reports)), 1)
             for s in t.steps]
    series = target_series(reports, comparisons)
    points = [{"indicator": name, **p} for name, ps in series.items() for p in ps]

    def charts(wb, sheets) -> None:
        """A line chart per indicator with more than one year: target and actual."""
        ws, row = sheets["tracker_targets"], 1
        for name, ps in series.items():
            last = row + len(ps) - 1
            if len(ps) > 1:
                chart = wb.add_chart({"type": "line"})
                for col in (3, 6):  # target low, actual
                    chart.add_series({"name": [ws.name, 0, col], "categories": [ws.name, row, 1, last, 1],
                                      "values": [ws.name, row, col, last, col], "marker": {"type": "circle"}})
                chart.set_title({"name": name})
                ws.insert_chart(row, 9, chart, {"x_scale": 0.8, "y_scale": 0.6})
            row = last + 1
    path = tracker_path(Path(out), region, kind, lang)
    done = keep_typed(path, store, None)
    if kept is not None:
        kept.add(done)
    return write_sheets(path,
                        [("tracker_commitments", steps), ("tracker_targets", points)],
                        lang=lang, decorate=charts)
