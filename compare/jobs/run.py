"""`yoy run`: every pairing report of the store compared, every workbook brought up to date.

Planned from the store index (`index.py`: file signatures and a few fields), never
from parsed reports: the parent holds metadata only and each worker loads its own
two reports by path, from `<out>/.yoy-cache` (each report parsed from YAML once, when
indexed, then read back as JSON 30× faster). A pair is redone only when the hash of its inputs (both
stored reports, its review file, the kind and workbook templates, the engine
version, the language) changed or its workbook is not the one this language's
run wrote. One failing pair or bad file is reported and the run goes on; after
Ctrl-C the pairs already finished are recorded as done.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.errors import YoyError
from compare.files import atomic_write
from compare.jobs.guard import Kept
from compare.jobs.index import Entry, Pair, plan_pairs, refresh_index, series, usable
from compare.jobs.pipeline import THREAD_VARS, comparison_json, default_workbook
from compare.store import CACHE, prune_cache

STATE = ".yoy-run.json"
LOCK = ".yoy-run.lock"
FORMAT = 2
SAVE_EVERY = 5.0   # seconds between state saves, so a killed run loses at most this much work
# The index's parses go out in about this many chunks per worker: few round trips to the pool,
# yet a slow chunk cannot hold up the others for long.
CHUNKS_PER_WORKER = 8
MISSING = b"-"     # what a key hashes for an optional input file that does not exist

__all__ = ["Pair", "RunResult", "run_store", "pair_key", "STATE"]


@dataclass
class RunResult:
    total: int = 0
    done: list[Pair] = field(default_factory=list)
    skipped: list[Pair] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (what: a pair or a report file, why)
    statuses: dict[str, int] = field(default_factory=dict)
    trackers: list[Path] = field(default_factory=list)
    plans: list[Path] = field(default_factory=list)   # the 台账 of years not reviewed yet
    notes: list[str] = field(default_factory=list)    # typed cells imported, workbooks kept as backups
    warnings: list[str] = field(default_factory=list)  # of what people typed: imports, reviews re-attached


@dataclass(frozen=True)
class Job:
    """Where a run reads and writes and in which language: what every worker task shares."""
    store: Path
    out: Path
    lang: str
    discard_edits: bool = False   # replace workbooks whose typed cells cannot be imported (jobs.guard)

    @property
    def cache(self) -> Path:
        return self.out / CACHE


def single_threaded() -> None:
    """One BLAS/OpenMP thread in this process: for libraries loaded later (environment)
    and for those already loaded (threadpoolctl)."""
    for var in THREAD_VARS:  # one worker per core: more threads only fight (jobs 2 was no faster than 1)
        os.environ[var] = "1"
    from threadpoolctl import threadpool_limits
    threadpool_limits(1)


def _worker_start() -> None:
    import signal
    # Ctrl-C reaches the whole process group: the parent decides, workers finish their pair
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    single_threaded()


class _Digests:
    """Template and review hashes, each file read once per run."""

    def __init__(self, store: Path, lang: str):
        from compare import __version__
        from compare.kinds import template_file
        self.store = store
        self.kinds: dict[str, str] = {}
        self.common = f"{__version__}|{lang}|".encode() + self.file(template_file("workbook.yaml"))

    def kind(self, kind: str) -> str:
        if kind not in self.kinds:
            from compare.kinds import template_digest
            self.kinds[kind] = template_digest(kind)
        return self.kinds[kind]

    def pair(self, pair: Pair) -> str:
        from compare.store.plan_entries import entries_path
        from compare.store.reviews import reviews_path
        h = hashlib.sha256()
        review = reviews_path(self.store, pair.region, pair.kind, pair.old_year, pair.new_year)
        h.update(f"{pair.old_sha256}|{pair.new_sha256}|".encode())
        h.update(self.file(review))
        # the office's plan-sheet entries stand beside yoy's status in the ledger
        h.update(self.file(entries_path(self.store, pair.region, pair.kind, pair.plan_year)))
        h.update(self.kind(pair.kind).encode())
        h.update(self.common)
        return h.hexdigest()

    @staticmethod
    def file(path: Path) -> bytes:
        return path.read_bytes() if path.is_file() else MISSING


def pair_key(pair: Pair, store: Path, lang: str) -> str:
    """Hash of everything a pair's workbook depends on."""
    return _Digests(Path(store), lang).pair(pair)


def _signature(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


# ---- worker tasks: each takes the Job and one item, returns a dict --------------------------

def _reported(task: Callable[..., dict]) -> Callable[..., dict]:
    """`task` with its outcome as {"ok": True, …its result} or {"ok": False, "error": why}:
    one broken pair or file is reported with it and the run goes on."""
    @functools.wraps(task)  # keeps the name, so the pool pickles the wrapped task by it
    def reported(*args: Any) -> dict:
        try:
            return {"ok": True, **task(*args)}
        except YoyError as e:
            return {"ok": False, "error": f"{e.where}: {e.reason}"}
        except Exception as e:  # a bug met by one pair must not stop the others
            return {"ok": False, "error": f"internal error: {type(e).__name__}: {e}"}
    return reported


def _told(kept: Kept, workbook: Path) -> dict:
    """What the guard did at a workbook (jobs.guard), for the parent to print and record."""
    return {"notes": kept.notes, "imported": kept.imported,
            "warnings": kept.warnings + [f"{workbook}: {w}" for w in kept.reattached]}


@_reported
def _pair(job: Job, pair: Pair) -> dict:
    """Load and compare one pair, write its JSON and workbook; the statuses it counted."""
    from compare.jobs.pipeline import compare_pair
    wb = default_workbook(job.out, pair.region, pair.kind, pair.old_year, pair.new_year, job.lang)
    res = compare_pair(pair.old_path, pair.new_path, store=job.store, out=job.out,
                       json_path=comparison_json(job.out, pair.region, pair.kind, pair.old_year, pair.new_year),
                       workbook=wb, lang=job.lang, cache=job.cache, discard_edits=job.discard_edits)
    statuses: dict[str, int] = {}
    for c in res.comparison.commitments:
        statuses[c.status] = statuses.get(c.status, 0) + 1
    for t in res.comparison.targets:
        statuses[t.verdict] = statuses.get(t.verdict, 0) + 1
    return {"statuses": statuses, **_told(res.kept, wb)}


@_reported
def _plan_sheet(job: Job, path: Path) -> dict:
    """Write the plan sheet (台账) of one stored report."""
    from compare.jobs.plan import plan_report
    kept = Kept()
    sheet = plan_report(path, store=job.store, out=job.out, lang=job.lang, cache=job.cache,
                        discard_edits=job.discard_edits, kept=kept)
    return _told(kept, sheet)


@_reported
def _tracker(job: Job, region: str, kind: str, paths: list[Path]) -> dict:
    """Load one series by path and write its tracker."""
    from compare.jobs.tracker import write_tracker
    from compare.store import load_report
    kept = Kept()
    path = write_tracker(job.store, job.out, region, kind, lang=job.lang,
                         reports=[load_report(p, job.cache) for p in paths], kept=kept)
    return _told(kept, path)


class _Runner:
    """Tasks in a process pool (jobs > 1) or in this process; results as they finish."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pending: dict[Future, object] = {}
        self.pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start) if jobs > 1 else None
        if self.pool is None:
            single_threaded()

    def map(self, fn: Callable, items: list) -> Iterable:
        """In order (for small, many tasks such as index entries)."""
        if self.pool is None:
            return map(fn, items)
        return self.pool.map(fn, items, chunksize=max(1, len(items) // (CHUNKS_PER_WORKER * self.jobs)))

    def unordered(self, tasks: list[tuple]) -> Iterator[tuple[Any, dict]]:
        """(tag, result) for each (tag, fn, *args) task, in the order they finish."""
        if self.pool is None:
            for tag, fn, *args in tasks:
                yield tag, fn(*args)
            return
        self.pending = pending = {self.pool.submit(fn, *args): tag for tag, fn, *args in tasks}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for f in finished:
                yield pending.pop(f), f.result()

    def drain(self) -> Iterator[tuple[Any, dict]]:
        """After Ctrl-C: drop the tasks not started, and give the results of those already running
        (workers ignore the signal and finish them) so that their work is not thrown away."""
        for f in self.pending:
            f.cancel()
        for f in wait(self.pending).done:
            if not f.cancelled():
                yield self.pending[f], f.result()
        self.pending = {}

    def close(self, interrupted: bool) -> None:
        if self.pool is not None:
            # on Ctrl-C queued pairs are dropped; the few running ones finish (their files are atomic)
            self.pool.shutdown(wait=True, cancel_futures=interrupted)


class _State:
    """`<out>/.yoy-run.json`: per language, the input key and the written file's signature of
    every finished pair and tracker. A file another language's run (or a hand) overwrote no
    longer matches its signature and is redone rather than skipped."""

    def __init__(self, out: Path, lang: str, force: bool):
        self.path, self.lang = Path(out) / STATE, lang
        self.data: dict[str, Any] = {"format": FORMAT, "langs": {}}
        if self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if data.get("format") == FORMAT:
                    self.data = data
            except ValueError:
                pass  # a cache: a damaged one only costs a full run
        self.mine = self.data["langs"].setdefault(lang, {})
        self.changed = force and bool(self.mine)
        if force:
            self.mine.clear()
        self.saved = time.monotonic()

    def fresh(self, name: str, key: str, files: list[Path]) -> bool:
        entry = self.mine.get(name)
        return (entry is not None and entry["key"] == key
                and entry["files"] == [_signature(f) for f in files] and None not in entry["files"])

    def record(self, name: str, key: str, files: list[Path]) -> None:
        self.mine[name] = {"key": key, "files": [_signature(f) for f in files]}
        self.changed = True
        if time.monotonic() - self.saved > SAVE_EVERY:
            self.save()

    def forget(self, name: str) -> None:
        self.changed |= self.mine.pop(name, None) is not None

    def save(self) -> None:
        if not self.changed and self.path.is_file():
            return  # an unchanged run has nothing to add (the dump is a tenth of a 4,000-report rerun)
        atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
        self.saved, self.changed = time.monotonic(), False


def _lock(out: Path):
    from filelock import FileLock, Timeout
    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise YoyError(out, "another `yoy run` is writing to this output folder") from None
    return lock


def run_store(store: Path = Path("reports"), out: Path = Path("output"), *, jobs: int = 1, force: bool = False,
              lang: str = "zh", progress: Callable[[int, int], None] | None = None,
              discard_edits: bool = False) -> RunResult:
    """Bring every workbook of `store` up to date; `progress(pairs finished, total)` as it goes.
    What people typed into a workbook about to be rewritten is imported first; a workbook
    whose typed cells cannot be imported fails (jobs.guard), unless `discard_edits`."""
    job = Job(Path(store), Path(out), lang, discard_edits)
    lock = _lock(job.out)  # two runs into one output would interleave workbooks and their state
    try:
        runner = _Runner(jobs)
        interrupted = True
        try:
            result = _run(job, runner, force, progress)
            interrupted = False
        finally:
            runner.close(interrupted)
    finally:
        lock.release()
    return result


@dataclass
class _Run:
    """One run as it goes: what every step reads and adds to."""
    job: Job
    runner: _Runner
    state: _State
    digests: _Digests
    entries: list[Entry]          # the usable stored reports
    pairs: list[Pair]
    result: RunResult
    keys: dict[Pair, str] = field(default_factory=dict)   # each pair's input key
    failed: set[Pair] = field(default_factory=set)


def _run(job: Job, runner: _Runner, force: bool, progress: Callable[[int, int], None] | None) -> RunResult:
    indexed = refresh_index(job.store, job.out, runner.map)
    prune_cache(job.cache, {e.sha256 for e in indexed})
    entries, broken = usable(indexed)  # a bad file fails its pairs, not the run
    pairs = plan_pairs(entries, job.store)
    run = _Run(job, runner, _State(job.out, job.lang, force), _Digests(job.store, job.lang), entries, pairs,
               RunResult(total=len(pairs), failed=[(str(job.store / f), why) for f, why in broken]))
    try:
        _compare_pairs(run, progress)
        _trackers(run)
        _plan_sheets(run)
    finally:
        run.state.save()  # also on Ctrl-C: the pairs finished so far are not redone
    run.result.notes = sorted(dict.fromkeys(run.result.notes))  # workers finish in any order
    run.result.warnings = sorted(dict.fromkeys(run.result.warnings))
    return run.result


def _pair_files(job: Job, pair: Pair) -> tuple[str, list[Path]]:
    """The pair's name in the run state and the files it writes (workbook, JSON)."""
    wb = default_workbook(job.out, pair.region, pair.kind, pair.old_year, pair.new_year, job.lang)
    return f"{pair.region}/{wb.stem}", [wb, comparison_json(job.out, pair.region, pair.kind, pair.old_year, pair.new_year)]


def _compare_pairs(run: _Run, progress: Callable[[int, int], None] | None) -> None:
    """Every pair whose inputs or files changed, in the pool; each recorded as it finishes,
    and those the workers were in the middle of when Ctrl-C came too."""
    result = run.result
    todo = []
    for p in run.pairs:
        run.keys[p] = run.digests.pair(p)
        name, files = _pair_files(run.job, p)
        if run.state.fresh(name, run.keys[p], files):
            result.skipped.append(p)
        else:
            todo.append((p, _pair, run.job, p))
    finished = len(result.skipped)
    try:
        for p, res in run.runner.unordered(todo):
            _settle_pair(run, p, res)
            finished += 1
            if progress:
                progress(finished, len(run.pairs))
    except KeyboardInterrupt:
        for p, res in run.runner.drain():
            _settle_pair(run, p, res)
        raise
    result.done.sort(key=lambda p: (p.region, p.kind, p.old_year, p.new_year))


def _settle_pair(run: _Run, p: Pair, res: dict) -> None:
    name, files = _pair_files(run.job, p)
    if res["ok"]:
        run.result.done.append(p)
        _heard(run, res)
        if res["imported"]:  # typed cells went into the store: the pair's inputs are those now
            run.keys[p] = run.digests.pair(p)
        run.state.record(name, run.keys[p], files)
        for k, v in res["statuses"].items():
            run.result.statuses[k] = run.result.statuses.get(k, 0) + v
    else:
        run.failed.add(p)
        run.result.failed.append((f"{p.region} {p.kind} {p.old_year}→{p.new_year}", res["error"]))
        run.state.forget(name)


def _settle_files(run: _Run, todo: list[tuple]) -> None:
    """Run one-file tasks (tagged (state name, input key, path)) in the pool; record each written
    file in the run state, or report why it failed and forget it, so the next run redoes it."""
    for (name, key, path), res in run.runner.unordered(todo):
        if res["ok"]:
            _heard(run, res)
            run.state.record(name, key, [path])
        else:
            run.result.failed.append((str(path), res["error"]))
            run.state.forget(name)


def _heard(run: _Run, res: dict) -> None:
    run.result.notes += res["notes"]
    run.result.warnings += res["warnings"]


def _plan_sheets(run: _Run) -> None:
    """The year's 台账 of every report whose plan year no stored report reviews yet, built in the
    pool; redone when the report, its template or the office's entries changed."""
    from compare.jobs.plan import plan_path
    from compare.store.plan_entries import entries_path
    job, digests = run.job, run.digests
    todo = []
    for (region, kind), reports in series(run.entries).items():
        reviewed = {e.review_year for e in reports}
        for e in reports:
            if e.plan_year in reviewed:
                continue
            path = plan_path(job.out, region, kind, e.plan_year, job.lang)
            h = hashlib.sha256(digests.kind(kind).encode() + digests.common + e.sha256.encode())
            h.update(digests.file(entries_path(job.store, region, kind, e.plan_year)))
            name, key = f"{region}/{path.stem}", h.hexdigest()
            run.result.plans.append(path)
            if not run.state.fresh(name, key, [path]):
                todo.append(((name, key, path), _plan_sheet, job, job.store / e.path))
    _settle_files(run, todo)


def _trackers(run: _Run) -> None:
    """One tracker per region/kind that has a pair, built in the pool; redone when any input changed."""
    from compare.jobs.tracker import tracker_path
    job, digests = run.job, run.digests
    by_series: dict[tuple[str, str], list[Pair]] = {}
    for p in run.pairs:
        by_series.setdefault((p.region, p.kind), []).append(p)
    todo = []
    for (region, kind), reports in series(run.entries).items():
        if (region, kind) not in by_series:
            continue
        h = hashlib.sha256(digests.kind(kind).encode() + digests.common)
        for e in reports:
            h.update(e.sha256.encode())
        for p in by_series[(region, kind)]:
            h.update(b"failed" if p in run.failed else run.keys[p].encode())
        path = tracker_path(job.out, region, kind, job.lang)
        name, key = f"{region}/{path.stem}", h.hexdigest()
        run.result.trackers.append(path)
        if not run.state.fresh(name, key, [path]):
            todo.append(((name, key, path), _tracker, job, region, kind, [job.store / e.path for e in reports]))
    _settle_files(run, todo)
