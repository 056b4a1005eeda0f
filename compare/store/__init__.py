"""The report store: `<store>/<year>/<region>-<kind>.yaml`, raw sources beside them.

YAML is written atomically (temp file + rename), read with the safe loader and
validated against the schema, so a hand-corrected report is used as it stands
and a malformed one is refused with the file and field path.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import zlib
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from compare import __version__
from compare.errors import YoyError, YoyWarning
from compare.files import (
    atomic_write,
    atomic_write_all,
    dump_yaml,
    load_yaml,
    read_bytes,
    safe_name,
    seal,
    unseal,
    validated,
)
from compare.schema import Comparison, Report

# How long a command waits for another yoy writing the same store.
LOCK_TIMEOUT = 60.0
LOCK_FILE = ".yoy.lock"
# reports named when a folder is given for one: enough to show the form, one line
_FOLDER_LISTED = 3


@contextmanager
def store_lock(store: Path) -> Iterator[None]:
    """Hold the store's lock: every check-then-write (ingest) and read-modify-write
    (review merge) runs under it, so two yoy processes cannot both pass a check and
    one silently replace the other's file."""
    from filelock import FileLock, Timeout
    store = Path(store)
    if store.exists() and not store.is_dir():
        raise YoyError(store, "not a directory (the store must be one)")
    try:
        store.mkdir(parents=True, exist_ok=True)
        lock = FileLock(store / LOCK_FILE, timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise YoyError(store, f"another yoy holds the store's lock ({LOCK_FILE}) for more than "
                              f"{LOCK_TIMEOUT:.0f} s") from None
    except OSError as e:
        raise YoyError(e.filename or store, f"cannot lock the store: {e.strerror or e}") from None
    try:
        yield
    finally:
        lock.release()


def report_path(store: Path, year: int, region: str, kind: str) -> Path:
    return Path(store) / str(year) / f"{safe_name(region, 'region')}-{safe_name(kind, 'kind')}.yaml"


def stored_report(store: Path, year: int, region: str, kind: str) -> Path:
    """The path of the stored report of `region`, `kind` and `year`; a YoyError saying to ingest
    it when there is none."""
    path = report_path(store, year, region, kind)
    if not Path(store).is_dir():
        raise YoyError(store, "no such store: the folder does not exist")
    if not path.is_file():
        years = sorted(p.parent.name for p in Path(store).glob(f"[0-9]*/{path.name}"))
        held = f" (it holds {', '.join(years)})" if years else _near(store, region, kind)
        raise YoyError(store, f"no {region} {kind} report for {year}{held}", hint="ingest")
    return path


def stored_kind(store: Path, region: str) -> str:
    """The one kind of report the store holds for `region`; a YoyError when it holds none, or
    several (which one is meant cannot be guessed)."""
    prefix = f"{safe_name(region, 'region')}-"
    found = sorted({p.name[len(prefix):-len(".yaml")]
                    for p in Path(store).glob(f"[0-9]*/{prefix}*.yaml")})
    if len(found) == 1:
        return found[0]
    if not found:
        raise YoyError(store, f"no {region} report in the store{_near(store, region)}",
                       hint="ingest")
    raise YoyError(store, f"it holds {region} reports of {len(found)} kinds ({', '.join(found)})",
                   hint="kind")


def _near(store: Path, region: str, kind: str | None = None) -> str:
    """The stored regions (of `kind`, else of any kind) a mistyped `region` may mean (盐田 for
    盐田区), else the first few it holds, as a hint."""
    import difflib
    if kind:
        suffix = f"-{kind}.yaml"
        regions = sorted({p.name.removesuffix(suffix)
                          for p in Path(store).glob(f"[0-9]*/*{suffix}")})
    else:  # up to the first "-" (kinds hold one, units' names none; a hint only)
        regions = sorted({p.name.partition("-")[0] for p in Path(store).glob("[0-9]*/*-*.yaml")})
    near = [r for r in regions if region in r or r in region] or difflib.get_close_matches(
        region, regions, n=3, cutoff=0.5)
    # none near (Guangdong for 广东省, review ua25): the regions there are, as a missing year is
    # told the years there are, eight named and the rest counted
    held = near or regions[:8]
    more = f" and {len(regions) - len(held)} more (yoy list)" if not near and len(regions) > len(
        held) else ""
    return (f" (the store holds {', '.join(held)}{more}{' of that kind' if kind else ''})"
            if held else "")


# The first line of every report yoy writes: the SHA-256 of the lines below it. A stored report
# whose lines still match was not edited since yoy wrote it, so a re-ingest of its own source that
# reads otherwise was read by another release; one that no longer matches (or has no stamp: written
# before yoy stamped its reports) may hold a person's edit, which an ingest never replaces unasked.
STAMP = b"# written by yoy; sha256 of the lines below: "


def report_bytes(report: Report) -> bytes:
    body = dump_yaml(report.model_dump(mode="json"))
    return STAMP + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def untouched(stored: bytes) -> bool | None:
    """Whether the stored report's bytes are still those yoy wrote (its stamp matches the lines
    below it); None when it has no stamp (written before yoy stamped them, or the line removed)."""
    head, _, body = stored.partition(b"\n")
    if not head.startswith(STAMP):
        return None
    return head[len(STAMP):].strip() == hashlib.sha256(body).hexdigest().encode()


def save_report(report: Report, path: Path, *, overwrite: bool = False) -> bool:
    """Write `report` to `path`. Returns False when the file already holds exactly this report.

    A different file at `path` (hand-corrected, or from another source) is kept
    unless `overwrite`.
    """
    return save_report_with_source(report, path, None, overwrite=overwrite)


def save_report_with_source(report: Report, path: Path, source: tuple[Path, bytes] | None, *,
                            overwrite: bool = False, store: Path | None = None,
                            read_from: str | None = None) -> bool:
    """Write `report` to `path` and its raw source (path, bytes) beside it, both or neither,
    under the store's lock (`store`: default the folder above the year folder). Returns
    whether anything was written (False: the store already held exactly this pair, or the same
    report made from another copy of its source: a YoyWarning says so and the stored pair is
    kept). `read_from`, the input the report was read from, is what a refusal names.

    The source is replaced first and the report last: a report names its source by SHA-256, so
    an ingest killed between the two leaves a report whose source does not match it, which
    `validate` refuses and the next ingest repairs, never a new report beside an old source
    that looks whole.
    """
    path = Path(path)
    data = report_bytes(report)
    with store_lock(store if store is not None else path.parent.parent):
        files = [(path, data)]
        stamped = False
        if path.exists():
            stored = path.read_bytes() if path.is_file() else None
            said = None if stored == data else differences(path, stored, report)
            if said is None:
                files = []
            elif stored == data.partition(b"\n")[2]:
                # written before yoy stamped its reports, and read the same: the stamp is added
                # (nothing else changes) so that a later release's reading can be told from an edit
                stamped = True
            elif not said and not overwrite:
                # the same report from another copy of its source (another scrape, re-saved):
                # nothing to replace, and the stored report still names its stored source
                import warnings
                warnings.warn(YoyWarning(
                    f"{read_from or path}: the same report as {path}, from another copy of its "
                    f"source (sha256 {report.source.sha256[:12]}…): the stored one kept"),
                    stacklevel=2)
                return False
            elif not overwrite:
                if read_from:
                    raise YoyError(read_from, f"the store's {path} differs from this file {said}",
                                   hint="overwrite")
                raise YoyError(path, f"already in the store and differs from this ingest {said}",
                               hint="overwrite")
        if stamped:
            atomic_write(path, data)
            return False
        if source is not None and (files or source_sha256(source[0]) != report.source.sha256):
            files.insert(0, source)
        atomic_write_all(files)
        if source is not None and files:
            # a source in another format replaces the old one (a .docx after the .txt): the report
            # now names the new file, and the old one beside it would be taken for its source
            for ext in SOURCE_FORMATS.values():
                old = path.with_name(f"{path.stem}.source.{ext}")
                if old != Path(source[0]) and old.is_file():
                    old.unlink()
    return bool(files)


# a stored report's raw source, by the format it was read in: <region>-<kind>.source.<ext>
SOURCE_FORMATS = {"text": "txt", "html": "html", "mhtml": "mhtml", "docx": "docx", "pdf": "pdf"}


def check_source(path: Path, report: Report) -> None:
    """Refuse a stored report whose raw source beside it is not the file it was made from (an
    ingest interrupted between writing the two, or a source replaced by hand)."""
    if report.source.file:
        found = source_sha256(Path(path).with_name(report.source.file))
        if found is not None and found != report.source.sha256:
            raise YoyError(path, f"its source {report.source.file} is not the file it was ingested "
                                 f"from (sha256 {found[:12]}…, the report names "
                                 f"{report.source.sha256[:12]}…); ingest the source again with "
                                 "--overwrite")


def source_sha256(path: Path) -> str | None:
    """The SHA-256 of the file at `path`, or None when there is none."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def differences(path: Path, stored: bytes | None, report: Report) -> str:
    """What differs between the stored report's file and `report`, in words: the fields (source.url,
    title, a section by its label…), and whether the source is the same file (then the stored one
    was edited by hand, or made by another version of yoy). Empty when nothing but the source's
    bytes (and the format it was read in) differs, and a url only where `report` has none: the
    same report, from another copy of its source."""
    try:
        old = (validated(Report, load_yaml(path, stored), path).model_dump(mode="json")
               if stored is not None else None)
    except YoyError:
        return "(the stored file is not a valid report)"
    if old is None:
        return "(the stored path is not a file)"
    new = report.model_dump(mode="json")
    fields = [f"source.{k}" for k in ("url", "file")
              if old["source"].get(k) != new["source"].get(k)]
    fields += [k for k in new if k not in ("source", "sections") and old.get(k) != new.get(k)]
    fields += _section_differences(old.get("sections", []), new["sections"])
    same_source = old["source"].get("sha256") == new["source"]["sha256"]
    if not set(fields) - {"source.file", "source.url" if new["source"]["url"] is None else ""}:
        return "in its layout only (written by another version of yoy?)" if same_source else ""
    said = ", ".join(fields[:4]) + (f" and {len(fields) - 4} more" if len(fields) > 4 else "")
    if same_source:
        url = ""
        if fields == ["source.url"]:
            url = (f" (stored {old['source']['url'] or 'none'}, now "
                   f"{new['source']['url'] or 'none'})")
            return f"in {said}{url}"
        written = untouched(stored or b"")
        if written:
            return (f"in {said}: yoy wrote it from this same file and it was not edited since; "
                    f"this release reads the file differently ({_items_changed(old, new)})")
        if written is False:
            return (f"in {said}; its source is the same file, and it was edited by hand since yoy "
                    "wrote it (replacing it discards the edit)")
        return (f"in {said}; its source is the same file (edited by hand, or read by another "
                "version of yoy?)")
    return (f"in {said}: another source (sha256 {old['source'].get('sha256', '')[:12]}… stored, "
            f"{new['source']['sha256'][:12]}… now)")


# the report's lists a re-reading changes, by the words a user knows them by
_ITEMS = {"commitments": "measure", "targets": "target", "metrics": "figure",
          "shortcomings": "problem"}


def _items_changed(old: dict, new: dict) -> str:
    """How the lists of two readings of one report differ, by id: "2 figures added, 1 measure
    changed"; "the same measures, targets, figures and problems" when only the rest differs."""
    said = []
    for key, word in _ITEMS.items():
        a = {x["id"]: x for x in old.get(key, [])}
        b = {x["id"]: x for x in new.get(key, [])}
        for n, how in ((len(b.keys() - a.keys()), "added"), (len(a.keys() - b.keys()), "removed"),
                       (sum(a[k] != b[k] for k in a.keys() & b.keys()), "changed")):
            if n:
                said.append(f"{n} {word}{'s' if n > 1 else ''} {how}")
    return ", ".join(said) or "the same measures, targets, figures and problems"


def _section_differences(old: list[dict], new: list[dict], path: str = "") -> list[str]:
    out = []
    for k in range(max(len(old), len(new))):
        a, b = (old[k] if k < len(old) else None), (new[k] if k < len(new) else None)
        if a == b:
            continue
        name = (f"section {path}"
                f"{(b or a or {}).get('label', '') or (b or a or {}).get('heading', '')[:12]}")
        if (a and b and a.get("paragraphs") == b.get("paragraphs")
            and a.get("heading") == b.get("heading")):
            out += _section_differences(a.get("children", []), b.get("children", []),
                                        f"{path}{b.get('label', '')}")
        else:
            out.append(name)
    return out


def load_report(path: Path, cache: Path | None = None) -> Report:
    """The stored report at `path`; in a year folder, its year must be the folder's.

    >>> r = load_report("reports/2021/新余市-fazhi.yaml")
    >>> r.region, r.kind, r.year, r.plan_year
    ('新余市', 'fazhi', 2021, 2022)

    cache  a folder of parsed reports by content hash (a run's `<out>/.yoy-cache`): a report
           parsed once is read back from there ~30× faster than from its YAML.
    """
    path = Path(path)
    if path.is_dir():
        held = sorted(p.name for p in path.glob("*.yaml"))
        shown = ", ".join(held[:_FOLDER_LISTED]) + (", …" if len(held) > _FOLDER_LISTED else "")
        raise YoyError(path, "is a folder, not a stored report: give a report's .yaml"
                       + (f" ({shown})" if held else ""))
    raw = read_bytes(path)
    if cache is None:
        report = _parse_report(path, raw)
    else:
        key = hashlib.sha256(raw).hexdigest()
        hit = cached_path(cache, key)
        cached = _unsealed(hit, key)
        if cached is None:  # none yet, damaged or altered: the YAML decides
            report = _parse_report(path, raw)
            try:
                atomic_write(
                    hit, seal(key, zlib.compress(report.model_dump_json().encode("utf-8"), 1)))
            except YoyError:
                pass  # a cache that cannot be written only costs time
        else:
            report = cached
    folder = path.parent.name
    if _year_folder(folder) and int(folder) != report.year:
        raise YoyError(path, f"year: {report.year}, but the file is in the folder {folder}")
    return report


def load_comparison(path: Path, *, diffs: bool = True) -> Comparison:
    """The Comparison JSON at `path` (`yoy compare --json`, `yoy run`); `diffs=False` leaves
    its sentence diffs out, most of its size, for readers that never show them."""
    import json

    from pydantic import ValidationError
    raw = read_bytes(path)
    try:
        if diffs:
            return Comparison.model_validate_json(raw)
        return Comparison.model_validate({**json.loads(raw), "diffs": []})
    except ValidationError as e:
        raise YoyError(path, f"not a Comparison JSON: {e.errors()[0]['msg']}") from None
    except (ValueError, TypeError):  # not JSON, or JSON but no object
        raise YoyError(path, "not a Comparison JSON") from None


def _parse_report(path: Path, raw: bytes) -> Report:
    try:
        data = load_yaml(path, raw)
    except YoyError as e:
        if path.suffix.lower() in (".yaml", ".yml"):
            raise
        # a report's source text (its .source.txt, a download) given where its YAML is asked for
        raise YoyError(path, f"not a stored report ({e.reason}), perhaps a report's text",
                       hint="ingest") from None
    if isinstance(data, dict):
        for field in ("year", "review_year", "plan_year"):
            if isinstance(data.get(field), bool):  # YAML's `true` would pass as the year 1
                raise YoyError(path, f"{field}: must be a year, not {str(data[field]).lower()}")
    return validated(Report, data, path)


CACHE = ".yoy-cache"
# The layout of a cache entry (files.seal, below): part of the cache folder's tag, so another layout
# is pruned.
CACHE_FORMAT = b"sealed-1"
@functools.cache
def schema_tag() -> str:
    """Parsed copies are kept per version of the schema module: another schema, another folder."""
    from compare import schema
    try:
        source = Path(schema.__file__).read_bytes()
    except OSError:  # not a plain file (a zipped install): the version alone tells schemas apart
        source = b""
    return hashlib.sha256(source + __version__.encode() + CACHE_FORMAT).hexdigest()[:12]


def cached_path(cache: Path, sha256: str) -> Path:
    """Where the parsed copy of a report whose bytes hash to `sha256` is kept in `cache`."""
    return Path(cache) / schema_tag() / f"{sha256}.json.z"


def _unsealed(hit: Path, key: str) -> Report | None:
    """The report cached at `hit` if its seal holds (files.seal: the cache is never believed over
    the store), else None."""
    payload = unseal(hit, key)
    if payload is None:
        return None
    try:
        return Report.model_validate_json(zlib.decompress(payload))
    except (ValueError, zlib.error):  # sealed by a yoy whose pydantic read it otherwise
        return None


def prune_cache(cache: Path, keep: set[str], records: Collection[str] = ()) -> None:
    """Remove parsed copies of reports no longer stored (SHA-256 not in `keep`), of other
    schema versions, and anything there yoy did not write (a FIFO, a file for a folder).
    `records`: folders of the cache that another job keeps across runs (jobs.guard.WRITTEN, the
    SHA-256 of each workbook yoy wrote: one empty file each, pruned by that job as it rewrites
    them); of those, only what is not such a file is removed."""
    cache = Path(cache)
    if not cache.is_dir():
        return
    for folder in cache.iterdir():
        if folder.name in records and folder.is_dir() and not folder.is_symlink():
            _prune_record(folder)
            continue
        if folder.name != schema_tag() or folder.is_symlink() or not folder.is_dir():
            _remove(folder)
            continue
        for f in folder.iterdir():
            if f.name.split(".", 1)[0] not in keep or f.is_symlink() or not f.is_file():
                _remove(f)


_DIGEST = re.compile(r"[0-9a-f]{64}")


def _prune_record(folder: Path) -> None:
    """Remove from a record folder what is not a plain file named by a SHA-256 (one listing: no
    stat per entry, an unchanged rerun checks thousands)."""
    with os.scandir(folder) as entries:
        for e in entries:
            if not (_DIGEST.fullmatch(e.name) and e.is_file(follow_symlinks=False)):
                _remove(Path(e.path))


def _remove(path: Path) -> None:
    import shutil
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _year_folder(name: str) -> bool:
    """A folder of the store that holds one year's reports: ASCII digits, as yoy names it."""
    return name.isascii() and name.isdigit()


def store_dir(store: Path) -> Path:
    """`store` if it is a folder, else a YoyError saying what to do (a command that writes checks
    it first: nothing written by a command that fails before its work, review ua25)."""
    store = Path(store)
    if not store.is_dir():
        raise YoyError(store, "no such store directory; yoy ingest <file> first, or --store DIR"
                       if not store.exists() else "not a directory (the store must be one)")
    return store


def report_files(store: Path) -> Iterator[Path]:
    """Every stored report, sorted by year then name (reviews and other folders skipped)."""
    store = store_dir(store)
    for year_dir in sorted((d for d in store.iterdir() if d.is_dir() and _year_folder(d.name)),
                           key=lambda d: int(d.name)):
        yield from sorted(year_dir.glob("*.yaml"))


def catalog(store: Path, region: str | None = None) -> list[dict[str, str | int]]:
    """One entry per stored report (of `region`: none is a YoyError naming the regions there
    are), in `report_files` order: what `yoy list` prints. With `region`, another region's report
    is known by its `region:` line and not parsed (_of_other_region): the listing costs what that
    region's reports cost.

    >>> [(e["year"], e["region"], e["kind"], e["measures"]) for e in catalog("reports")][:2]
    [(2019, '龙华区', 'fazhi', 7), (2020, '盐田区', 'gov-work-report', 117)]
    """
    files = list(report_files(store))
    entries: list[dict[str, str | int]] = []
    for path in files:
        if region is not None and _of_other_region(path, region):
            continue
        r = load_report(path)
        if region is not None and r.region != region:
            continue
        entries.append({"year": r.year, "region": r.region, "kind": r.kind, "title": r.title,
                        "sections": sum(1 for _ in r.walk()), "measures": len(r.commitments),
                        "targets": len(r.targets), "metrics": len(r.metrics), "path": str(path)})
    if region is not None and not entries:
        regions = sorted({load_report(path).region for path in files})
        raise YoyError(store, f"no {region} report (its regions: {', '.join(regions)})")
    return entries


# A top-level `region` key, in any spelling YAML allows at the start of a line; `? ` opens a
# complex key, which could spell it otherwise (a `region:` line then may be inside a quoted text).
_REGION_KEY = re.compile(rb"""^(?:region|"region"|'region')[ \t]*:[^\n]*|^\?[ \t]""", re.M)


def _of_other_region(path: Path, region: str) -> bool:
    """Whether the stored report at `path` is surely of another region than `region`, by its one
    `region:` line (as yoy writes it, line 3) read alone; anything else (no such line, several, a
    complex key, a value that is not a string, an unreadable file) is parsed whole by the caller,
    which says what is wrong with it. (A store's file may be named for another region than it holds:
    the run's index goes by the field too.)"""
    try:
        lines = _REGION_KEY.findall(read_bytes(path))
        if len(lines) != 1:  # a complex key's line alone parses to no region: parsed whole
            return False
        value = load_yaml(path, lines[0])
    except YoyError:
        return False
    found = value.get("region") if isinstance(value, dict) else None
    return isinstance(found, str) and found != region


def outline(report: Report) -> list[dict[str, str | int]]:
    """A report's sections in reading order with their level, role and counts: what `yoy show`
    prints under the title.

    >>> [(s["level"], s["label"], s["role"]) for s in
    ...  outline(load_report("reports/2021/新余市-fazhi.yaml"))][:2]
    [(1, '一、', 'achievements'), (2, '(一)', 'achievements')]
    """
    return [{"level": s.level, "label": s.label, "heading": s.heading, "role": s.role,
             "paragraphs": len(s.paragraphs), "items": len(s.items), "children": len(s.children)}
            for s, _ in report.walk()]


def validate_reports(paths: Sequence[Path], store: Path) -> list[Path]:
    """The report files of `paths` (stores or files; none: the whole `store`), each loaded and
    validated; YoyError for the first that is not a report, whose raw source beside it is not the
    file it was made from, or that holds a region, kind and year another file holds too (naming the
    file whose name is not the one yoy gives it).

    >>> [f.as_posix() for f in validate_reports([Path("reports/2021/新余市-fazhi.yaml")],
    ...                                         Path("reports"))]
    ['reports/2021/新余市-fazhi.yaml']
    >>> try:   # what `yoy validate` prints as its error line
    ...     validate_reports([Path("reports/2021/新余市-fazhi.source.txt")], Path("reports"))
    ... except YoyError as e:
    ...     print(e.reason.split(" (")[0], "—", e.where)
    not a stored report — reports/2021/新余市-fazhi.source.txt
    """
    store = Path(store)
    # an empty folder is an empty store; one holding other things is a mistake
    for p in paths or ([store] if store.is_dir() and any(store.iterdir()) else []):
        if p.is_dir() and not is_store(p):
            raise YoyError(p, "not a store (no <year>/ folders); give a store or report files")
    files = [f for p in paths for f in (report_files(p) if p.is_dir() else [p])] if paths else list(
        report_files(store))
    seen: dict[tuple, Path] = {}
    for f in files:
        r = load_report(f)
        check_source(f, r)
        key = (r.region, r.year, r.kind)
        if key in seen:
            # name the file whose name is not the one yoy gives this report
            stray, other = (seen[key], f) if f.name == f"{r.region}-{r.kind}.yaml" else (
                f, seen[key])
            raise YoyError(
                stray, f"a second {r.region} {r.kind} report of {r.year} (the other is {other})")
        seen[key] = f
    return files


def is_store(path: Path) -> bool:
    """True when `path` looks like a store: a directory with a <year>/ or reviews/ folder."""
    path = Path(path)
    return path.is_dir() and any(d.is_dir() and (_year_folder(d.name) or d.name == "reviews")
                                 for d in path.iterdir())


def check_output(path: Path, store: Path | None = None) -> Path:
    """`path` if yoy may write a workbook or JSON there: a new path or a regular file,
    outside the store (a stored report or review must not be replaced by an output)."""
    path = Path(path)
    if path.is_symlink():
        raise YoyError(path, "is a symbolic link; give a regular file or a new path")
    if path.exists() and not path.is_file():
        raise YoyError(
            path, "not a regular file (a directory or device); give a regular file or a new path")
    return outside_store(path, store)


def outside_store(path: Path, store: Path | None) -> Path:
    """`path` unless it is the store or inside it."""
    path = Path(path)
    if store is not None and Path(store).exists() and path.resolve().is_relative_to(
            Path(store).resolve()):
        raise YoyError(path, f"inside the store {store}; write outputs elsewhere")
    return path
