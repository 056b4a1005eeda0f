"""Files: atomic writes, safe names and the guarded YAML reader, shared by every layer.

    safe_name(name, what)          → name, or YoyError when it is unsafe in a file name
    atomic_write(path, data)       → readers see the old file or the new one, never half
    atomic_write_all({path: data}) → several files, all or none
    read_bytes(path)               → a regular file's bytes (a FIFO or device is
                                   refused, never waited on)
    file_signature(stat)           → what tells that a file changed without reading it
    load_yaml(path) / dump_yaml    → YAML without aliases, duplicate keys, NaN or endless numbers
    kept_in(folder)                → while inside, documents loaded with keep=True are read
                                   back from `folder` as JSON (a run's parse cache)
    seal(key, payload) / unseal    → a cache entry that is believed only while intact
    validated(Model, data, where)  → a pydantic model, errors naming file and field
"""
from __future__ import annotations

import contextlib
import hashlib
import math
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from compare.errors import YoyError

M = TypeVar("M", bound=BaseModel)

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# Region and kind names become file names: room for a unit's name, not for a sentence (and
# well inside a 255-byte file name).
MAX_NAME = 40
# No figure of a report needs more digits; Python refuses to read integers beyond 4,300.
MAX_DIGITS = 100


def safe_name(name: str, what: str) -> str:
    """`name` if it is safe as part of a file name; refuse rather than silently rewrite it."""
    if not name or not name.strip() or _UNSAFE.search(name) or name.startswith(".") or ".." in name:
        raise YoyError(repr(name) if name.strip() != name or not name else name,
                       f"unsafe {what} name (blank, path separators, '..' or control characters)")
    if len(name) > MAX_NAME:
        raise YoyError(name[:20] + "…", f"{what} name of {len(name)} characters (at most "
                                        f"{MAX_NAME})")
    return name


def saved_beside_after(path: Path, suffix: str = ".ods") -> bool:
    """Whether the file of `path`'s name with `suffix` (Calc's own .ods, saved beside the workbook
    yoy wrote) was saved after `path` was written, or `path` is gone: a person typed there."""
    try:
        beside = path.with_suffix(suffix).stat().st_mtime_ns
    except OSError:
        return False
    try:
        return beside > path.stat().st_mtime_ns
    except OSError:
        return True


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    A failure (full disk, read-only store, a directory in the way) is a YoyError naming
    the path, and leaves no temporary file.
    """
    _replace(_staged(path, data), path)


def atomic_write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every (path, data) or, on any failure, none: files already replaced get their
    old content back (or are removed when they were new)."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in files:
            staged.append((Path(path), _staged(path, data)))
    except BaseException:
        for _, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, tmp in staged:
            before = path.read_bytes() if path.is_file() else None
            _replace(tmp, path)
            done.append((path, before))
    except BaseException:
        for _, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
        for path, before in reversed(done):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, before)
        raise


def _staged(path: Path, data: bytes) -> str:
    """A temporary file beside `path` holding `data`, fully written and flushed."""
    path = Path(path)
    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise YoyError(path, "not a regular file; refusing to replace it")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise YoyError(e.filename or path, f"cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual mode
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise YoyError(path, f"cannot write: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _replace(tmp: str, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        # Windows refuses to replace a file that is open in Excel
        hint = " (is it open in another program?)" if isinstance(e, PermissionError) else ""
        raise YoyError(path, f"cannot write: {e.strerror or e}{hint}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _yaml():
    import yaml
    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader), getattr(
        yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data) -> bytes:
    yaml, _, dumper = _yaml()
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False,
                     width=10**9, default_flow_style=False).encode("utf-8")


def read_bytes(path: Path) -> bytes:
    """The bytes of `path`; a missing or unreadable file, or one that is not a regular file
    (a FIFO would block the read forever, a device never end), is a YoyError naming it."""
    try:
        # non-blocking, so that opening a FIFO returns at once and fstat can refuse it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise YoyError(path, "no such file") from None
    except IsADirectoryError:
        raise YoyError(path, "is a directory, not a file") from None
    except OSError as e:
        raise YoyError(path, f"cannot read: {e.strerror or e}") from None
    # checked before fdopen, which refuses a directory with an error naming the descriptor
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise YoyError(path, "is a directory, not a file" if stat.S_ISDIR(mode)
                       else "not a regular file (a FIFO, socket or device)")
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read()
        except OSError as e:
            raise YoyError(path, f"cannot read: {e.strerror or e}") from None


def file_signature(st: os.stat_result) -> tuple[int, int, int, int]:
    """Size, modification and change times, inode: a file whose signature is unchanged is taken
    as unchanged without reading it. The change time (ctime) is the kernel's: an edit in place
    that keeps the size and puts the modification time back still moves it, and atomic writes
    replace the inode."""
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


SEAL = 32  # bytes of SHA-256 ahead of a cache entry's payload


def seal(key: str, payload: bytes) -> bytes:
    """A cache entry for `payload`, which the source whose bytes hash to `key` gives: the SHA-256
    of key and payload, then the payload. An entry altered, cut short, or copied under another
    source's name no longer matches its seal (`unseal`): a cache is never believed over its
    source."""
    return hashlib.sha256(key.encode() + payload).digest() + payload


def unseal(entry: Path, key: str) -> bytes | None:
    """The payload of the cache entry at `entry` if its seal holds for `key`, else None (none yet,
    unreadable, altered, or not a regular file: a FIFO is never waited on)."""
    try:
        data = read_bytes(entry)
    except YoyError:
        return None
    payload = data[SEAL:]
    return payload if hashlib.sha256(key.encode() + payload).digest() == data[:SEAL] else None


# Where load_yaml(…, keep=True) keeps the documents it parses (see kept_in); None: nowhere.
_KEEP: Path | None = None
# their folder in a parse cache: marshal's format is Python's, so one folder per version
PARSED = f"yaml-py{sys.version_info[0]}.{sys.version_info[1]}"


@contextlib.contextmanager
def kept_in(cache: Path | None):
    """While inside, a document loaded with `load_yaml(…, keep=True)` (the templates, the fitted
    model: read by every command) is read from `cache`, by the SHA-256 of its bytes, once parsed
    there: exactly the data its YAML gives (marshal keeps every type a YAML document holds, and
    loads no code), ~50× faster, and yaml is not even imported (one `yoy compare`: ≈ 0.1× the
    import of its stack, bench/one_pair.py). None: parse."""
    global _KEEP
    before, _KEEP = _KEEP, (Path(cache) / PARSED if cache is not None else None)
    try:
        yield
    finally:
        _KEEP = before


def load_yaml(path: Path, raw: bytes | None = None, *, keep: bool = False):
    """The YAML document at `path` (or `raw`, its bytes already read), refusing what a store
    never holds: aliases (a few hundred bytes of them expand to gigabytes), duplicate keys
    (the last one would win silently) and NaN or infinite numbers. `keep`: read back from, and
    kept in, the parse cache of `kept_in` when inside one."""
    import marshal
    if raw is None:
        raw = read_bytes(path)
    folder = _KEEP
    if not keep or folder is None:
        return _parsed(path, raw)
    key = hashlib.sha256(raw).hexdigest()
    entry = folder / f"{key}.marshal"
    payload = unseal(entry, key)
    if payload is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):  # not marshal's: parse again
            return marshal.loads(payload)
    data = _parsed(path, raw)
    try:
        atomic_write(entry, seal(key, marshal.dumps(data)))
    except (ValueError, YoyError):  # a date marshal cannot hold; a cache that cannot be written
        pass                        # only costs time
    return data


def _parsed(path: Path, raw: bytes):
    yaml, loader_class, _ = _yaml()
    try:
        loader = loader_class(raw)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _check_node(node, path)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise YoyError(path, f"not valid YAML: {str(e).splitlines()[0]}") from None
    except (ValueError, OverflowError) as e:  # a scalar its type cannot hold: a date 2022-13-45
        raise YoyError(path, "not valid YAML: a value that cannot be read "
                             f"({str(e).splitlines()[0]})") from None
    _check_finite(data, path, "")
    return data


def _check_node(root, path: Path) -> None:
    import yaml
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # the composer hands out the anchored node again for each alias
            raise YoyError(path, f"line {node.start_mark.line + 1}: YAML aliases are not allowed "
                                 "in the store")
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in keys:
                        raise YoyError(path, f"line {k.start_mark.line + 1}: duplicate key "
                                             f"{k.value!r} (first on line {keys[k.value]})")
                    keys[k.value] = k.start_mark.line + 1
                stack += [k, v]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_DIGITS:
            raise YoyError(path, f"line {node.start_mark.line + 1}: a number of {len(node.value)} "
                                 f"characters (at most {MAX_DIGITS})")


def _check_finite(data: Any, path: Path, where: str) -> None:
    if isinstance(data, float) and not math.isfinite(data):
        raise YoyError(path, f"{where or '(top level)'}: {data} is not a finite number")
    if isinstance(data, dict):
        for k, v in data.items():
            _check_finite(v, path, f"{where}.{k}" if where else str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _check_finite(v, path, f"{where}.{i}")


def validated(model: type[M], data: Any, where: object,
              origin: Callable[[tuple[int | str, ...]], object] | None = None) -> M:
    """`data` as an instance of the pydantic `model`; a mismatch names `where` and the field path.

    `origin` maps a field's location to the file it came from, when `data` merges several."""
    from pydantic import ValidationError
    try:
        return model.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        if not err["loc"] and not isinstance(data, dict):
            # pydantic's words for it ("a valid dictionary or instance of Report") are its own
            held = ("nothing (an empty file)" if data is None else "text, not named fields"
                    if isinstance(data, str) else f"a {type(data).__name__}, not named fields")
            # text is most often a report's source given where its stored YAML is asked for
            raise YoyError(where, f"not a yoy {model.__name__} file: it holds {held}",
                           hint="ingest" if isinstance(data, str) else None) from None
        field = ".".join(map(str, err["loc"])) or "(top level)"
        msg = str(err["msg"]).removeprefix("Value error, ")   # pydantic's prefix to our own
        raise YoyError(origin(err["loc"]) if origin else where, f"{field}: {msg}") from None
