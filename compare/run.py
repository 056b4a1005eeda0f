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
from typing import Callable, Iterator, Optional

from .errors import YoyError
from .pipeline import default_workbook
from .schema import Report
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
    # the parsed reports travel with the pair, so no worker parses YAML again
    old: Optional[Report] = field(default=None, repr=False, compare=False)
    new: Optional[Report] = field(default=None, repr=False, compare=False)


@dataclass
class RunResult:
    total: int = 0
    done: list[Pair] = field(default_factory=list)
    skipped: list[Pair] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (what: a pair or a report file, why)
    statuses: dict[str, int] = field(default_factory=dict)
    trackers: list[Path] = field(default_factory=list)


Series = dict[tuple[str, str], list[tuple[Report, Path]]]


def load_series(store: Path, broken: Optional[list[tuple[str, str]]] = None) -> Series:
    """Every stored report, by (region, kind), in year order: loaded once per run.

    A report that does not load is appended to `broken` (file, reason) when given, else refused.
    """
    series: Series = {}
    for path in report_files(store):
        try:
            r = load_report(path)
        except YoyError as e:
            if broken is None:
                raise
            broken.append((e.where, e.reason))
            continue
        series.setdefault((r.region, r.kind), []).append((r, path))
    return {k: sorted(v, key=lambda x: x[0].year) for k, v in sorted(series.items())}


def find_pairs(series: Series) -> list[Pair]:
    """Consecutive reports of one region and kind: OLD.plan_year == NEW.review_year."""
    pairs = []
    for (region, kind), reports in series.items():
        for old, op in reports:
            for new, np_ in reports:
                if new.review_year == old.plan_year and new.year > old.year:
                    pairs.append(Pair(region, kind, old.year, new.year, op, np_, old, new))
    return sorted(pairs, key=lambda p: (p.region, p.kind, p.old_year))


def pair_key(pair: Pair, store: Path, lang: str) -> str:
    from . import __version__
    from .kinds import template_digest, template_file
    from .review import reviews_path
    h = hashlib.sha256()
    review = reviews_path(store, pair.region, pair.kind, pair.old_year, pair.new_year)
    for p in (pair.old_path, pair.new_path, review):
        h.update(p.read_bytes() if p.is_file() else b"-")
    h.update(template_digest(pair.kind).encode())
    wb = template_file("workbook.yaml")
    h.update(wb.read_bytes() if wb.is_file() else b"-")
    h.update(f"{__version__}|{lang}".encode())
    return h.hexdigest()


def _one(pair: Pair, store: Path, out: Path, lang: str) -> dict:
    """Worker: compare one pair, write its JSON and workbook; errors come back as text."""
    from .pipeline import compare_pair
    try:
        base = default_workbook(out, pair.region, pair.kind, pair.old_year, pair.new_year)
        res = compare_pair(pair.old_path, pair.new_path, store=store, out=out,
                           json_path=base.with_suffix(".json"), workbook=base, lang=lang,
                           loaded=(pair.old, pair.new) if pair.old and pair.new else None)
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
              lang: str = "zh", progress: Optional[Callable[[int, int], None]] = None) -> RunResult:
    """Bring every workbook of `store` up to date; `progress(pairs finished, total)` as it goes."""
    store, out = Path(store), Path(out)
    broken: list[tuple[str, str]] = []
    series = load_series(store, broken)  # a broken report fails its pairs, not the run
    pairs = find_pairs(series)
    state_path = out / STATE
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() and not force else {}
    result = RunResult(total=len(pairs), failed=broken)
    todo = []
    for p in pairs:
        key = pair_key(p, store, lang)
        wb = default_workbook(out, p.region, p.kind, p.old_year, p.new_year)
        name = f"{p.region}/{wb.stem}"
        if state.get(name) == key and wb.is_file():
            result.skipped.append(p)
        else:
            todo.append((p, name, key))
    finished = len(result.skipped)
    for (p, name, key), res in zip(todo, _map([p for p, _, _ in todo], store, out, lang, jobs)):
        finished += 1
        if progress:
            progress(finished, len(pairs))
        if res["ok"]:
            result.done.append(p)
            state[name] = key
            for k, v in res["statuses"].items():
                result.statuses[k] = result.statuses.get(k, 0) + v
        else:
            result.failed.append((f"{p.region} {p.kind} {p.old_year}→{p.new_year}", res["error"]))
            state.pop(name, None)
    changed = {(p.region, p.kind) for p in result.done}
    from .tracker import tracker_path, write_tracker
    for (region, kind), reports in series.items():
        if not any((p.region, p.kind) == (region, kind) for p in pairs):
            continue
        path = tracker_path(out, region, kind)
        if (region, kind) in changed or not path.is_file():
            write_tracker(store, out, region, kind, lang=lang, reports=[r for r, _ in reports])
        result.trackers.append(path)
    # The year's 台账 for every report whose plan year no stored report reviews yet.
    from .plansheet import write_plan_sheets
    result.failed += write_plan_sheets(series, store, out, lang=lang)[1]
    atomic_write(state_path, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return result


def _map(pairs: list[Pair], store: Path, out: Path, lang: str, jobs: int) -> Iterator[dict]:
    """Results of `_one` over `pairs` in order, as they finish, in a process pool when jobs > 1."""
    if jobs <= 1 or len(pairs) <= 1:
        yield from (_one(p, store, out, lang) for p in pairs)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_one, pairs, [store] * len(pairs), [out] * len(pairs), [lang] * len(pairs))
