"""What a worker of `yoy run` does: each task takes the run's `Job` and one item (a pair, a
stored report, a series), loads its reports by path (never believing the index over the store),
writes its outputs and returns a dict the parent records, one failure reported in it, not raised.

    pair_task(job, pair)                       → one pair compared: its JSON and workbook
    plan_sheet_task(job, path, region, kind, year) → one report's plan sheet (台账)
    tracker_task(job, region, kind, paths)     → one series' tracker
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compare.errors import YoyError
from compare.jobs.guard import Discard, Kept
from compare.jobs.index import Pair
from compare.jobs.pipeline import comparison_json, default_workbook
from compare.schema import Report
from compare.store import CACHE

INTERNAL = "internal error"   # how a failure that is a bug, not bad input, begins


@dataclass(frozen=True)
class Job:
    """Where a run reads and writes and in which language: what every worker task shares."""
    store: Path
    out: Path
    lang: str
    templates: Path | None = None   # the user's templates, tried before the shipped ones
    # replace workbooks whose typed cells cannot be imported (jobs.guard)
    discard_edits: Discard = Discard.of(())

    @property
    def cache(self) -> Path:
        return self.out / CACHE



class _StaleIndex(YoyError):
    """A stored file is not what the run's index says: it changed since it was indexed."""


def _reported(task: Callable[..., dict]) -> Callable[..., dict]:
    """`task` with its outcome as {"ok": True, …its result} or {"ok": False, "error": why}
    (and "stale": the file the index was wrong about): one broken pair or file is reported with
    it and the run goes on."""
    @functools.wraps(task)  # keeps the name, so the pool pickles the wrapped task by it
    def reported(*args: Any) -> dict:
        try:
            return {"ok": True, **task(*args)}
        except _StaleIndex as e:
            return {"ok": False, "error": f"{e.where}: {e.reason}", "stale": e.where}
        except YoyError as e:
            return {"ok": False, "error": f"{e.where}: {e.reason}"}
        except Exception as e:  # a bug met by one pair must not stop the others
            return {"ok": False, "error": f"{INTERNAL}: {type(e).__name__}: {e}"}
    return reported


def _load(job: Job, path: Path, region: str, kind: str, year: int | None = None) -> Report:
    """The report at `path`, which the index says is `region`'s `kind` of `year`. The index is
    never believed over the store: a report of another unit would file workbooks under it."""
    from compare.store import load_report
    r = load_report(path, job.cache)
    if (r.region, r.kind) != (region, kind) or year not in (None, r.year):
        said = " ".join(str(x) for x in (region, kind, year) if x is not None)
        raise _StaleIndex(path, f"holds {r.region} {r.kind} {r.year}, not {said} as the run's "
                                "index said (changed during the run?): nothing written; the next "
                                "run reads it again")
    return r


def _told(kept: Kept, workbook: Path) -> dict:
    """What the guard did at a workbook (jobs.guard), for the parent to print and record."""
    return {"notes": kept.notes, "imported": kept.imported,
            "warnings": kept.warnings + [f"{workbook}: {w}" for w in kept.reattached]}


@_reported
def pair_task(job: Job, pair: Pair) -> dict:
    """Load and compare one pair, write its JSON and workbook; the statuses it counted."""
    from compare.jobs.pipeline import compare_pair
    loaded = (_load(job, pair.old_path, pair.region, pair.kind, pair.old_year),
              _load(job, pair.new_path, pair.region, pair.kind, pair.new_year))
    wb = default_workbook(job.out, pair.region, pair.kind, pair.old_year, pair.new_year, job.lang)
    res = compare_pair(pair.old_path, pair.new_path, store=job.store, out=job.out, loaded=loaded,
                       json_path=comparison_json(job.out, pair.region, pair.kind, pair.old_year,
                                                 pair.new_year),
                       workbook=wb, lang=job.lang, cache=job.cache, templates=job.templates,
                       discard_edits=job.discard_edits)
    from compare.workbook.shown import shown_counts
    counts = shown_counts(res.comparison)  # as the workbook's 概览 counts them
    return {"statuses": {"measures": counts["measures"], "targets": counts["targets"]},
            **_told(res.kept, wb)}


@_reported
def plan_sheet_task(job: Job, path: Path, region: str, kind: str, year: int) -> dict:
    """Write the plan sheet (台账) of one stored report."""
    from compare.jobs.plan import plan_report
    _load(job, path, region, kind, year)
    kept = Kept()
    written = plan_report(path, store=job.store, out=job.out, lang=job.lang, cache=job.cache,
                          templates=job.templates, discard_edits=job.discard_edits, kept=kept)
    told = _told(kept, written.path)
    # entries re-attached to reworded rows, other periods' entries
    told["warnings"] += [w for w in written.warnings if w not in told["warnings"]]
    return told


@_reported
def tracker_task(job: Job, region: str, kind: str, paths: list[Path]) -> dict:
    """Load one series by path and write its tracker."""
    from compare.jobs.tracker import write_tracker
    kept = Kept()
    path = write_tracker(job.store, job.out, region, kind, lang=job.lang,
                         reports=[_load(job, p, region, kind) for p in paths],
                         templates=job.templates, kept=kept)
    return _told(kept, path)
