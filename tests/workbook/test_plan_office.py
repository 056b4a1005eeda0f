"""LibreOffice opens the plan sheet and prints it legibly, and the office's entries survive its
round trip with rows sorted and filtered (skipped without LibreOffice; `make check-office`)."""
import math
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from compare.jobs.plan import plan_report
from compare.jobs.plan_merge import import_plan
from compare.store import report_path, save_report
from compare.store.plan_entries import PlanEntry
from tests.support import soffice

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) not installed")


@pytest.fixture
def store(tmp_path, state_council):
    store = tmp_path / "reports"
    save_report(state_council[2021], report_path(store, 2021, "国务院", "gov-work-report"))
    return store


def font_sizes(pdf: Path, pages: range) -> Counter:
    """Characters by the size (points) they are printed at on `pages` of `pdf`."""
    from pypdf import PdfReader

    sizes: Counter = Counter()

    def visit(text, cm, tm, font, size):
        if text.strip():
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            sizes[round(size * math.sqrt(abs(a * d - b * c)), 1)] += len(text.strip())

    reader = PdfReader(pdf)
    for n in pages:
        reader.pages[n].extract_text(visitor_text=visit)
    return sizes


# How much taller than its text a row may print: a row fitted for the narrowest rendering
# (Excel with Microsoft YaHei: 15 CJK characters to a 29-wide line) prints in LibreOffice (18 to
# the line) up to 1.43× as tall as its text (a three-line measure in a row of four, and the
# padding). Before 2026-12-04 rows printed up to 1.76× (1.45× on average): a CJK character counted
# 2.1 digits wide, and 所在章节 repeated its whole heading, row after row.
MAX_ROW_TO_TEXT = 1.5


def row_heights(pdf: Path) -> list[tuple[int, float]]:
    """Each printed row of `pdf` that a next one follows on its page, as (lines of its text, its
    height in lines): a row starts where its number (序号, the leftmost column) is printed."""
    import statistics
    out: list[tuple[float, float, list[float]]] = []
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for page in bbox.split("<page ")[1:]:
        words = [(float(x), float(y), w) for x, y, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" [^>]*>([^<]*)</word>', page)]
        left = min(x for x, _, _ in words)
        marks = sorted(y for x, y, w in words if w.isdigit() and x < left + 25)
        for top, below in zip(marks, marks[1:], strict=False):
            out.append((top, below, sorted({y for _, y, _ in words if top - 1 <= y < below - 1})))
    # a line's pitch: the median step between a cell's lines
    pitch = statistics.median_low(round(b - a, 1) for *_, lines in out
                                  for a, b in zip(lines, lines[1:], strict=False))
    return [(round((lines[-1] - lines[0]) / pitch) + 1, (below - top) / pitch)
            for top, below, lines in out]


def broken_header_words(tmp_path: Path, book: Path) -> dict[str, list[str]]:
    """Each printed sheet of `book` (none when none is) → the words of its printed headers that its
    first printed page does not show whole (a spreadsheet breaks a word its column cannot hold:
    Reviewe⏎d by), through LibreOffice."""
    from tests.support import header_row

    broken: dict[str, list[str]] = {}
    for ws in openpyxl.load_workbook(book).worksheets:
        if ws.sheet_state != "visible" or ws.max_row < 2:
            continue
        last = (openpyxl.utils.column_index_from_string(
            re.search(r":\$?([A-Z]+)", ws.print_area)[1]) if ws.print_area else ws.max_column)
        words = {w for c in ws[header_row(ws)][:last] if c.value
                 for w in re.findall(r"[A-Za-z]+", str(c.value))}
        if not words:
            continue
        pdf = soffice(tmp_path, only_sheet(book, ws.title), "pdf", tmp_path / "pdf")
        bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        printed = {w for t in re.findall(r">([^<]+)</word>", bbox)
                   for w in re.findall(r"[A-Za-z]+", t)}
        broken[ws.title] = sorted(words - printed)
    return broken


def only_sheet(book: Path, title: str) -> Path:
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets[:]:
        if ws.title != title:
            wb.remove(ws)
    out = book.with_name(f"{book.stem}-{title}.xlsx")
    wb.save(out)
    return out


@pytest.mark.parametrize("lang, title", [("zh", "工作台账"), ("en", "Plan tracker")])
def test_the_plan_sheet_prints_legibly_on_a4(tmp_path, store, state_council, lang, title):
    """Printed through LibreOffice: A4 landscape, every character at 9 pt or more, every measure
    whole (rows as high as their wrapped text: LibreOffice drops the lines a row cannot hold), the
    columns a unit needs and not the per-period ones, the title and page x/y on every page."""
    book = plan_report(report_path(store, 2021, "国务院", "gov-work-report"), store=store,
                       out=tmp_path,
                       lang=lang).path
    pdf = soffice(tmp_path, only_sheet(book, title), "pdf", tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert re.search(r"Page size:\s+841.89 x 595.3", info)   # A4 landscape
    sizes = font_sizes(pdf, range(pages))
    assert min(sizes) >= 9, sizes
    # in content order a cell's lines come together: a line its row could not hold is not drawn
    text = (subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout)
    flat = re.sub(r"\s+", "", text)
    assert [c.text for c in state_council[2021].commitments
            if re.sub(r"\s+", "", c.text) not in flat] == []
    heads = ("序号", "具体举措", "牵头单位", "完成时限", "当前状态", "当前进展", "存在问题",
             "下一步措施") if lang == "zh" \
        else ("No.", "Measure", "Lead unit", "Deadline", "Status now", "Progress now", "Problems",
              "Next steps")
    assert all(h.replace(" ", "") in flat for h in heads)
    assert ("一季度进展情况" if lang == "zh" else "Q1progress") not in flat and " m0" not in text
    assert flat.count("国务院") >= pages and ("第1页/共" if lang == "zh" else "Page1/") in flat
    # rows as high as their text and not much more (review 2026-12-04: 1.7× as high)
    long = [(text, row) for text, row in row_heights(pdf) if text >= 3]
    assert len(long) > 50 and max(row / text for text, row in long) <= MAX_ROW_TO_TEXT


def test_entries_survive_libreoffice_with_rows_sorted_and_filtered(tmp_path, store):
    book = (plan_report(report_path(store, 2021, "国务院", "gov-work-report"), store=store,
                        out=tmp_path).path)
    wb = openpyxl.load_workbook(book)
    ws = wb["工作台账"]
    header = [c.value for c in ws[2]]
    at = {h: i for i, h in enumerate(header)}
    body = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    measures = [r for r in body if isinstance(r[at["序号"]], int)]
    picked = {measures[0][at["ID"]]: ("一季度", "已完成", "已印发"),
              measures[100][at["ID"]]: ("三季度", "序时推进", "完成六成"),
              measures[-1][at["ID"]]: ("四季度", "未完成", "资金未到位")}
    for r in body:
        if r[at["ID"]] in picked:
            period, status, progress = picked[r[at["ID"]]]
            r[at[f"{period}完成状态"]], r[at[f"{period}进展情况"]] = status, progress
    # the office sorts by measure text and filters out the task rows before saving
    body.sort(key=lambda r: str(r[at["具体举措"]]))
    for i, values in enumerate(body, 3):
        for j, v in enumerate(values, 1):
            ws.cell(i, j).value = v
        ws.row_dimensions[i].hidden = not isinstance(values[at["序号"]], int)
    wb.save(book)
    saved = soffice(tmp_path, book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    _, entries, warnings = import_plan(saved, store)
    assert warnings == []
    keys = {"一季度": "q1", "三季度": "q3", "四季度": "q4"}
    status = {"已完成": "done", "序时推进": "in_progress", "未完成": "not_done"}
    texts = {r[at["ID"]]: r[at["具体举措"]] for r in measures}
    assert entries.measures == {rid: PlanEntry(progress={keys[p]: text},
                                               status={keys[p]: status[s]}, text=texts[rid])
                                for rid, (p, s, text) in picked.items()}


def test_every_english_header_of_the_plan_workbook_wraps_at_spaces(tmp_path, store):
    """Review 2026-12-04: Responsib⏎le units, Measure⏎s: a column at least as wide as its header's
    longest word (widths per language in templates/workbook.yaml)."""
    book = plan_report(report_path(store, 2021, "国务院", "gov-work-report"), store=store,
                       out=tmp_path, lang="en").path
    broken = broken_header_words(tmp_path, book)
    assert {"Plan tracker", "Year targets", "Plan summary"} <= set(broken)
    assert not any(broken.values()), broken


def test_a_sheet_with_no_row_to_hold_prints_no_page(tmp_path, store):
    """ua19 L2: 新余市's 台账 (a 法治 report sets no targets) printed a page holding
    目标任务's title and header alone. The sheet stays in the workbook (a later reading may
    give it rows) but prints nothing; a report with targets still prints them."""
    from tests.support import copy_store
    fazhi = copy_store(tmp_path / "fazhi", ("新余市",))
    book = plan_report(fazhi / "2021" / "新余市-fazhi.yaml", store=fazhi, out=tmp_path).path
    assert "目标任务" in openpyxl.load_workbook(book).sheetnames
    texts = {}
    for name, path in (("fazhi", book), ("guowuyuan", plan_report(
            report_path(store, 2021, "国务院", "gov-work-report"), store=store,
            out=tmp_path / "g").path)):
        pdf = soffice(tmp_path, path, "pdf", tmp_path / f"pdf-{name}")
        texts[name] = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                                     text=True, check=True).stdout
    assert "目标表述" not in texts["fazhi"] and "具体举措" in texts["fazhi"]
    assert "目标表述" in texts["guowuyuan"]
    # what the office types in that 台账 and saves in LibreOffice comes back on its row
    wb = openpyxl.load_workbook(book)
    ws = wb["工作台账"]
    at = {c.value: c.column for c in ws[2]}
    row = next(r for r in range(3, ws.max_row + 1) if isinstance(ws.cell(r, at["序号"]).value, int))
    rid = ws.cell(row, at["ID"]).value
    ws.cell(row, at["牵头单位"]).value = "市司法局"
    ws.cell(row, at["一季度完成状态"]).value, ws.cell(row, at["一季度进展情况"]).value = (
        "序时推进", "已起草")
    wb.save(book)
    import_plan(soffice(tmp_path, book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo"), fazhi)
    again = openpyxl.load_workbook(plan_report(fazhi / "2021" / "新余市-fazhi.yaml", store=fazhi,
                                               out=tmp_path / "again").path)
    ws = again["工作台账"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, at["ID"]).value == rid)
    typed = ("牵头单位", "一季度完成状态", "一季度进展情况")
    assert [ws.cell(row, at[h]).value for h in typed] == ["市司法局", "序时推进", "已起草"]
    assert "目标任务" in again.sheetnames
