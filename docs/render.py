"""Render the ledger sheet of the shipped 2022→2023 workbook to docs/ledger.png (`make docs`).

Needs LibreOffice (soffice) and poppler (pdftoppm): `make check-office` installs them.
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

from compare.pipeline import compare_pair, pair_paths

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
        wb = load_workbook(book)
        for ws in wb.worksheets[:]:
            if ws.title != "承诺跟踪":
                wb.remove(ws)
        wb.save(book)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(book)],
                       check=True, capture_output=True, timeout=180)
        # fit-to-width makes the page tiny: render at 220 dpi and keep the band the table fills
        subprocess.run(["pdftoppm", "-png", "-r", "220", "-f", "1", "-l", "1", "-singlefile",
                        "-x", "100", "-y", "140", "-W", "1500", "-H", "300",
                        str(tmp / "ledger.pdf"), str(ROOT / "docs" / "ledger")], check=True, timeout=60)
    print("docs/ledger.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
