"""Render the ledger sheet of the shipped 2022→2023 workbook to docs/ledger.png and the
plan sheet (yoy plan) of the seed, 新余市 2021 → its 2022 台账, to docs/plan.png (`make docs`).

Needs LibreOffice (soffice) and poppler (pdftoppm): `make check-office` installs them.
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from compare.ingest import ingest_text
from compare.jobs.pipeline import compare_pair, pair_paths
from compare.workbook.plansheet import write_plan_sheet

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    for tool in ("soffice", "pdftoppm"):
        if not shutil.which(tool):
            print(f"render: {tool} not found (make check-office installs LibreOffice and poppler)", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        store = ROOT / "reports"
        book = compare_pair(*pair_paths(store, "国务院", "gov-work-report", 2022, 2023), store=store,
                            workbook=tmp / "ledger.xlsx").workbook
        keep_sheet(book, "承诺跟踪")
        # the first task's measures are nearly all 未见报告 (a term-end review): show the second's,
        # where every status, a figure short of plan and matched objects appear
        start_at(book, "承诺跟踪", "所在章节", "三、（二）")
        pdf(book, tmp)
        # fit-to-width makes the page tiny: render at 220 dpi and keep the band the table fills
        subprocess.run(["pdftoppm", "-png", "-r", "220", "-f", "1", "-l", "1", "-singlefile",
                        "-x", "100", "-y", "140", "-W", "1500", "-H", "300",
                        str(tmp / "ledger.pdf"), str(ROOT / "docs" / "ledger")], check=True, timeout=60)
        # the seed as ingest splits it today (the stored YAML may predate the measures)
        seed = ingest_text((store / "2021" / "新余市-fazhi.source.txt").read_text(encoding="utf-8"), kind="fazhi")
        plan = write_plan_sheet(seed, tmp / "plan.xlsx", periods="half")  # two periods: legible at page width
        keep_sheet(plan, "工作台账")
        pdf(plan, tmp)
        subprocess.run(["pdftoppm", "-png", "-r", "220", "-f", "1", "-l", "1", "-singlefile",
                        "-x", "100", "-y", "140", "-W", "2400", "-H", "420",
                        str(tmp / "plan.pdf"), str(ROOT / "docs" / "plan")], check=True, timeout=60)
    print("docs/ledger.png docs/plan.png")
    return 0


def keep_sheet(book: Path, title: str) -> None:
    wb = load_workbook(book)
    for ws in wb.worksheets[:]:
        if ws.title != title:
            wb.remove(ws)
    wb.save(book)


def start_at(book: Path, title: str, header: str, prefix: str) -> None:
    """Hide the rows above the first whose `header` cell starts with `prefix` (the header stays)."""
    wb = load_workbook(book)
    ws = wb[title]
    col = next(c.column for c in ws[1] if c.value == header)
    first = next(r for r in range(2, ws.max_row + 1) if str(ws.cell(r, col).value or "").startswith(prefix))
    for r in range(2, first):
        ws.row_dimensions[r].hidden = True
    wb.save(book)


def pdf(book: Path, outdir: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(book)],
                   check=True, capture_output=True, timeout=180)


if __name__ == "__main__":
    sys.exit(main())
