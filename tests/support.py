"""Paths and helpers the tests share: the shipped store, its sources, the test data."""
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
# The raw sources shipped beside the stored reports are the test inputs.
STORE = ROOT / "reports"
SEED = STORE / "2021" / "新余市-fazhi.source.txt"


# The regions the repository ships. A user's checkout may hold more reports and reviews
# under reports/: tests read only these, from a copy, so they neither see nor touch the rest.
SHIPPED_REGIONS = ("国务院", "新余市", "盐田区", "龙华区")


def shipped_files() -> list[Path]:
    """The shipped reports and their sources (no reviews, no lock, nothing a user added)."""
    return sorted(p for p in STORE.glob("[0-9]*/*") if p.is_file() and p.name.startswith(SHIPPED_REGIONS))


def copy_store(dest: Path, regions: tuple[str, ...] = SHIPPED_REGIONS) -> Path:
    """A copy of the shipped store at `dest` (only `regions`), for tests that read or write a store."""
    for p in shipped_files():
        if p.name.startswith(regions):
            target = dest / p.relative_to(STORE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
    return dest


def sc(year: int) -> Path:
    return STORE / str(year) / "国务院-gov-work-report.source.txt"


def edit_in_place(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` inside `path` as an editor saving in place would, then put the
    modification time back: same path, size, inode and mtime, other bytes."""
    import os
    before = path.stat()
    data = path.read_bytes()
    assert len(old.encode()) == len(new.encode()) and data.count(old.encode()) == 1
    with open(path, "r+b") as f:
        f.write(data.replace(old.encode(), new.encode()))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
