"""One pair, end to end: load two stored reports, compare, write JSON and workbook.

Shared by `yoy compare` and `yoy run` so both produce the same files.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from compare.engine import compare_reports
from compare.files import atomic_write
from compare.schema import Comparison, Report
from compare.store import CACHE, load_report, stored_report

# numpy's BLAS and any OpenMP runtime start one thread per core when they load; a comparison's
# matrices are far too small to use them, so they only cost start-up and CPU (one `yoy compare`:
# 0.72 s → 0.54 s wall on the 2-core VM, bench 2026-11-30), and in a pool of one worker per core
# they fight each other.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def one_blas_thread() -> None:
    """Ask for one BLAS/OpenMP thread unless the user chose a number; only libraries not yet loaded
    read this (a run's workers also limit loaded ones, see run.py)."""
    if "numpy" not in sys.modules:
        for var in THREAD_VARS:
            os.environ.setdefault(var, "1")


@dataclass
class PairResult:
    comparison: Comparison
    workbook: Path | None


def pair_paths(store: Path, region: str, kind: str, old_year: int, new_year: int) -> tuple[Path, Path]:
    return stored_report(store, old_year, region, kind), stored_report(store, new_year, region, kind)


def default_workbook(out: Path, region: str, kind: str, old_year: int, new_year: int) -> Path:
    return Path(out) / region / f"{kind}-{old_year}-{new_year}.xlsx"


def compare_pair(old_path: Path, new_path: Path, *, store: Path = Path("reports"), out: Path = Path("output"),
                 json_path: Path | None = None, workbook: str | Path | None = "default",
                 lang: str = "zh", force: bool = False,
                 loaded: tuple[Report, Report] | None = None, cache: Path | None = None,
                 templates: Path | None = None) -> PairResult:
    """Compare two stored reports; write `json_path` and the workbook (None: no workbook).

    `loaded`: the two reports already read from those paths (YAML parsing is the slow part);
    `cache`: parsed reports by content hash (see store.load_report), by default the one a `yoy
    run` keeps in `out`, if it has; `templates`: the user's templates, tried before the shipped
    ones (see kinds.template_dirs).
    """
    one_blas_thread()
    if cache is None and (Path(out) / CACHE).is_dir():
        cache = Path(out) / CACHE  # read back 30× faster than the YAML; a new report is added to it
    old, new = loaded or (load_report(old_path, cache), load_report(new_path, cache))
    cmp = compare_reports(old, new, force=force, templates=templates)
    if json_path:
        atomic_write(Path(json_path), cmp.model_dump_json(indent=2).encode("utf-8"))
    target = None
    if workbook is not None:
        from compare.store.plan_entries import entries_path, load_entries
        from compare.store.reviews import comparison_ids, load_reviews, reattach, reviews_path
        from compare.workbook.ledger import write_workbook
        target = default_workbook(out, old.region, old.kind, old.year, new.year) if workbook == "default" else Path(workbook)
        reviews = load_reviews(reviews_path(store, old.region, old.kind, old.year, new.year))
        if reviews is not None:
            # stored reviews whose rows changed id find them again by text, never silently
            reviews, moved = reattach(reviews, comparison_ids(cmp))
            cmp.warnings += moved
        write_workbook(cmp, target, lang=lang, reviews=reviews, templates=templates,
                       plan_entries=load_entries(entries_path(store, old.region, old.kind, old.plan_year)),
                       origin={"store": str(store), "old": str(old_path), "new": str(new_path),
                               "old_sha256": old.source.sha256, "new_sha256": new.source.sha256})
    return PairResult(cmp, target)
