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


def sheet_rows(path: Path, sheet: str) -> list[dict]:
    """The rows of a sheet yoy wrote as tables, each as {header: value}: the rows below its header
    (the first row of two cells or more: a printed sheet has a title row above it)."""
    from openpyxl import load_workbook

    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if sum(v is not None for v in r) > 1)
    return [dict(zip(rows[top], r, strict=True)) for r in rows[top + 1:]]


def soffice(tmp_path: Path, book: Path, to: str, outdir: Path, recalc: bool = False) -> Path:
    """`book` converted by LibreOffice (`to`: pdf, or "xlsx:Calc MS Excel 2007 XML" for its round
    trip) into `outdir`; `recalc`: every formula computed on load (LibreOffice keeps the results
    stored in an .xlsx otherwise, as an office clerk's copy would until a cell changes)."""
    import subprocess

    profile = tmp_path / ("profile-recalc" if recalc else "profile")
    if recalc and not profile.exists():
        user = profile / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" '
            'oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n', encoding="utf-8")
    outdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                           "--convert-to", to, "--outdir", str(outdir), str(book)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    return outdir / f"{book.stem}.{to.split(':')[0]}"


def type_into(path: Path, sheet: str, values: dict[str, dict[str, object]]) -> None:
    """Type into the rows of the given IDs under the given headers, as an office would (openpyxl)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sheet]
    top = next(r for r in range(1, 5) if "ID" in [c.value for c in ws[r]])
    col = {c.value: c.column for c in ws[top]}
    for r in range(top + 1, ws.max_row + 1):
        for header, value in values.get(ws.cell(r, col["ID"]).value, {}).items():
            ws.cell(r, col[header]).value = value
    wb.save(path)


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
