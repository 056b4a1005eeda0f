"""The store index: what `yoy run` plans from, so an unchanged store is never parsed again.

One entry per stored report file: where it is, its file signature (size, mtime,
inode), the SHA-256 of its bytes and the few fields pairing needs (region, kind,
year, review and plan year), or why it could not be read. The index is a JSON
file beside the run's output (the store may be read-only, and output/ is what a
run owns); a file whose signature is unchanged is trusted without reading it, a
new or changed one is parsed once (by the caller's pool) and its entry replaced.

    >>> entries, broken = refresh_index(Path("reports"), Path("output"))   # doctest: +SKIP
    >>> [p.new_year for p in plan_pairs(entries)]                          # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from compare.errors import YoyError
from compare.files import atomic_write, safe_name
from compare.store import CACHE, load_report, report_files

INDEX = ".yoy-index.json"
FORMAT = 1


@dataclass(frozen=True)
class Entry:
    path: str                     # relative to the store
    size: int
    mtime_ns: int
    inode: int
    sha256: str
    region: str = ""
    kind: str = ""
    year: int = 0
    review_year: int = 0
    plan_year: int = 0
    error: str = ""               # why the file cannot be used; empty when it can

    @property
    def series(self) -> tuple[str, str]:
        return self.region, self.kind


@dataclass(frozen=True)
class Pair:
    region: str
    kind: str
    old_year: int
    new_year: int
    old_path: Path
    new_path: Path
    old_sha256: str = ""
    new_sha256: str = ""
    plan_year: int = 0            # OLD's plan year: the office's plan-sheet entries are filed under it


Mapper = Callable[[Callable, list], Iterable]


def _signature(st: os.stat_result) -> tuple[int, int, int]:
    # atomic writes replace the inode, so an edit within one mtime tick still shows
    return st.st_size, st.st_mtime_ns, st.st_ino


def read_entry(store: Path, rel: str, cache: Path | None = None) -> Entry:
    """Parse one stored report into its index entry; a file that does not load gets `error`.
    `cache`: where the parsed report is kept for the run's later loads (see store.load_report)."""
    path = Path(store) / rel
    try:
        data = path.read_bytes()
        size, mtime_ns, inode = _signature(path.stat())
    except OSError as e:  # removed or unreadable since the listing: this file fails, not the run
        return Entry(path=rel, size=-1, mtime_ns=-1, inode=-1, sha256="", error=e.strerror or str(e))
    sig: dict[str, Any] = dict(path=rel, size=size, mtime_ns=mtime_ns, inode=inode,
                               sha256=hashlib.sha256(data).hexdigest())
    try:
        r = load_report(path, cache)
        # an unsafe name would only fail later, while naming the pair's workbook, and take the run with it
        safe_name(r.region, "region")
        safe_name(r.kind, "kind")
    except YoyError as e:
        return Entry(**sig, error=e.reason)
    return Entry(**sig, region=r.region, kind=r.kind, year=r.year, review_year=r.review_year, plan_year=r.plan_year)


def _read_entry_args(args: tuple[str, str, str]) -> Entry:
    return read_entry(Path(args[0]), args[1], Path(args[2]))


def index_path(out: Path) -> Path:
    return Path(out) / INDEX


def load_index(out: Path, store: Path) -> dict[str, Entry]:
    """The entries recorded for `store` in `out`; empty when none, for another store, or unreadable."""
    path = index_path(out)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("store") != str(Path(store).resolve()):
            return {}
        return {e["path"]: Entry(**e) for e in data["entries"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # a cache: rebuilt from the store, never trusted over it


def save_index(out: Path, store: Path, entries: Iterable[Entry]) -> None:
    data = {"format": FORMAT, "store": str(Path(store).resolve()),
            "entries": [asdict(e) for e in sorted(entries, key=lambda e: e.path)]}
    atomic_write(index_path(out), json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def refresh_index(store: Path, out: Path, mapper: Mapper | None = None) -> list[Entry]:
    """Every stored report's entry, re-reading only files whose signature changed; saves the index.
    Each report read is kept parsed in `<out>/.yoy-cache` for the run's workers.

    `mapper(fn, items)`: how to run the parses (the run's process pool); default in-process.
    """
    store, out = Path(store), Path(out)
    cached = load_index(out, store)
    entries: dict[str, Entry] = {}
    stale: list[str] = []
    for path in report_files(store):
        rel = path.relative_to(store).as_posix()
        try:
            sig = _signature(path.stat())
        except OSError:
            continue  # removed while we looked
        old = cached.get(rel)
        if old is not None and (old.size, old.mtime_ns, old.inode) == sig:
            entries[rel] = old
        else:
            stale.append(rel)
    mapper = mapper or (lambda fn, items: map(fn, items))
    cache = str(out / CACHE)
    for e in mapper(_read_entry_args, [(str(store), rel, cache) for rel in stale]):
        entries[e.path] = e
    result = [entries[k] for k in sorted(entries)]
    if stale or len(entries) != len(cached):
        save_index(out, store, result)
    return result


def usable(entries: Iterable[Entry]) -> tuple[list[Entry], list[tuple[str, str]]]:
    """Entries a run can use, and (file, reason) for the rest: unreadable files, and every file of a
    region/kind/year that more than one file claims (which one is meant cannot be guessed)."""
    claims: dict[tuple[str, str, int], list[Entry]] = defaultdict(list)
    broken: list[tuple[str, str]] = []
    for e in entries:
        if e.error:
            broken.append((e.path, e.error))
        else:
            claims[(e.region, e.kind, e.year)].append(e)
    good = []
    for (region, kind, year), found in claims.items():
        if len(found) == 1:
            good += found
            continue
        names = ", ".join(e.path for e in found)
        broken += [(e.path, f"{len(found)} files hold {region} {kind} {year} ({names}): keep one") for e in found]
    return sorted(good, key=lambda e: e.path), sorted(broken)


def series(entries: Iterable[Entry]) -> dict[tuple[str, str], list[Entry]]:
    """Usable entries by (region, kind), each in year order."""
    out: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        out[e.series].append(e)
    return {k: sorted(v, key=lambda e: e.year) for k, v in sorted(out.items())}


def plan_pairs(entries: Iterable[Entry], store: Path = Path("reports")) -> list[Pair]:
    """Consecutive reports of one region and kind (OLD.plan_year == NEW.review_year, NEW later).

    Linear in the store: each series is looked up by review year, never scanned per report.
    """
    store = Path(store)
    pairs = []
    for (region, kind), reports in series(entries).items():
        by_review: dict[int, list[Entry]] = defaultdict(list)
        for e in reports:
            by_review[e.review_year].append(e)
        for old in reports:
            for new in by_review.get(old.plan_year, ()):
                if new.year > old.year:
                    pairs.append(Pair(region, kind, old.year, new.year, store / old.path, store / new.path,
                                      old.sha256, new.sha256, old.plan_year))
    return sorted(pairs, key=lambda p: (p.region, p.kind, p.old_year, p.new_year))
