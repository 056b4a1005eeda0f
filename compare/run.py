"""`yoy run`: every pairing report of the store compared, every workbook brought up to date.

Incremental: a pair is redone only when the hash of its inputs (both stored
reports, its review file, the kind template, the engine version) changed.
Pairs run in a process pool; one failing pair is reported and the run goes on.
"""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .errors import YoyError
from .pipeline import default_workbook
from .store import atomic_write, load_report, report_files

STATE = ".yoy-run.json"


@dataclass(frozen=True)
class Pair:
    region: str
    kind: str
    old_year: int
    new_year: int
    old_path: Path
    new_path: Path


@dataclass
class RunResult:
    done: list[Pair] = field(default_factory=list)
    skipped: list[Pair] = field(default_factory=list)
    failed: list[tuple[Pair, str]] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    trackers: list[Path] = field(default_factory=list)


def find_pairs(store: Path) -> list[Pair]:
    """Consecutive reports of one region and kind: OLD.plan_year == NEW.review_year."""
    by_series: dict[tuple[str, str], list] = {}
    for path in report_files(store):
        r = load_report(path)
        by_series.setdefault((r.region, r.kind), []).append((r, path))
    pairs = []
    for (region, kind), reports in sorted(by_series.items()):
        for old, op in reports:
            for new, np_ in reports:
                if new.review_year == old.plan_year and new.year > old.year:
                    pairs.append(Pair(region, kind, old.year, new.year, op, np_))
    return sorted(pairs, key=lambda p: (p.region, p.kind, p.old_year))


def pair_key(pair: Pair, store: Path, lang: str) -> str:
    from . import __version__
    from .kinds import template_digest
    from .review import reviews_path
    h = hashlib.sha256()
    review = reviews_path(store, pair.region, pair.kind, pair.old_year, pair.new_year)
    for p in (pair.old_path, pair.new_path, review):
        h.update(p.read_bytes() if p.is_file() else b"-")
    h.update(template_digest(pair.kind).encode())
    wb = Path(__file__).resolve().parent.parent / "templates" / "workbook.yaml"
    h.update(wb.read_bytes() if wb.is_file() else b"-")
    h.update(f"{__version__}|{lang}".encode())
    return h.hexdigest()


def _one(pair: Pair, store: Path, out: Path, lang: str) -> dict:
    """Worker: compare one pair, write its JSON and workbook; errors come back as text."""
    from .pipeline import compare_pair
    try:
        base = default_workbook(out, pair.region, pair.kind, pair.old_year, pair.new_year)
        res = compare_pair(pair.old_path, pair.new_path, store=store, out=out,
                           json_path=base.with_suffix(".json"), workbook=base, lang=lang)
        statuses: dict[str, int] = {}
        for x in res.comparison.commitments:
            statuses[x.status] = statuses.get(x.status, 0) + 1
        for x in res.comparison.targets:
            statuses[x.verdict] = statuses.get(x.verdict, 0) + 1
        return {"ok": True, "statuses": statuses}
    except YoyError as e:
        return {"ok": False, "error": f"{e.where}: {e.reason}"}
    except Exception as e:  # one broken pair must not stop the run
        return {"ok": False, "error": f"internal error: {type(e).__name__}: {e}"}


def run_store(store: Path = Path("reports"), out: Path = Path("output"), *, jobs: int = 1, force: bool = False,
              lang: str = "zh", progress: Optional[Callable[[Pair], None]] = None) -> RunResult:
    store, out = Path(store), Path(out)
    pairs = find_pairs(store)
    state_path = out / STATE
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() and not force else {}
    result = RunResult()
    todo = []
    for p in pairs:
        key = pair_key(p, store, lang)
        wb = default_workbook(out, p.region, p.kind, p.old_year, p.new_year)
        name = f"{p.region}/{wb.stem}"
        if state.get(name) == key and wb.is_file():
            result.skipped.append(p)
            if progress:
                progress(p)
        else:
            todo.append((p, name, key))
    outcomes = _map(todo, store, out, lang, jobs, progress)
    for (p, name, key), res in zip(todo, outcomes):
        if res["ok"]:
            result.done.append(p)
            state[name] = key
            for k, v in res["statuses"].items():
                result.statuses[k] = result.statuses.get(k, 0) + v
        else:
            result.failed.append((p, res["error"]))
            state.pop(name, None)
    series = sorted({(p.region, p.kind) for p in pairs})
    changed = {(p.region, p.kind) for p in result.done}
    from .tracker import tracker_path, write_tracker
    for region, kind in series:
        path = tracker_path(out, region, kind)
        if (region, kind) in changed or not path.is_file():
            write_tracker(store, out, region, kind, lang=lang)
        result.trackers.append(path)
    atomic_write(state_path, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return result


def _map(todo, store, out, lang, jobs, progress):
    if jobs <= 1 or len(todo) <= 1:
        results = []
        for p, _, _ in todo:
            results.append(_one(p, store, out, lang))
            if progress:
                progress(p)
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_one, p, store, out, lang) for p, _, _ in todo]
        results = []
        for (p, _, _), f in zip(todo, futures):
            results.append(f.result())
            if progress:
                progress(p)
        return results
