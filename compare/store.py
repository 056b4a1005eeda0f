"""The report store: `<store>/<year>/<region>-<kind>.yaml`, raw sources beside them.

YAML is written atomically (temp file + rename), read with the safe loader and
validated against the schema, so a hand-corrected report is used as it stands
and a malformed one is refused with the file and field path.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import YoyError
from .schema import Report

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(name: str, what: str) -> str:
    """`name` if it is safe as part of a file name; refuse rather than silently rewrite it."""
    if not name or _UNSAFE.search(name) or name.startswith(".") or ".." in name:
        raise YoyError(name or "''", f"unsafe {what} name (no path separators, '..' or control characters)")
    return name


def report_path(store: Path, year: int, region: str, kind: str) -> Path:
    return Path(store) / str(year) / f"{safe_name(region, 'region')}-{safe_name(kind, 'kind')}.yaml"


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _yaml():
    import yaml
    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader), getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data) -> bytes:
    yaml, _, dumper = _yaml()
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False,
                     width=10**9, default_flow_style=False).encode("utf-8")


def load_yaml(path: Path):
    yaml, loader, _ = _yaml()
    try:
        return yaml.load(Path(path).read_bytes(), Loader=loader)
    except FileNotFoundError:
        raise YoyError(path, "no such file") from None
    except IsADirectoryError:
        raise YoyError(path, "is a directory, not a file") from None
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise YoyError(path, f"not valid YAML: {str(e).splitlines()[0]}") from None


def report_bytes(report: Report) -> bytes:
    return dump_yaml(report.model_dump(mode="json"))


def save_report(report: Report, path: Path, *, overwrite: bool = False) -> bool:
    """Write `report` to `path`. Returns False when the file already holds exactly this report.

    A different file at `path` (hand-corrected, or from another source) is kept
    unless `overwrite`.
    """
    data = report_bytes(report)
    if path.exists():
        if path.read_bytes() == data:
            return False
        if not overwrite:
            raise YoyError(path, "already in the store and differs from this ingest (edited by hand?); pass --overwrite to replace it")
    atomic_write(path, data)
    return True


def validated(model, data, where: object):
    """`data` as an instance of the pydantic `model`; a mismatch names `where` and the field path."""
    from pydantic import ValidationError
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(map(str, err["loc"])) or "(top level)"
        raise YoyError(where, f"{field}: {err['msg']}") from None


def load_report(path: Path) -> Report:
    return validated(Report, load_yaml(path), path)


def report_files(store: Path) -> Iterator[Path]:
    """Every stored report, sorted by year then name (reviews and other folders skipped)."""
    store = Path(store)
    if not store.is_dir():
        raise YoyError(store, "no such store directory")
    for year_dir in sorted((d for d in store.iterdir() if d.is_dir() and d.name.isdigit()), key=lambda d: int(d.name)):
        yield from sorted(year_dir.glob("*.yaml"))
