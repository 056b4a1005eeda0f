"""The store index: what `yoy run` plans from, so an unchanged store is never parsed again.

One entry per stored report file: where it is, its file signature (size, mtime,
ctime, inode), the SHA-256 of its bytes and the few fields pairing needs (region,
kind, year, review and plan year), or why it could not be read. The index is a
JSON file beside the run's output (the store may be read-only, and output/ is what
a run owns); a file whose signature is unchanged is trusted without reading it, a
new or changed one is parsed once (by the caller's pool) and its entry replaced.
The index is a cache, never believed over the store: one that was edited (its
entries no longer match their SHA-256), written by another version or for another
store is rebuilt, and a file that could not be read is tried again on every run.

    >>> entries, broken = refresh_index(Path("reports"), Path("output"))   # doctest: +SKIP
    >>> [p.new_year for p in plan_pairs(entries)]                          # doctest: +SKIP
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields
from itertools import pairwise
from pathlib import Path
from typing import Any

from compare.errors import YoyError
from compare.files import atomic_write, file_signature, read_bytes, safe_name
from compare.ingest import no_measures
from compare.store import CACHE, load_report, report_files, schema_tag

INDEX = ".yoy-index.json"
FORMAT = 3


@dataclass(frozen=True)
class Entry:
    path: str                     # relative to the store
    size: int                     # size … inode: the file's signature (files.file_signature)
    mtime_ns: int
    ctime_ns: int
    inode: int
    sha256: str
    region: str = ""
    kind: str = ""
    year: int = 0
    review_year: int = 0
    plan_year: int = 0
    no_measures: str = ""         # why the report holds no measures (ingest.no_measures); or empty
    error: str = ""               # why the file cannot be used; empty when it can

    @property
    def series(self) -> tuple[str, str]:
        return self.region, self.kind

    @property
    def signature(self) -> tuple[int, int, int, int]:
        return self.size, self.mtime_ns, self.ctime_ns, self.inode


# Each field's name and type, in order, to check entries read back (a year as text would fail
# far from here); compared as tuples, a few microseconds an entry.
_NAMES = tuple(f.name for f in fields(Entry))
_TYPES = tuple(str if f.type == "str" else int for f in fields(Entry))


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
    plan_year: int = 0  # OLD's plan year: the office's plan-sheet entries are filed under it


Mapper = Callable[[Callable, list], Iterable]


def _unreadable(rel: str, e: OSError | YoyError) -> Entry:
    """The entry of a file that could not be read: its error, and a signature no file has, so
    that the next run tries it again."""
    why = e.reason if isinstance(e, YoyError) else f"cannot read: {e.strerror or e}"
    return Entry(path=rel, size=-1, mtime_ns=-1, ctime_ns=-1, inode=-1, sha256="", error=why)


def read_entry(store: Path, rel: str, cache: Path | None = None) -> Entry:
    """Parse one stored report into its index entry; a file that does not load gets `error`.
    `cache`: where the parsed report is kept for the run's later loads (see store.load_report)."""
    path = Path(store) / rel
    try:
        size, mtime_ns, ctime_ns, inode = file_signature(path.stat())
        data = read_bytes(path)  # a FIFO or device is refused, never waited on
    except (OSError, YoyError) as e:
        # removed or unreadable since the listing: this file fails, not the run
        return _unreadable(rel, e)
    sig: dict[str, Any] = dict(path=rel, size=size, mtime_ns=mtime_ns, ctime_ns=ctime_ns,
                               inode=inode, sha256=hashlib.sha256(data).hexdigest())
    try:
        r = load_report(path, cache)
        # an unsafe name would only fail later, while naming the pair's workbook, and
        # take the run with it
        safe_name(r.region, "region")
        safe_name(r.kind, "kind")
    except YoyError as e:
        return Entry(**sig, error=e.reason)
    except Exception as e:  # a bug met by one file fails that file, not the run
        return Entry(**sig, error=f"internal error: {type(e).__name__}: {e}")
    return Entry(**sig, region=r.region, kind=r.kind, year=r.year, review_year=r.review_year,
                 plan_year=r.plan_year, no_measures="" if r.commitments else no_measures(r))


def _read_entry_args(args: tuple[str, str, str]) -> Entry:
    return read_entry(Path(args[0]), args[1], Path(args[2]))


def index_path(out: Path) -> Path:
    return Path(out) / INDEX


def _tag(store: Path) -> dict[str, str]:
    """What an index must have been written for: this store, and this version of yoy and its schema
    (an entry's fields and errors come from parsing the file)."""
    return {"store": str(Path(store).resolve()), "version": schema_tag()}


def _entry(fields: Any) -> Entry:
    if type(fields) is not dict or tuple(fields) != _NAMES \
            or tuple(map(type, fields.values())) != _TYPES:
        raise ValueError("not an index entry")
    return Entry(**fields)


def load_index(out: Path, store: Path) -> dict[str, Entry]:
    """The entries recorded for `store` in `out`; empty when none, for another store or version,
    unreadable, or edited: the index is a cache, rebuilt from the store, never trusted over it.

    The file is two lines: a header (format, store, version, the SHA-256 of the second line)
    and the entries, so that an edited entry is found without parsing anything twice."""
    try:
        head, _, body = read_bytes(index_path(out)).partition(b"\n")
        header = json.loads(head)
        if header != {"format": FORMAT, **_tag(store), "sha256": hashlib.sha256(body).hexdigest()}:
            return {}
        return {e.path: e for e in map(_entry, json.loads(body))}
    except (YoyError, ValueError, TypeError):
        return {}


def save_index(out: Path, store: Path, entries: Iterable[Entry]) -> None:
    body = json.dumps([asdict(e) for e in sorted(entries, key=lambda e: e.path)],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"format": FORMAT, **_tag(store), "sha256": hashlib.sha256(body).hexdigest()}
    atomic_write(index_path(out), json.dumps(header, ensure_ascii=False).encode("utf-8")
                 + b"\n" + body)


def drop_entries(out: Path, store: Path, paths: Iterable[str]) -> None:
    """Forget the entries of `paths` (relative to the store), so that the next refresh reads
    those files again whatever their signature: a run found them not to be what the index said."""
    gone = set(paths)
    save_index(out, store, [e for path, e in load_index(out, store).items() if path not in gone])


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
            sig = file_signature(path.stat())
        except OSError as err:
            # a dangling link, or removed while we looked: reported, not skipped silently
            entries[rel] = _unreadable(rel, err)
            continue
        old = cached.get(rel)
        # a file that failed is read again, whatever its signature: its error may have passed
        if old is not None and old.signature == sig and not old.error:
            entries[rel] = old
        else:
            stale.append(rel)
    mapper = mapper or (lambda fn, items: map(fn, items))
    cache = str(out / CACHE)
    for e in mapper(_read_entry_args, [(str(store), rel, cache) for rel in stale]):
        entries[e.path] = e
    result = [entries[k] for k in sorted(entries)]
    if stale or result != list(cached.values()):
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
        broken += [(e.path, f"{len(found)} files hold {region} {kind} {year} ({names}): keep one")
                   for e in found]
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
                    pairs.append(Pair(region, kind, old.year, new.year, store / old.path,
                                      store / new.path, old.sha256, new.sha256, old.plan_year))
    return sorted(pairs, key=lambda p: (p.region, p.kind, p.old_year, p.new_year))


def gaps(entries: Iterable[Entry], pairs: Iterable[Pair]) -> list[tuple[str, str, int, int]]:
    """(region, kind, year, next stored year) for each stored report that no pair compares with
    the next one of its series: a year is missing between them (海拉尔区 2015 and 2017 without
    2016; the archive's 1960 and 1964)."""
    paired = {(p.region, p.kind, p.old_year) for p in pairs}
    return [(region, kind, a.year, b.year) for (region, kind), reports in series(entries).items()
            for a, b in pairwise(reports)
            if b.year > a.year + 1 and (region, kind, a.year) not in paired]
