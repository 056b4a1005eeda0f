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


def edit(path: Path, sheet: str, row_id: str, **values) -> None:
    """Type into the row of `row_id` under the given headers, as a reviewer would (openpyxl saves
    the file as a spreadsheet program does)."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    col = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["ID"]).value == row_id)
    for header, value in values.items():
        ws.cell(row, col[header]).value = value
    wb.save(path)


def cell(path: Path, sheet: str, row_id: str, header: str):
    """The value under `header` in the row of `row_id`."""
    import openpyxl
    ws = openpyxl.load_workbook(path)[sheet]
    col = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["ID"]).value == row_id)
    return ws.cell(row, col[header]).value


def row_ids(path: Path, sheet: str, prefix: str = "") -> list[str]:
    """The IDs of a sheet's rows, top down (those starting with `prefix`)."""
    import openpyxl
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    return [str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True) if r and r[0] and str(r[0]).startswith(prefix)]
