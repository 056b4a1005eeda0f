"""A real spreadsheet client opens our workbook (skipped without LibreOffice;
`make check-office`)."""
import re
import shutil
import subprocess

import pytest

from compare.jobs.pipeline import compare_pair, pair_paths
from compare.schema import Comparison
from tests.support import copy_store, soffice
from tests.workbook.test_plan_office import (
    MAX_ROW_TO_TEXT,
    broken_header_words,
    font_sizes,
    only_sheet,
    row_heights,
)

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
        # a legend's line wraps in its cell where the column ends
        flat = re.sub(r"\s+", "", text)
        assert all(re.sub(r"\s+", "", s) in flat for s in said), lang
        # 概览 on one page (review 2026-12-04: the English title cut at
        # "comparison 2022-", its problems split over two pages; the Chinese sheet links and
        # versions alone on a second page)
        first, second = (re.sub(r"\s+", "", subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
            text=True, check=True).stdout) for n in (1, 2))
        title = {"zh": "国务院政府工作报告同比对照（2022—2023年）：概览",
                 "en": "国务院 government work report, year-over-year comparison 2022→2023: "
                       "Summary"}[lang]
        last = {"zh": "工具版本", "en": "Toolversion"}[lang]
        # (pdftotext reads a title clipped at its cell's edge whole: test_export checks that the
        # title runs on over the charts' columns)
        assert first.count(re.sub(r"\s+", "", title)) == 2 and last in first
        assert last not in second and {"zh": "举措跟踪", "en": "Measures"}[lang] in second
        # the reports by name, not the store's files (review 2026-12-05: 海拉尔区)
        assert ".yaml" not in first and {"zh": "国务院2022年政府工作报告",
                                          "en": "国务院governmentworkreport2022"}[lang] in first


def test_every_english_header_of_the_comparison_wraps_at_spaces(tmp_path):
    """Review 2026-12-04: Reviewe⏎d by, Similari⏎ty: a column at least as wide as its header's
    longest word (widths per language in templates/workbook.yaml)."""
    store = copy_store(tmp_path / "store", ("国务院",))
    book = compare_pair(*pair_paths(store, "国务院", "gov-work-report", 2022, 2023), store=store,
                        workbook=tmp_path / "ledger.xlsx", lang="en").workbook
    broken = broken_header_words(tmp_path, book)
    assert {"Measures", "Targets", "Sections", "Diff", "Shortcomings"} <= set(broken)
    assert not any(broken.values()), broken


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
    header = [c.value for c in ws[2]]   # below the title row
    measures = {r for r in range(3, ws.max_row + 1) if ws.cell(r, header.index("ID") + 1).value}
    assert len(measures) < ws.max_row - 2
    assert any("已落实" in dv.formula1 for dv in ws.data_validations.dataValidation)
    assert _validated(ws) == measures


@pytest.mark.parametrize("lang, sheets", [("zh", ("举措跟踪", "文本差异")),
                                          ("en", ("Measures", "Diff"))])
def test_the_ledger_and_the_diff_print_legibly_on_a4(tmp_path, lang, sheets):
    """Printed through LibreOffice as a 督查室 prints them (reviewer, 2026-12-04: 21 columns on A4
    at 2.4 pt, each measure cut after a line, no title, no page number): A4 landscape, every
    character at 9 pt or more, every measure and its evidence whole (rows as high as their wrapped
    text: LibreOffice draws no line a row cannot hold), every unchanged sentence of the diff whole,
    the columns a reviewer signs and not the others, the title and page x/y on every page."""
    store = copy_store(tmp_path / "store", ("国务院",))
    cmp_path = tmp_path / "c.json"
    book = compare_pair(*pair_paths(store, "国务院", "gov-work-report", 2022, 2023), store=store,
                        workbook=tmp_path / "ledger.xlsx", lang=lang, json_path=cmp_path).workbook
    cmp = Comparison.model_validate_json(cmp_path.read_text(encoding="utf-8"))
    ledger, diff = sheets
    flat = {}
    for title in sheets:
        pdf = soffice(tmp_path, only_sheet(book, title), "pdf", tmp_path / "pdf")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
        assert re.search(r"Page size:\s+841.89 x 595.3", info)   # A4 landscape
        sizes = font_sizes(pdf, range(pages))
        assert min(sizes) >= 9, (title, sizes)
        # in content order a cell's lines come together
        text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        flat[title] = re.sub(r"\s+", "", text)
        page = "第1页/共" if lang == "zh" else "Page1/"
        assert flat[title].count(title) >= pages and page in flat[title], title
        if title == ledger:
            # rows as high as their text and not much more (review 2026-12-04: 1.7× as high)
            long = [(text, row) for text, row in row_heights(pdf) if text >= 3]
            assert len(long) > 50 and max(row / text for text, row in long) <= MAX_ROW_TO_TEXT
    whole = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    assert [c.text for c in cmp.commitments if whole(c.text) not in flat[ledger]] == []
    best = [max(c.evidence, key=lambda e: e.score).text for c in cmp.commitments if c.evidence]
    assert [e for e in best if whole(e) not in flat[ledger]] == []
    same = [p.new for d in cmp.diffs for p in d.pairs if p.new and p.old == p.new]
    assert same and [s for s in same if whole(s) not in flat[diff]] == []
    heads = {"zh": ("序号", "举措内容", "自动判定", "最佳证据", "复核状态", "复核意见", "复核人"),
             "en": ("No.", "Measure", "Auto status", "Best evidence", "Reviewer status",
                    "Reviewer note", "Reviewed by")}[lang]
    assert all(whole(h) in flat[ledger] for h in heads)
    # the columns left to the screen: further evidence, the ID
    assert ("其他证据" if lang == "zh" else "Furtherevidence") not in flat[ledger]
    assert all(c.commitment_id not in flat[ledger] for c in cmp.commitments)


# a printed row a heading (a section's roll-up row: its label, no 序号) or a measure (its 序号)
_HEADING = re.compile(r"^\s{0,6}(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_MEASURE = re.compile(r"^\s{0,8}\d{1,4}\s")


def test_no_printed_page_ends_with_a_heading_whose_measures_start_the_next(tmp_path):
    """Review 2026-12-04 (eighth session), left then: 盐田区 2022→23's 举措跟踪 printed four pages
    (of 21) ending with a section's roll-up row, its measures on the next page. Page breaks are
    set before such a heading (from the printed row heights); printed through LibreOffice, no page
    ends with one, and the pages are about as many (23; 27 since wb26 prints 证据位置, the
    measure and evidence columns narrower)."""
    store = copy_store(tmp_path / "store", ("盐田区",))
    book = compare_pair(*pair_paths(store, "盐田区", "gov-work-report", 2022, 2023), store=store,
                        workbook=tmp_path / "ledger.xlsx").workbook
    pdf = soffice(tmp_path, only_sheet(book, "举措跟踪"), "pdf", tmp_path / "pdf")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    ends = []
    for n in range(1, pages + 1):
        lines = subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout.splitlines()
        starts = [line.strip()[:12] for line in lines if _HEADING.match(line)
                  or _MEASURE.match(line)]
        ends.append(starts[-1] if starts else "")
    assert sum(1 for e in ends if _HEADING.match(e)) == 0 and pages <= 28, (pages, ends)


def test_a_leaders_copy_is_the_workbooks_first_pages(tmp_path):
    """Review 2026-12-05 (海拉尔区 2018→2019): the whole workbook printed, 文本差异 was half
    the pages, between 目标 and 问题整改; a 领导's copy is 概览, 举措跟踪, 目标 and 问题整改.
    Printed whole through LibreOffice, those four come first, each whole, and nothing of theirs
    after (the tabs to select, or the pages to print: 1 to the last 问题整改 page)."""
    store = copy_store(tmp_path / "store", ("国务院",))
    book = compare_pair(*pair_paths(store, "国务院", "gov-work-report", 2022, 2023), store=store,
                        workbook=tmp_path / "ledger.xlsx").workbook
    pdf = soffice(tmp_path, book, "pdf", tmp_path / "pdf")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    # each page's header: the sheet's title, its name after the last ：
    sheets = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout.strip()
              .splitlines()[0].rsplit("：", 1)[-1] for n in range(1, pages + 1)]
    runs = [name for i, name in enumerate(sheets) if i == 0 or sheets[i - 1] != name]
    assert runs == ["概览", "举措跟踪", "目标", "问题整改", "说明", "章节对照", "文本差异",
                    "数据变化"]
    leaders = sum(name in ("概览", "举措跟踪", "目标", "问题整改") for name in sheets)
    assert sheets[leaders - 1] == "问题整改" and sheets.count("文本差异") > 5
