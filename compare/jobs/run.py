"""`yoy run`: every pairing report of the store compared, every workbook brought up to date.

Planned from the store index (`index.py`: file signatures and a few fields), never
from parsed reports: the parent holds metadata only and each worker loads its own
two reports by path, from `<out>/.yoy-cache` (each report parsed from YAML once, when
indexed, then read back as JSON 30× faster). A pair is redone only when the hash of its inputs (both
stored reports, its review file, the office's entries, the kind and workbook templates, the engine
version, the language) changed or its workbook is not the one this language's
run wrote. One failing pair or bad file is reported and the run goes on; after
Ctrl-C the pairs already finished are recorded as done. Workers (run_pool) end with the
run, however it ends. Outputs of reports since removed from the store are removed when
nobody changed them since yoy wrote them, else named in a warning; an output folder holding
another store's outputs is refused (run_state.check_owner). What people typed into
a workbook about to be rewritten is imported first (jobs.guard).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from compare.errors import YoyError
from compare.files import read_bytes
from compare.jobs.guard import WRITTEN, Discard, forget_written, keep_unless_written, written_digest
from compare.jobs.index import (
    Entry,
    Pair,
    drop_entries,
    gaps,
    plan_pairs,
    refresh_index,
    series,
    usable,
)
from compare.jobs.pipeline import comparison_json, default_workbook
from compare.jobs.run_pool import Runner
from compare.jobs.run_state import STATE, Record, RunState, read_state, signature, store_id
from compare.jobs.run_summary import Row, lossy_line, write_summary
from compare.jobs.run_tasks import Job, pair_task, plan_sheet_task, tracker_task
from compare.store import prune_cache, store_dir

LOCK = ".yoy-run.lock"
MISSING = b"-"     # what a key hashes for an optional input file that does not exist

__all__ = ["Interrupted", "Pair", "RunResult", "run_store", "pair_key", "STATE"]


@dataclass
class RunResult:
    total: int = 0
    done: list[Pair] = field(default_factory=list)
    skipped: list[Pair] = field(default_factory=list)
    # (what: a pair or a report file, why)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # "measures" / "targets" → status → count over the pairs done and the skipped pairs whose
    # counts an earlier run recorded (kept apart: both have a not_reported)
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)
    counted: int = 0  # the pairs `statuses` is of
    trackers: list[Path] = field(default_factory=list)
    plans: list[Path] = field(default_factory=list)   # the 台账 of years not reviewed yet
    removed: list[Path] = field(default_factory=list)  # outputs of reports no longer in the store
    # typed cells imported, workbooks kept as backups
    notes: list[str] = field(default_factory=list)
    # also of what people typed: imports, reviews re-attached
    warnings: list[str] = field(default_factory=list)
    # (stored report, why) for each report with no measures: its 台账 and ledger have no rows
    no_measures: list[tuple[Path, str]] = field(default_factory=list)
    # (region, kind, year, next stored year): reports not compared, a year missing between them
    gaps: list[tuple[str, str, int, int]] = field(default_factory=list)
    summary: Path | None = None   # <out>/运行摘要.csv: every output, up to date or failed (why)
    # language → pairs whose workbooks in it (…-en.xlsx) were written from other inputs than now's
    behind: dict[str, int] = field(default_factory=dict)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run, with what the run had done by then (`result`: the pairs finished,
    each recorded, so the next run skips them; None before the store's pairs were known: no
    pair compared)."""

    def __init__(self, result: RunResult | None):
        super().__init__()
        self.result = result


def code_digest() -> str:
    """SHA-256 of yoy's own code and data as installed (every .py and .yaml file of the package:
    compare/engine/model.yaml, ingest's row_quality.yaml), with its version. A pair's key holds it,
    so a run after an upgrade, a `git pull` or an edited model redoes what the change may alter:
    the version alone stays the same between releases.

    >>> len(code_digest())
    64
    """
    import compare
    h = hashlib.sha256(compare.__version__.encode())
    package = Path(compare.__file__).parent
    for f in sorted(package.rglob("*")):
        if f.suffix in (".py", ".yaml") and "__pycache__" not in f.parts and f.is_file():
            data = f.read_bytes()
            h.update(f"\0{f.relative_to(package).as_posix()}\0{len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()


class _Digests:
    """Template and review hashes, each file read once per run."""

    def __init__(self, store: Path, lang: str, templates: Path | None = None):
        from compare.kinds import template_file
        self.store, self.templates = store, templates
        self.kinds: dict[str, str] = {}
        self.common = (f"{code_digest()}|{lang}|".encode()
                       + self.file(template_file("workbook.yaml", templates)))

    def kind(self, kind: str) -> str:
        if kind not in self.kinds:
            from compare.kinds import template_digest
            self.kinds[kind] = template_digest(kind, self.templates)
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
        """The bytes of an optional input (a YoyError when it exists but cannot be read)."""
        return read_bytes(path) if path.exists() else MISSING


def pair_key(pair: Pair, store: Path, lang: str, templates: Path | None = None) -> str:
    """Hash of everything a pair's workbook depends on."""
    return _Digests(Path(store), lang, templates).pair(pair)


def run_comparisons(pairs: Iterable[Pair], store: Path, out: Path,
                    templates: Path | None = None) -> dict[Pair, Path]:
    """The pairs whose Comparison `yoy run` wrote in `out` (its JSON) from `store` and that it would
    skip now: nothing they are made from changed since (the run's own test, `RunState.fresh`, in
    any language it ran in) → that JSON. A folder of another store's, or with no run state, has
    none."""
    state = read_state(Path(out))
    if state is None or state.store != store_id(store, out):
        return {}
    digests = {lang: _Digests(Path(store), lang, templates) for lang in state.langs}
    found: dict[Pair, Path] = {}
    for pair in pairs:
        name = comparison_json(Path(), pair.region, pair.kind, pair.old_year,
                               pair.new_year).with_suffix("").as_posix()
        json = f"{name}.json"
        now = signature(Path(out) / json)
        if now is None:
            continue
        for lang, records in state.langs.items():
            rec = records.get(name)
            if rec is not None and rec.key and rec.files.get(json) == now:
                try:
                    fresh = rec.key == digests[lang].pair(pair)
                except YoyError:  # its review or entries unreadable: made again, and said there
                    fresh = False
                if fresh:
                    found[pair] = Path(out) / json
                    break
    return found


def _lock(out: Path):
    from filelock import FileLock, Timeout
    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / LOCK))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise YoyError(out, "another `yoy run` is writing to this output folder") from None
    return lock


def run_store(store: Path = Path("reports"), out: Path = Path("output"), *, jobs: int = 1,
              force: bool = False,
              lang: str = "zh", progress: Callable[[int, int], None] | None = None,
              templates: Path | None = None,
              discard_edits: bool | Iterable[str | Path] = False) -> RunResult:
    """Bring every workbook of `store` up to date; `progress(pairs finished, total)` as it goes.
    `templates`: the user's templates, tried before the shipped ones (kinds.template_dirs).
    What people typed into a workbook about to be rewritten is imported first; a workbook
    whose typed cells cannot be imported fails (jobs.guard), unless `discard_edits` (True: every
    workbook; files: those, the others refused with the flag naming each).

    >>> import shutil, tempfile
    >>> store = Path(tempfile.mkdtemp()) / "reports"
    >>> for year in (2024, 2025):   # 盐田区's two reports alone
    ...     _ = shutil.copytree(f"reports/{year}", store / str(year),
    ...                         ignore=shutil.ignore_patterns("[!盐]*"))
    >>> result = run_store(store, store.parent / "output")
    >>> [f"{p.region} {p.old_year}→{p.new_year}" for p in result.done], result.failed
    (['盐田区 2024→2025'], [])
    >>> [p.name for p in (*result.trackers, *result.plans, result.summary)]
    ['gov-work-report-tracker.xlsx', 'gov-work-report-2025-plan.xlsx', '运行摘要.csv']
    >>> run_store(store, store.parent / "output").skipped == result.done   # nothing changed
    True
    """
    discard = Discard.every() if discard_edits is True else Discard.of(discard_edits or ())
    job = Job(store_dir(store), Path(out), lang, templates, discard)
    lock = _lock(job.out)  # two runs into one output would interleave workbooks and their state
    try:
        try:
            runner = Runner(jobs)
        except KeyboardInterrupt:  # as the workers start: nothing read yet
            raise Interrupted(None) from None
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
    runner: Runner
    state: RunState
    digests: _Digests
    entries: list[Entry]          # the usable stored reports
    pairs: list[Pair]
    result: RunResult
    keys: dict[Pair, str] = field(default_factory=dict)   # each pair's input key
    failed: set[Pair] = field(default_factory=set)
    planned: set[str] = field(default_factory=set)        # state names of everything this run keeps
    stale: set[str] = field(default_factory=set)          # files the index was wrong about
    rows: list[Row] = field(default_factory=list)          # the run summary's, reasons to come

    def rel(self, path: Path) -> str:
        return Path(path).relative_to(self.job.store).as_posix()


def _run(job: Job, runner: Runner, force: bool,
         progress: Callable[[int, int], None] | None) -> RunResult:
    warnings: list[str] = []
    try:
        # first: an output folder of another store's is refused before anything is written in it
        state = RunState(job.out, job.store, job.lang, force, warnings)
        indexed = refresh_index(job.store, job.out, runner.map)
        # the workbooks' record (jobs.guard.WRITTEN) is kept: a rerun rewriting them reads none
        prune_cache(job.cache, {e.sha256 for e in indexed}, records=(WRITTEN,))
        entries, broken = usable(indexed)  # a bad file fails its pairs, not the run
        pairs = plan_pairs(entries, job.store)
    except KeyboardInterrupt:  # the store read, no pair compared yet
        raise Interrupted(None) from None
    result = RunResult(total=len(pairs), failed=[(str(job.store / f), why) for f, why in broken],
                       warnings=warnings,
                       no_measures=[(job.store / e.path, e.no_measures) for e in entries
                                    if e.no_measures], gaps=gaps(entries, pairs))
    run = _Run(job, runner, state,
               _Digests(job.store, job.lang, job.templates), entries, pairs, result)
    try:
        _compare_pairs(run, progress)
        _trackers(run)
        _plan_sheets(run)
        _remove_orphans(run, {e.path for e in indexed})
        run.result.behind = _behind(run)
    except KeyboardInterrupt:
        raise Interrupted(run.result) from None
    finally:
        run.state.save()  # also on Ctrl-C: the pairs finished so far are not redone
        if run.stale:
            drop_entries(job.out, job.store, run.stale)
    _discards_unmatched(run)
    run.result.summary = _summary(run, broken)
    run.result.notes = sorted(dict.fromkeys(run.result.notes))  # workers finish in any order
    run.result.warnings = sorted(dict.fromkeys(run.result.warnings))
    return run.result


def _summary(run: _Run, broken: list[tuple[str, str]]) -> Path:
    """The run summary (jobs.run_summary) of a run that went to its end: every pair, tracker and
    台账 with why it failed, if it did, and every stored report that cannot be read."""
    job, reasons = run.job, dict(run.result.failed)
    rows = [r._replace(reason=reasons.get(str(r.path), "")) for r in run.rows]
    for p in run.pairs:
        wb = default_workbook(job.out, p.region, p.kind, p.old_year, p.new_year, job.lang)
        why = reasons.get(f"{p.region} {p.kind} {p.old_year}→{p.new_year}", "")
        rows.append(Row(p.region, p.kind, "pair", (p.old_year, p.new_year), wb,
                        why.removeprefix(f"{wb}: ")))
    rows += [Row("", "", "report", (), job.store / f, why) for f, why in broken]
    path, kept, lost = write_summary(rows, job.out, job.lang, job.templates,
                                     keep=keep_unless_written)
    if lost:
        run.result.warnings.append(lossy_line(path, kept))
    elif kept is not None:  # a clerk's notes typed into the file are kept, not lost
        run.result.notes.append(f"{path}: changed since yoy wrote it: kept as {kept}")
    return path


def _behind(run: _Run) -> dict[str, int]:
    """Language → the pairs whose workbooks an earlier run wrote in it from other inputs than the
    pair's now (reviews imported by this run, a report changed): an English copy stays as it was
    until a run in English, which a 督查室 handing them out was not told (review ua23 L2)."""
    behind: dict[str, int] = {}
    for lang, records in run.state.data.langs.items():
        if lang == run.job.lang:
            continue
        digests = _Digests(run.job.store, lang, run.job.templates)
        for p in run.pairs:
            rec = records.get(_pair_files(run.job, p)[0])
            try:
                stale = rec is not None and rec.key != digests.pair(p)
            except YoyError:  # its review or entries unreadable: the pair failed, and was said to
                stale = False
            behind[lang] = behind.get(lang, 0) + stale
    return {lang: n for lang, n in behind.items() if n}


def _discards_unmatched(run: _Run) -> None:
    """A file `--discard-edits PATH` names that the run writes no workbook at (a typo, a path of
    another output folder): said, since nothing was discarded there."""
    job = run.job
    written = [default_workbook(job.out, p.region, p.kind, p.old_year, p.new_year, job.lang)
               for p in run.pairs] + run.result.plans
    run.result.warnings += [f"{path}: --discard-edits names no workbook this run writes: nothing "
                            "discarded there" for path in job.discard_edits.unmatched(written)]


def _pair_files(job: Job, pair: Pair) -> tuple[str, list[str]]:
    """The pair's name in the run state, one for every language, and the files it writes
    (relative to out): the workbook in the run's language (…-en.xlsx), the JSON they share."""
    name = comparison_json(Path(), pair.region, pair.kind, pair.old_year,
                           pair.new_year).with_suffix("").as_posix()
    wb = default_workbook(Path(), pair.region, pair.kind, pair.old_year, pair.new_year, job.lang)
    return name, [wb.as_posix(), f"{name}.json"]


def _compare_pairs(run: _Run, progress: Callable[[int, int], None] | None) -> None:
    """Every pair whose inputs or files changed, in the pool; each recorded as it finishes,
    and those the workers were in the middle of when Ctrl-C came too."""
    result = run.result
    todo = []
    for p in run.pairs:
        name, files = _pair_files(run.job, p)
        run.planned.add(name)
        try:
            run.keys[p] = run.digests.pair(p)
        except YoyError as e:  # its review or the office's entries cannot be read: this pair fails
            _settle_pair(run, p, {"ok": False, "error": f"{e.where}: {e.reason}"})
            continue
        if run.state.fresh(name, run.keys[p], files):
            result.skipped.append(p)
            recorded = run.state.mine[name].statuses
            if recorded:  # a state written before the counts were kept has none
                _count(result, recorded)
        else:
            todo.append((p, pair_task, run.job, p))
    finished = len(result.skipped) + len(run.failed)
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
        run.state.record(name, run.keys[p], files, [run.rel(p.old_path), run.rel(p.new_path)],
                         res["statuses"])
        _count(run.result, res["statuses"])
    else:
        run.failed.add(p)
        run.result.failed.append((f"{p.region} {p.kind} {p.old_year}→{p.new_year}", res["error"]))
        _failed(run, name, res)


def _count(result: RunResult, statuses: dict[str, dict[str, int]]) -> None:
    result.counted += 1
    for what, counts in statuses.items():
        total = result.statuses.setdefault(what, {})
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v


def _failed(run: _Run, name: str, res: dict) -> None:
    run.state.fail(name)
    if "stale" in res:
        run.stale.add(run.rel(Path(res["stale"])))


def _settle_files(run: _Run, todo: list[tuple]) -> None:
    """Run one-file tasks (tagged (state name, input key, path, sources)) in the pool; record each
    written file in the run state, or report why it failed, so the next run redoes it."""
    for (name, key, path, sources), res in run.runner.unordered(todo):
        if res["ok"]:
            _heard(run, res)
            run.state.record(name, key, [_file(name, path)], sources)
        else:
            # the file is named once (`yoy: error: <file>: <reason>`), not again by the error
            run.result.failed.append((str(path), res["error"].removeprefix(f"{path}: ")))
            _failed(run, name, res)


def _file(name: str, path: Path) -> str:
    """The file (relative to out) a tracker or plan sheet named `name` in the run state writes at
    `path`: beside the name, in the run's language (…-en.xlsx)."""
    return f"{name.rpartition('/')[0]}/{path.name}"


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
            # one for every language
            name = f"{region}/{plan_path(Path(), region, kind, e.plan_year).stem}"
            run.planned.add(name)
            run.result.plans.append(path)
            run.rows.append(Row(region, kind, "plan", (e.plan_year,), path, ""))
            h = hashlib.sha256(digests.kind(kind).encode() + digests.common + e.sha256.encode())
            try:
                h.update(digests.file(entries_path(job.store, region, kind, e.plan_year)))
            except YoyError as err:
                run.result.failed.append((str(path), f"{err.where}: {err.reason}"))
                run.state.fail(name)
                continue
            if not run.state.fresh(name, h.hexdigest(), [_file(name, path)]):
                todo.append(((name, h.hexdigest(), path, [e.path]), plan_sheet_task, job,
                             job.store / e.path, region, kind, e.year))
    _settle_files(run, todo)


def _trackers(run: _Run) -> None:
    """One tracker per region/kind that has a pair, built in the pool; redone
    when any input changed."""
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
        # one for every language
        name, key = f"{region}/{tracker_path(Path(), region, kind).stem}", h.hexdigest()
        run.planned.add(name)
        run.result.trackers.append(path)
        run.rows.append(Row(region, kind, "tracker", (), path, ""))
        if not run.state.fresh(name, key, [_file(name, path)]):
            todo.append(((name, key, path, [e.path for e in reports]), tracker_task, job, region,
                         kind, [job.store / e.path for e in reports]))
    _settle_files(run, todo)


def _remove_orphans(run: _Run, listed: set[str]) -> None:
    """Outputs made from a report no longer in the store (`listed`: the store's report files):
    each file is removed when its signature is one a run recorded for it (yoy wrote it and nobody
    changed it since), else left in place with a warning naming it: a workbook someone typed
    into is never deleted."""
    out, record = run.job.out.resolve(), run.job.cache / WRITTEN
    orphans: dict[str, list[Record]] = {}
    for records in run.state.data.langs.values():
        for name, rec in records.items():
            if name not in run.planned and not set(rec.sources) <= listed:
                orphans.setdefault(name, []).append(rec)
    for name, recs in sorted(orphans.items()):
        kept = []
        for rel in dict.fromkeys(f for rec in recs for f in rec.files):
            path = run.job.out / rel
            if not path.resolve().is_relative_to(out):
                continue  # the state names only yoy's own outputs; anything else is not touched
            sig = signature(path)
            if sig is None:
                continue
            if any(rec.files.get(rel) == sig for rec in recs):
                # a workbook's entry in the record of what yoy wrote goes with it
                forget_written(written_digest(path, record), record)
                path.unlink()
                run.result.removed.append(path)
            else:
                kept.append(path)
        if kept:
            gone = sorted({s for rec in recs for s in rec.sources} - listed)
            run.result.warnings += [f"{path}: made from {', '.join(gone)}, no longer in the store, "
                                    "and changed since yoy wrote it: left in place"
                                    for path in kept]
        else:
            run.state.drop(name)
    for folder in {p.parent for p in run.result.removed} - {run.job.out}:
        if not any(folder.iterdir()):
            folder.rmdir()
