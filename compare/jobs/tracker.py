"""The multi-year tracker of one region and kind: its stored reports, the comparisons `yoy run`
wrote for them and their reviews, followed as threads and series (engine.threads) and written
as one workbook (workbook.tracker).

    write_tracker(store, out, region, kind)   → <out>/<region>/<kind>-tracker.xlsx
                                                (-tracker-en.xlsx)
"""
from __future__ import annotations

from pathlib import Path

from compare.engine.threads import target_series, threads
from compare.jobs.guard import Kept, keep_typed
from compare.jobs.pipeline import comparison_json
from compare.kinds import load_kind
from compare.schema import Comparison, Report
from compare.store import load_comparison, load_report, report_files
from compare.store.reviews import load_reviews, reviews_path
from compare.workbook.ledger import kind_name
from compare.workbook.template import lang_suffix
from compare.workbook.tracker import write_tracker_workbook


def tracker_path(out: Path, region: str, kind: str, lang: str = "zh") -> Path:
    return Path(out) / region / f"{kind}-tracker{lang_suffix(lang)}.xlsx"


def _series(store: Path, region: str, kind: str) -> list[Report]:
    reports = [r for r in map(load_report, report_files(store))
               if (r.region, r.kind) == (region, kind)]
    return sorted(reports, key=lambda r: r.year)


def _comparisons(out: Path, reports: list[Report]) -> dict[int, Comparison]:
    """The pair comparisons `yoy run` wrote, without their diffs (the tracker never shows them)."""
    found = {}
    for old, new in zip(reports, reports[1:], strict=False):
        path = comparison_json(out, old.region, old.kind, old.year, new.year)
        if path.is_file():
            found[old.year] = load_comparison(path, diffs=False)
    return found


def _reviews(store: Path, reports: list[Report]) -> dict[int, dict[str, str | None]]:
    found = {}
    for old, new in zip(reports, reports[1:], strict=False):
        rv = load_reviews(reviews_path(store, old.region, old.kind, old.year, new.year))
        if rv:
            found[old.year] = {k: v.status for k, v in rv.commitments.items()}
    return found


def write_tracker(store: Path, out: Path, region: str, kind: str, *, lang: str = "zh",
                  reports: list[Report] | None = None, templates: Path | None = None,
                  kept: Kept | None = None) -> Path:
    """Write `<out>/<region>/<kind>-tracker.xlsx` (-tracker-en.xlsx) from the stored reports and
    the pair comparisons. A tracker another program saved is kept as a backup first (`kept`
    collects that line): nothing is read back from it, but someone may have written in it.

    `reports`: the series already loaded (by `yoy run`), in year order.
    """
    reports = reports if reports is not None else _series(Path(store), region, kind)
    comparisons = _comparisons(Path(out), reports)
    found = threads(reports, load_kind(kind, templates), comparisons,
                    _reviews(Path(store), reports))
    path = tracker_path(Path(out), region, kind, lang)
    done = keep_typed(path, store, None)
    if kept is not None:
        kept.add(done)
    # the series named on every printed page: 盐田区政府工作报告跨年跟踪（2019—2023年）
    about = {"region": region, "kind": kind_name(kind, templates, lang),
             "first_year": reports[0].year, "last_year": reports[-1].year} if reports else None
    return write_tracker_workbook(found, target_series(reports, comparisons), path, lang=lang,
                                  templates=templates, about=about)
