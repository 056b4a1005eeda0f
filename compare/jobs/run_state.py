"""`yoy run`'s memory between runs: `<out>/.yoy-run.json`, the store whose outputs the folder
holds and, per language, what each pair, tracker and plan sheet was last written from (its input
key), the files written with their signatures and the stored reports they came from."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from compare.errors import YoyError
from compare.files import atomic_write, file_signature, read_bytes

STATE = ".yoy-run.json"
FORMAT: Final = 4
SAVE_EVERY = 5.0   # seconds between state saves, so a killed run loses at most this much work


def signature(path: str | Path) -> list[int] | None:
    """A file's signature (size, times, inode) now, None when it is not there."""
    try:
        return list(file_signature(os.stat(path)))
    except OSError:
        return None


class Record(BaseModel):
    """One pair's, tracker's or plan sheet's last run."""
    model_config = ConfigDict(extra="forbid", strict=True)
    key: str                                  # the input key it was written from ("" : redo it)
    files: dict[str, list[int] | None]        # each file written (relative to out) → its signature
    sources: list[str]                        # the stored reports it was made from (relative
                                              # to the store)
    # a pair's counts ("measures"/"targets" → status → count): a rerun that skips the pair still
    # counts it in its summary (a researcher re-running to read the totals got none)
    statuses: dict[str, dict[str, int]] = {}


class _StateFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    format: Literal[4]
    store: str                                # the store it was made from (`store_id`)
    langs: dict[str, dict[str, Record]] = {}


def read_state(out: Path) -> _StateFile | None:
    """The run state `yoy run` left in `out`, None where there is none it can read (another
    version's, damaged, unreadable)."""
    try:
        return _StateFile.model_validate_json(read_bytes(Path(out) / STATE))
    except (YoyError, ValidationError, OSError):
        return None


def store_id(store: Path, out: Path) -> str:
    """How the run state names a store: its path from `out`, both resolved, so a checkout moved or
    copied with its output/ still owns it (a reviewer found a copy refused its own folder); the
    absolute path where there is no relative one (another drive)."""
    store, out = Path(store).resolve(), Path(out).resolve()
    try:
        return Path(os.path.relpath(store, out)).as_posix()
    except ValueError:
        return str(store)


def _owner_clash(out: Path, store: Path, owner: str, how: str) -> YoyError:
    shown = os.path.normpath(Path(out).resolve() / owner)  # an absolute owner stays as it is
    return YoyError(out, f"holds the outputs of the store {shown}: write the outputs of {store} "
                         f"elsewhere ({how}), or delete {Path(out) / STATE} to hand this folder "
                         "over")


def check_owner(out: Path, store: Path, how: str = "--out DIR") -> None:
    """Refuse to write `store`'s outputs into `out` when `out` holds another store's: a run
    removes the outputs of reports its store does not hold, so two stores sharing a folder would
    each delete the other's workbooks, where a reviewer's typing lives until it is imported. A
    state that cannot be read names no owner (the run then says so and takes the folder over)."""
    path = Path(out) / STATE
    try:
        owner = _StateFile.model_validate_json(read_bytes(path)).store if path.is_file() else None
    except (ValidationError, YoyError):
        return
    if owner is not None and owner != store_id(store, out):
        raise _owner_clash(out, store, owner, how)


class RunState:
    """`<out>/.yoy-run.json`: per language, the input key, the written files' signatures and the
    stored reports of every finished pair, tracker and plan sheet. A file another language's run
    (or a hand) overwrote no longer matches its signature and is redone rather than skipped."""

    def __init__(self, out: Path, store: Path, lang: str, force: bool, warnings: list[str]):
        """Raises a YoyError when `out` holds another store's outputs (`check_owner`)."""
        self.path, self.out, self.force = Path(out) / STATE, Path(out), force
        self.data = _StateFile(format=FORMAT, store=store_id(store, out))
        # a FIFO or a folder in its place stops the run before anything is written
        raw = read_bytes(self.path) if self.path.exists() or self.path.is_symlink() else None
        if raw is not None:
            try:
                self.data = _StateFile.model_validate_json(raw)
            except ValidationError as e:
                errors = e.errors()
                # another version's state is simply replaced; a damaged one is said to be
                if not any(x["loc"] == ("format",) and x["type"] == "literal_error"
                           for x in errors):
                    warnings.append(f"{self.path}: damaged run state ({errors[0]['msg']}), "
                                    "ignored: every workbook is written again")
            else:
                if self.data.store != store_id(store, out):
                    raise _owner_clash(out, store, self.data.store, "--out DIR")
        self.mine = self.data.langs.setdefault(lang, {})
        self.changed = force and bool(self.mine)
        self.saved = time.monotonic()

    def signatures(self, files: list[str]) -> dict[str, list[int] | None]:
        """Each file (relative to out) → its signature now; strings, not Paths: an unchanged
        rerun checks thousands (Path.relative_to alone doubled its bookkeeping)."""
        root = f"{self.out}{os.sep}"
        return {f: signature(root + f) for f in files}

    def fresh(self, name: str, key: str, files: list[str]) -> bool:
        rec = self.mine.get(name)
        if self.force or rec is None or rec.key != key:
            return False
        sigs = self.signatures(files)
        return rec.files == sigs and None not in sigs.values() and not self._ods_saved(files)

    def _ods_saved(self, files: list[str]) -> bool:
        """Whether Calc saved one of the workbooks beside itself as .ods since it was written: the
        work is redone, so that jobs.guard names the file a person typed into."""
        from compare.files import saved_beside_after

        return any(saved_beside_after(Path(self.out) / f) for f in files if f.endswith(".xlsx"))

    def record(self, name: str, key: str, files: list[str], sources: list[str],
               statuses: dict[str, dict[str, int]] | None = None) -> None:
        self.mine[name] = Record(key=key, files=self.signatures(files), sources=sources,
                                 statuses=statuses or {})
        self.changed = True
        if time.monotonic() - self.saved > SAVE_EVERY:
            self.save()

    def fail(self, name: str) -> None:
        """Redo `name` next time, while still knowing the files an earlier run wrote for it."""
        rec = self.mine.get(name)
        if rec is not None and rec.key:
            rec.key, self.changed = "", True

    def drop(self, name: str) -> None:
        for records in self.data.langs.values():
            self.changed |= records.pop(name, None) is not None

    def save(self) -> None:
        if not self.changed and self.path.is_file():
            # an unchanged run has nothing to add (the dump is a tenth of a 4,000-report rerun)
            return
        atomic_write(self.path, self.data.model_dump_json(indent=1).encode("utf-8"))
        self.saved, self.changed = time.monotonic(), False
