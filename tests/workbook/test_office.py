"""A real spreadsheet client opens our workbook (skipped without LibreOffice;
`make check-office`)."""
import shutil
import subprocess

import pytest

from compare.jobs.pipeline import compare_pair, pair_paths
from tests.support import copy_store

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) not installed")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_converts_the_workbook(tmp_path, lang):
    store = copy_store(tmp_path / "store", ("国务院",))
    book = compare_pair(*pair_paths(store, "国务院", "gov-work-report", 2022, 2023), store=store,
                        workbook=tmp_path / "ledger.xlsx", lang=lang).workbook
    done = subprocess.run(["soffice", "--headless",
                           f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    pdf = tmp_path / "ledger.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        # what LibreOffice printed: the legend, in the workbook's language
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                              capture_output=True, text=True,
                              check=True).stdout
        said = {"zh": ["本工作簿由 yoy 自动生成", "未提及不等于未落实", "引用行"],
                "en": ["yoy wrote this workbook", "silence is not failure", "Cited by"]}[lang]
        assert all(s in text for s in said), lang


def test_the_review_drop_down_skips_roll_up_rows_through_libreoffice(tmp_path):
    """Review 2026-12-04: 复核状态's drop-down covers the measures' rows only, not the bold
    roll-up rows between them (its ranges, one per run of measures, as LibreOffice saves them
    back), with yoy's list."""
    from openpyxl import load_workbook

    from tests.jobs.test_guard import _validated
    from tests.support import soffice
    store = copy_store(tmp_path / "store", ("国务院",))
    book = compare_pair(*pair_paths(store, "国务院", "gov-work-report", 2022, 2023), store=store,
                        workbook=tmp_path / "ledger.xlsx").workbook
    saved = soffice(tmp_path, book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    ws = load_workbook(saved)["举措跟踪"]
    header = [c.value for c in ws[1]]
    measures = {r for r in range(2, ws.max_row + 1) if ws.cell(r, header.index("ID") + 1).value}
    assert len(measures) < ws.max_row - 1
    assert any("已落实" in dv.formula1 for dv in ws.data_validations.dataValidation)
    assert _validated(ws) == measures
