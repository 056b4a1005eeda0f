"""LibreOffice opens the plan sheet, and the office's entries survive its round trip
with rows sorted and filtered (skipped without LibreOffice; `make check-office`)."""
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from compare.jobs.plan import import_plan, plan_report
from compare.store import report_path, save_report
from compare.store.plan_entries import PlanEntry

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def soffice(tmp_path: Path, book: Path, to: str, outdir: Path) -> Path:
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", to, "--outdir", str(outdir), str(book)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    return outdir / f"{book.stem}.{to.split(':')[0]}"


@pytest.fixture
def store(tmp_path, state_council):
    store = tmp_path / "reports"
    save_report(state_council[2021], report_path(store, 2021, "国务院", "gov-work-report"))
    return store


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_converts_the_plan_sheet(tmp_path, store, lang):
    book = plan_report(report_path(store, 2021, "国务院", "gov-work-report"), store=store, out=tmp_path, lang=lang)
    pdf = soffice(tmp_path, book, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_entries_survive_libreoffice_with_rows_sorted_and_filtered(tmp_path, store):
    book = plan_report(report_path(store, 2021, "国务院", "gov-work-report"), store=store, out=tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb["工作台账"]
    header = [c.value for c in ws[1]]
    body = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    measures = [r for r in body if isinstance(r[1], int)]
    picked = {measures[0][0]: ("一季度", "已完成", "已印发"), measures[100][0]: ("三季度", "推进中", "完成六成"),
              measures[-1][0]: ("四季度", "未完成", "资金未到位")}
    for r in body:
        if r[0] in picked:
            period, status, progress = picked[r[0]]
            r[header.index(f"{period}完成状态")], r[header.index(f"{period}进展情况")] = status, progress
    # the office sorts by measure text and filters out the roll-up rows before saving
    body.sort(key=lambda r: str(r[3]))
    for i, values in enumerate(body, 2):
        for j, v in enumerate(values, 1):
            ws.cell(i, j).value = v
        ws.row_dimensions[i].hidden = not isinstance(values[1], int)
    wb.save(book)
    (tmp_path / "lo").mkdir()
    saved = soffice(tmp_path, book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    _, entries, warnings = import_plan(saved, store)
    assert warnings == []
    keys = {"一季度": "q1", "三季度": "q3", "四季度": "q4"}
    status = {"已完成": "done", "推进中": "in_progress", "未完成": "not_done"}
    assert entries.measures == {rid: PlanEntry(progress={keys[p]: text}, status={keys[p]: status[s]})
                                for rid, (p, s, text) in picked.items()}
