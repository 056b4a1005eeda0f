"""The workbook: every sheet reloaded with openpyxl and checked as a reviewer would see it."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from openpyxl.cell.rich_text import CellRichText, TextBlock
from rapidfuzz.distance import Levenshtein

import compare
from compare.errors import YoyError
from compare.schema import (
    AlignedSection,
    CommitmentResult,
    Comparison,
    Evidence,
    MetricChange,
    Report,
    ReportRef,
    Section,
    SectionDiff,
    SentencePair,
    ShortcomingResult,
    Source,
    TargetResult,
)
from compare.workbook.ledger import write_workbook
from tests.support import ROOT, header_row

# a 领导's printed copy first (概览, 举措跟踪, 目标, 问题整改), then what a reviewer reads on screen
ZH = ["概览", "举措跟踪", "目标", "问题整改", "说明", "章节对照", "文本差异", "数据变化", "_yoy"]
EN = ["Summary", "Measures", "Targets", "Shortcomings", "Legend", "Sections", "Diff", "Metrics",
      "_yoy"]
TABLES = [name for name in ZH[1:8] if name != "说明"]


def pair(old: str | None, new: str | None) -> SentencePair:
    if old is None or new is None:
        return SentencePair(old=old, new=new, similarity=0.0)
    ops = [tuple(op) for op in Levenshtein.opcodes(old, new)]
    return SentencePair(old=old, new=new, similarity=Levenshtein.normalized_similarity(old, new),
                        opcodes=ops)


def ev(node: str, path: list[str], text: str, score: float) -> Evidence:
    return Evidence(node_id=node, label_path=path, text=text, score=score)


def make_comparison() -> Comparison:
    old = ReportRef(kind="gov-work-report", region="国务院", year=2022, review_year=2021,
                    plan_year=2022,
                    title="2022年国务院政府工作报告")
    new = ReportRef(kind="gov-work-report", region="国务院", year=2023, review_year=2022,
                    plan_year=2023,
                    title="2023年国务院政府工作报告")
    diffs = [
        SectionDiff(old_id="s1", new_id="s1", similarity=0.62, pairs=[
            pair("2021年是党和国家历史上具有里程碑意义的一年。",
                 "2022年是党和国家历史上极为重要的一年。"),
            pair("国内生产总值达到114万亿元，增长8.1%。", "国内生产总值达到121万亿元，增长3%。"),
            pair("城镇新增就业1269万人。", "城镇新增就业1206万人。"),
            pair("各位代表！", "各位代表！"),
        ]),
        SectionDiff(old_id="s3.2", new_id="s3.2", similarity=0.55, pairs=[
            pair("深入实施区域重大战略和区域协调发展战略。",
                 "深入实施区域协调发展战略和区域重大战略。"),
            pair(None, "全面推进乡村振兴，粮食产量保持在1.3万亿斤以上。"),
            pair("推进以人为核心的新型城镇化。", None),
        ]),
    ]
    commitments = [
        CommitmentResult(commitment_id="c1", section_id="s3.2", text="粮食产量保持在1.3万亿斤以上",
                         status="delivered", confidence=0.91, evidence=[
                             ev("s3.2-i1", ["三、", "（二）"], "粮食产量保持在1.3万亿斤以上", 0.88),
                             ev("s1", ["一、"], "城镇新增就业1206万人。", 0.31)]),
        CommitmentResult(commitment_id="c2", section_id="s3.2", text="推进以人为核心的新型城镇化",
                         status="partial", confidence=0.55, evidence=[
                             ev("s3.2", ["三、", "（二）"],
                                "深入实施区域协调发展战略和区域重大战略。", 0.52)]),
        CommitmentResult(commitment_id="c3", section_id="s4", text="建设全国统一大市场",
                         status="not_reported", confidence=0.8, evidence=[]),
        CommitmentResult(commitment_id="c4", section_id="s4", text="出台优化营商环境条例实施细则",
                         status="delivered", confidence=0.7, evidence=[
                             ev("s9", ["九、"], "出台优化营商环境条例实施细则。", 0.77)]),
        CommitmentResult(commitment_id="c5", section_id="s5", text="加快发展数字经济",
                         status="partial", confidence=0.6, evidence=[
                             ev("s1", ["一、"], "国内生产总值达到121万亿元，增长3%。", 0.4)]),
    ]
    targets = [
        TargetResult(target_id="t1", indicator="国内生产总值", text="国内生产总值增长5.5%左右",
                     comparator="approx", low=5.5, high=5.5, unit="%", actual=3.0,
                     actual_text="国内生产总值达到121万亿元，增长3%。", verdict="missed"),
        TargetResult(target_id="t2", indicator="城镇新增就业", text="城镇新增就业1100万人以上",
                     comparator="floor", low=1100, high=None, unit="万人", actual=1206,
                     actual_qualifier="超过",
                     actual_text="城镇新增就业超过1206万人。", verdict="met"),
        TargetResult(target_id="t3", indicator="能耗强度",
                     text="能耗强度目标在“十四五”规划期内统筹考核",
                     comparator="approx", low=None, high=None, unit="%", actual=None,
                     actual_text=None, verdict="not_reported"),
        TargetResult(target_id="t4", indicator="居民消费价格", text="居民消费价格涨幅3%左右",
                     comparator="ceiling", low=None, high=3.0, unit="%", actual=2.0,
                     actual_text="居民消费价格上涨0.2%。", verdict="met", note="far_below",
                     note_values={"actual": 2.0, "value": 3.0}),
    ]
    return Comparison(
        old=old, new=new, engine_version="0.1.0", warnings=["2023年报告未给出能耗强度数据"],
        alignment=[AlignedSection(old_id="s1", new_id="s1", score=0.62, change="edited"),
                   AlignedSection(old_id="s2", new_id="s2", score=1.0, change="same"),
                   AlignedSection(old_id="s3.2", new_id="s3.2", score=0.55, change="edited"),
                   AlignedSection(old_id=None, new_id="s4", score=0.0, change="added"),
                   AlignedSection(old_id="s5", new_id=None, score=0.0, change="removed")],
        diffs=diffs, commitments=commitments, targets=targets,
        metrics=[MetricChange(part="review", subject="国内生产总值", unit="万亿元", old=114,
                              new=121, change=7,
                              change_pct=6.14),
                 MetricChange(part="review", subject="城镇新增就业", unit="万人", old=1269,
                              new=1206, change=-63,
                              change_pct=-4.96),
                 MetricChange(part="plan", subject="财政赤字率", unit="%", old=3.2, new=2.8,
                              change=-0.4,
                              change_pct=None)],
        shortcomings=[
            ShortcomingResult(shortcoming_id="p1", text="经济恢复基础尚不牢固", status="unresolved",
                              evidence=[ev("s1", ["一、"],
                                           "国内生产总值达到121万亿元，增长3%。", 0.45)]),
            ShortcomingResult(shortcoming_id="p2", text="形式主义、官僚主义现象仍较突出",
                              status="addressed", evidence=[]),
            ShortcomingResult(shortcoming_id="p3", text="一些领域风险隐患较多",
                              status="not_mentioned"),
        ])


@pytest.fixture
def comparison() -> Comparison:
    return make_comparison()


def headers(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[header_row(ws)]}


def test_sheet_names_zh_default_and_en(tmp_path, comparison):
    zh = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "zh.xlsx"))
    en = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "en.xlsx", lang="en"))
    assert zh.sheetnames == ZH and en.sheetnames == EN
    assert zh["_yoy"].sheet_state == "hidden"
    assert headers(en["Measures"])["Reviewer status"] == headers(zh["举措跟踪"])["复核状态"]
    status = headers(zh["举措跟踪"])["自动判定"]
    assert headers(en["Measures"])["Auto status"] == status
    assert en["Measures"].cell(3, status).value == "Delivered" and zh["举措跟踪"].cell(
        3, status).value == "已落实"


def test_unknown_language_is_refused(tmp_path, comparison):
    with pytest.raises(YoyError, match="language"):
        write_workbook(comparison, tmp_path / "x.xlsx", lang="fr")


def test_numbers_stay_numbers(tmp_path, comparison):
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx"))
    ws = wb["举措跟踪"]
    h = headers(ws)
    assert ws.cell(3, h["ID"]).value == "c1" and ws.cell(3, h["序号"]).value == 1
    assert ws.cell(3, h["得分"]).data_type == "n" and ws.cell(3, h["得分"]).value == 0.91
    assert ws.cell(3, h["得分"]).number_format == "0.00"
    assert "证据得分" not in h and "置信度" not in h  # one score
    assert ws.cell(3, h["证据位置"]).value == "三、（二）"
    assert "城镇新增就业1206万人" in ws.cell(3, h["其他证据"]).value

    ws = wb["目标"]
    h = headers(ws)
    rows = {ws.cell(r, h["ID"]).value: r for r in range(3, ws.max_row + 1)}
    assert ws.cell(rows["t2"], h["目标下限"]).value == 1100
    assert isinstance(ws.cell(rows["t1"], h["实际值"]).value, (int, float))
    assert ws.cell(rows["t3"], h["实际值"]).value is None
    assert ws.cell(rows["t3"], h["实际情况原文"]).value is None
    assert ws.cell(rows["t3"], h["自动判定"]).value == "未报告"
    assert ws.cell(rows["t4"], h["比较方式"]).value == "不高于"
    assert (ws.cell(rows["t2"], h["实际值限定"]).value, ws.cell(rows["t1"],
                                                           h["实际值限定"]).value) == ("超过", None)
    assert (ws.cell(rows["t4"], h["判定提示"]).value, ws.cell(rows["t2"], h["判定提示"]).value) == (
        "判为完成，但实际值2远低于目标值3", None)

    ws = wb["数据变化"]
    h = headers(ws)
    assert [ws.cell(r, h["本年报告"]).value for r in (3, 4, 5)] == [121, 1206, 2.8]
    assert [ws.cell(r, h["所在部分"]).value for r in (3, 5)] == ["工作回顾", "工作计划"]
    pct = ws.cell(3, h["变化率"])
    assert pct.value == pytest.approx(7 / 114) and pct.number_format == "0.0%"
    assert ws.cell(5, h["变化率"]).value is None  # the engine said not meaningful


def test_notes_are_phrased_in_the_workbooks_language(tmp_path, comparison):
    en = (openpyxl.load_workbook(write_workbook(comparison, tmp_path / "en.xlsx",
                                                lang="en"))["Targets"])
    assert en.cell(6, headers(en)["Check note"]).value == ("far below the target (2 against 3): "
                                                           "met, but far from the plan")
    # a comparison written before notes were keys holds English prose: shown as it is, nothing lost
    comparison.targets[3].note, comparison.targets[3].note_values = "far below the target", {}
    zh = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "zh.xlsx"))["目标"]
    assert zh.cell(6, headers(zh)["判定提示"]).value == "far below the target"


def test_reviewer_dropdown_and_status_colours(tmp_path, comparison):
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx"))
    for sheet, labels in [("举措跟踪", "已落实,部分落实,未落实,未见报告,不适用,待核实"),
                          ("目标", "已完成,未完成,未报告,不适用,待核实"),
                          ("问题整改", "已整改,部分整改,仍存在,未提及,不适用,待核实")]:
        ws = wb[sheet]
        col = openpyxl.utils.get_column_letter(headers(ws)["复核状态"])
        dvs = ws.data_validations.dataValidation
        assert len(dvs) == 1 and dvs[0].type == "list" and dvs[0].formula1 == f'"{labels}"'
        assert str(dvs[0].sqref) == f"{col}3:{col}{ws.max_row}"
        ranges = {str(cf.sqref) for cf in ws.conditional_formatting}
        assert f"{col}3:{col}{ws.max_row}" in ranges and len(ranges) >= 2  # auto status too
    ws = wb["举措跟踪"]
    status = openpyxl.utils.get_column_letter(headers(ws)["自动判定"])
    rules = {r.formula[0]: r.dxf for cf in ws.conditional_formatting
             if str(cf.sqref).startswith(status)
             for r in cf.rules}
    # a conditional format's solid fill is its background colour, as Excel writes it; silence
    # is neutral grey (a review never covers every measure), red is kept for what fell short
    tones = {label: (d.fill.bgColor.rgb[-6:], d.font.color.rgb[-6:]) for label, d in rules.items()}
    assert tones == {'"已落实"': ("C6EFCE", "006100"), '"部分落实"': ("FFEB9C", "9C5700"),
                     '"未见报告"': ("EDEDED", "595959"), '"待核实"': ("DDEBF7", "1F4E78")}
    targets = wb["目标"]
    verdict = openpyxl.utils.get_column_letter(headers(targets)["自动判定"])
    assert any(r.formula == ['"未完成"'] and r.dxf.fill.bgColor.rgb.endswith("FFC7CE")
               for cf in targets.conditional_formatting if str(cf.sqref).startswith(verdict)
               for r in cf.rules)
    # colours come from conditional formatting, not static fills
    assert ws[f"{status}3"].fill.fill_type is None


def test_spreadsheet_craft(tmp_path, comparison):
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx"))
    for name in TABLES:
        ws = wb[name]
        last = openpyxl.utils.get_column_letter(ws.max_column)
        # a title row, then the header, frozen, filtered and repeated on every printed page
        assert ws.freeze_panes == "A3"
        assert ws.auto_filter.ref == f"A2:{last}{ws.max_row}"
        assert ws.print_title_rows == "$2:$2"
        # one page wide (fitToWidth 1 is the default, so may be left out), any number down
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth in (1, None)
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws["A1"].font.b and ws["A2"].font.b and ws["A3"].font.name == "Microsoft YaHei"
        assert ws["A3"].alignment.wrap_text
    # the template's 25 characters, stored as Excel stores them: plus 5 pixels of padding
    # in 7-pixel characters (Excel then shows 25)
    assert wb["举措跟踪"].column_dimensions["C"].width == pytest.approx(25 + 5 / 7, abs=0.01)
    assert wb["概览"].page_setup.orientation == "landscape"


# LibreOffice's column unit on the printed page, in pixels at 96 dpi: the width of a digit of the
# font it draws a workbook's default (Microsoft YaHei) with where YaHei is missing (measured: the
# plan sheet's 125 units print at 9.2 pt on A4 landscape), plus 5 pixels of padding a column
_DIGIT_PX, _PADDING_PX = 9, 5


def printed_size(ws, tpl_size: float = 10) -> float:
    """The font size (points) a sheet prints at, shrunk to one A4 landscape page wide: the
    template's size times the page's width between the margins over the print area's width."""
    area = ws.print_area.split("!")[1].replace("$", "")
    first, last = (openpyxl.utils.column_index_from_string(re.match(r"[A-Z]+", ref)[0])
                   for ref in area.split(":"))
    # a <col> element spans the adjacent columns of one width (openpyxl keys it by its first)
    widths = {c: d.width for d in ws.column_dimensions.values() if d.min and d.max
              for c in range(d.min, d.max + 1)}
    px = sum(((widths.get(c) or 8.43) - 5 / 7) * _DIGIT_PX + _PADDING_PX
             for c in range(first, last + 1))
    page = (11.69 - ws.page_margins.left - ws.page_margins.right) * 72  # A4 landscape, points
    return tpl_size * min(1.0, page / (px * 0.75))


def test_the_printed_sheets_print_legibly(tmp_path, comparison):
    """Each table prints as the 台账 does (reviewer, 2026-12-04: 21 columns on A4 at 2.4 pt, rows
    cut to a line, no title, no page number): a title row, the page header and footer with the
    title and page x of y, the header row on every page, the columns a reader needs within the
    print area at 9 pt or more, rows as high as their wrapped text."""
    long = "全面推进乡村振兴，" * 12  # wraps to several lines in 举措内容
    comparison.commitments[1].text = long
    # a short row whose further evidence (not printed) runs long
    comparison.commitments[2].evidence = [ev("s1", ["一、"], "统一大市场起步。", 0.5),
                                          ev("s1", ["一、"], "其他证据很长。" * 40, 0.2)]
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx"))
    assert wb["概览"]["A1"].value == "国务院政府工作报告同比对照（2022—2023年）：概览"
    assert wb["概览"].oddFooter.right.text == "第 &P 页 / 共 &N 页"
    through = {"说明": "含义", "举措跟踪": "复核人", "目标": "复核人", "章节对照": "变化",
               "文本差异": "差异（红删绿增）", "数据变化": "变化率", "问题整改": "复核人"}
    for name, last in through.items():
        ws = wb[name]
        h = headers(ws)
        col = openpyxl.utils.get_column_letter(h[last])
        title = f"国务院政府工作报告同比对照（2022—2023年）：{name}"
        assert ws["A1"].value == title and f"A1:{col}1" in {str(m) for m in ws.merged_cells}
        assert ws.oddHeader.center.text == title
        assert (ws.oddFooter.left.text, ws.oddFooter.right.text) == (None,
                                                                     "第 &P 页 / 共 &N 页")
        assert ws.print_title_rows == "$2:$2"
        assert ws.print_area == f"'{name}'!$A$1:${col}${ws.max_row}", name
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
        assert printed_size(ws) >= 9, (name, printed_size(ws))
        assert ws["A2"].border.left.style == "thin"  # a bordered table, its header too
    ws = wb["举措跟踪"]
    h = headers(ws)
    # what a reviewer signs prints, with where its evidence stands (wb26); the rest, the score
    # too (待核实 says a low one on paper), stays beside the print area, on screen
    printed = [c.value for c in ws[2]][:h["复核人"]]
    assert printed == ["序号", "所在章节", "举措内容", "自动判定", "最佳证据", "证据位置",
                       "复核状态", "复核意见", "复核人"]
    assert {"得分", "其他证据", "下年延续", "ID"} <= set(h) - set(printed)
    # a long measure's row is fitted to its lines (LibreOffice does not fit rows itself); a row
    # whose printed cells hold a line each keeps the default height, whatever lies beyond
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, h["举措内容"]).value == long)
    assert ws.row_dimensions[row].height >= 5 * 10 * 1.45
    short = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, h["ID"]).value == "c3")
    assert len(ws.cell(short, h["其他证据"]).value) > 280
    # … and 自动判定 is fitted by its label (未见报告), not its key (not_reported: two lines)
    assert ws.cell(short, h["自动判定"]).value == "未见报告"
    assert ws.row_dimensions[short].height is None


@pytest.mark.parametrize("lang, sheet, needed", [
    ("zh", "举措跟踪", ("证据位置", "复核意见", "复核人")),
    ("en", "Measures", ("Evidence location", "Reviewer note", "Reviewed by"))])
def test_the_measures_sheet_prints_where_the_evidence_stands(tmp_path, comparison,
                                                                           lang, sheet, needed):
    """wb26: a reader of the printed 举措跟踪 finds a status's evidence in the report by its
    location: inside the defined print area, in each language, the
    sheet still printing at 9 pt or more."""
    ws = openpyxl.load_workbook(write_workbook(comparison, tmp_path / f"{lang}.xlsx",
                                               lang=lang))[sheet]
    area = ws.print_area.split("!")[1].replace("$", "")
    last = openpyxl.utils.column_index_from_string(re.match(r"[A-Z]+\d*:([A-Z]+)", area)[1])
    h = headers(ws)
    assert all(h[name] <= last for name in needed), (area, {n: h[n] for n in needed})
    assert printed_size(ws) >= 9, printed_size(ws)



def row_tags(book: Path, sheet: str) -> dict[int, str]:
    """Each written row's <row> element of a sheet, by its number (openpyxl reads no
    customHeight: it reports every row with a height as custom)."""
    names = openpyxl.load_workbook(book, read_only=True).sheetnames
    with zipfile.ZipFile(book) as zf:  # XlsxWriter writes sheetN.xml in the sheets' order
        xml = zf.read(f"xl/worksheets/sheet{names.index(sheet) + 1}.xml").decode()
    return {int(m.group(1)): m.group(0) for m in re.finditer(r'<row r="(\d+)"[^>]*>', xml)}


@pytest.mark.parametrize("lang, names", [("zh", ["举措跟踪", "目标", "问题整改"]),
                                         ("en", ["Measures", "Targets", "Shortcomings"])])
def test_a_reviewers_row_grows_as_she_types(tmp_path, comparison, lang, names):
    """ua26: the comparison sheets fixed their rows' heights (customHeight), which Calc and
    Excel never fit again, so a 169-character 复核意见 typed in Calc printed its first 5 lines
    until yoy rewrote the file. A row a reviewer types into (one with an ID) keeps its fitted
    height but not as a fixed one, as the 台账's measures do (refit_rows); LibreOffice fits it to
    the note at once (checked through its API, 2026-12-06: 27 mm → 86 mm, the whole note in the
    PDF, 70 pages before and after). The title and header rows stay fixed."""
    comparison.commitments[1].text = "全面推进乡村振兴，" * 12  # a row tall by its own text
    # further evidence of two candidates, a line each where it wraps (not printed)
    comparison.commitments[2].evidence = [ev("s1", ["一、"], "统一大市场建设起步。", 0.5),
                                          ev("s1", ["一、"], "其他证据很长。" * 40, 0.2),
                                          ev("s1", ["二、"], "又一句证据。", 0.1)]
    book = write_workbook(comparison, tmp_path / "w.xlsx", lang=lang)
    for name in names:
        ws = openpyxl.load_workbook(book)[name]
        h = headers(ws)
        rows = row_tags(book, name)
        ids = [r for r in range(3, ws.max_row + 1) if ws.cell(r, h["ID"]).value]
        assert ids, name
        assert not any("customHeight" in rows[r] for r in ids if r in rows), name
        assert all("customHeight" in rows[r] for r in (1, 2) if 'ht="' in rows[r]), name
        assert 'ht="' in rows[1], name  # the title row's height is set: the check above can fail
        if name in ("举措跟踪", "Measures"):  # the long measure's row: as tall as its text
            assert any('ht="' in rows[r] for r in ids if r in rows)
        # what Calc fits such a row to: the printed cells wrap, those beyond the print area
        # (其他证据: 302 characters in 盐田区 2022→2023) stay on a line, or a 复核人 typed under a
        # one-line measure grew its row 22 → 64 mm of white (LibreOffice, 2026-12-06)
        through = h["复核人" if lang == "zh" else "Reviewed by"]
        for r in ids:
            cells = [ws.cell(r, c) for c in range(1, ws.max_column + 1)]
            assert all(c.alignment.wrap_text for c in cells[:through]
                       if isinstance(c.value, str)), (name, r)
            # (a link, 证据位置, is a short place name, and LibreOffice draws it on a line)
            assert not any(c.alignment.wrap_text for c in cells[through:]
                           if c.value is not None and not c.hyperlink), (name, r)
            assert any(c.value for c in cells[through:]), (name, r)  # the check above can fail
            # nor on lines of their own: LibreOffice fits a row to a cell's line breaks
            assert not any("\n" in c.value for c in cells[through:] if isinstance(c.value, str))

def test_the_summary_names_the_kind_and_counts_in_whole_steps(tmp_path, comparison):
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx"))
    ws = wb["概览"]
    kind = next(r for r in ws.iter_rows(values_only=True) if r[0] == "报告类型")
    assert kind == ("报告类型", "政府工作报告", "政府工作报告")
    en = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "en.xlsx", lang="en"))
    # in the workbook's language, in its rows and every title (review 2026-12-04: the English
    # titles said 国务院 gov-work-report, the template's key)
    assert next(r for r in en["Summary"].iter_rows(values_only=True)
                if r[0] == "Report kind")[1:] == ("government work report",) * 2
    assert all(ws["A1"].value.startswith("国务院 government work report, year-over-year")
               for ws in en.worksheets if ws.sheet_state == "visible")
    # one page, shrunk to fit, its title in a cell of its own running on over the charts' columns
    # (review 2026-12-04: merged over the table's, the English title was cut; its problems table
    # and chart split over two pages, the Chinese sheet links and versions alone on a second)
    for summary in (ws, en["Summary"]):
        # (1 is the default, so may be left out; one page wide and any number down is 0)
        assert summary.page_setup.fitToWidth in (1, None)
        assert summary.page_setup.fitToHeight in (1, None)
        assert summary.sheet_properties.pageSetUpPr.fitToPage
        assert not summary.merged_cells.ranges
    # counts under ten: the value axis steps by one, never by halves
    with zipfile.ZipFile(tmp_path / "w.xlsx") as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 3 and all('<c:majorUnit val="1"/>' in c for c in charts)
    # every bar outlined in dark grey: the pale fills vanish on a black-and-white copy (ua26 F4)
    for c in charts:
        points = re.findall(r"<c:dPt>.*?</c:dPt>", c, re.S)
        assert points and all('<a:ln><a:solidFill><a:srgbClr val="404040"/>' in p
                              for p in points), points[:1]


def test_diff_is_rich_text_with_a_changed_filter(tmp_path, comparison):
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx"), rich_text=True)
    ws = wb["文本差异"]
    h = headers(ws)
    changed = [ws.cell(r, h["是否变化"]).value for r in range(3, ws.max_row + 1)]
    assert changed == ["有变化", "有变化", "有变化", "无变化", "有变化", "有变化", "有变化"]
    rich = ws.cell(4, h["差异（红删绿增）"]).value  # 114 → 121, 8.1% → 3%
    assert isinstance(rich, CellRichText)
    blocks = [b for b in rich if isinstance(b, TextBlock)]
    deleted = "".join(b.text for b in blocks if b.font.strike)
    inserted = "".join(b.text for b in blocks if b.font.b)
    assert "".join(b.text for b in blocks
                   if not b.font.strike) == "国内生产总值达到121万亿元，增长3%。"
    assert "".join(b.text for b in blocks
                   if not b.font.b) == "国内生产总值达到114万亿元，增长8.1%。"
    assert deleted and inserted
    assert all(b.font.color.rgb.endswith("C00000") for b in blocks if b.font.strike)
    assert all(b.font.color.rgb.endswith("00B050") for b in blocks if b.font.b)
    assert ws.cell(6, h["差异（红删绿增）"]).value == "各位代表！"  # unchanged: plain text
    # an added sentence is all insertion, a removed one all deletion: one run, so the cell's
    # own font carries the style (Excel's rich text needs two runs or more)
    added = ws.cell(8, h["差异（红删绿增）"])
    assert added.value == "全面推进乡村振兴，粮食产量保持在1.3万亿斤以上。"
    assert added.font.b and not added.font.strike and added.font.color.rgb.endswith("00B050")
    removed = ws.cell(9, h["差异（红删绿增）"])
    assert removed.value == "推进以人为核心的新型城镇化。"
    assert removed.font.strike and not removed.font.b and removed.font.color.rgb.endswith("C00000")
    assert ws.auto_filter.ref == f"A2:H{ws.max_row}"


def test_evidence_links_to_its_sentence_in_the_diff(tmp_path, comparison):
    # a paragraph of a diffed section, but not among its sentence pairs
    comparison.commitments[4].evidence[0] = ev("s1.2.p3", ["一、", "（二）", "¶3"],
                                               "稳住经济大盘。", 0.4)
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx"))
    ws, diff = wb["举措跟踪"], wb["文本差异"]
    col, at = headers(ws)["最佳证据"], headers(ws)["证据位置"]
    new_col = headers(diff)["本年原文"]
    # the link is on the location (a hyperlink cell prints on one line in LibreOffice); the
    # evidence is plain text, which wraps
    for row, expected in [(3, "粮食产量保持在1.3万亿斤以上"), (4, "深入实施区域协调发展战略")]:
        cell, where = ws.cell(row, col), ws.cell(row, at)
        assert cell.value.startswith("“") and cell.hyperlink is None
        assert where.hyperlink.location.startswith("'文本差异'!A")
        target = int(where.hyperlink.location.rsplit("A", 1)[1])
        assert expected in diff.cell(target, new_col).value
    assert ws.cell(5, at).hyperlink is None and ws.cell(5, col).value is None  # no evidence
    assert ws.cell(6, at).hyperlink is None  # section s9 is not in the diff
    assert ws.cell(7, at).hyperlink is None and ws.cell(7, col).value == "“稳住经济大盘。”"
    assert wb["问题整改"].cell(3, headers(wb["问题整改"])["证据位置"]).hyperlink is not None


def test_summary_counts_chart_links_and_version(tmp_path, comparison):
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx",
                                               origin={"store": "reports", "old": "a.yaml",
                                                       "new": Path("b.yaml")}))
    ws = wb["概览"]
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row
             if c.value is not None}
    rows = {v: r for (r, col), v in cells.items() if col == 1}
    assert cells[(rows["标题"], 2)] == "2022年国务院政府工作报告"
    assert cells[(rows["报告年度"], 3)] == 2023
    assert cells[(rows["报告"], 2)] == "2022年国务院政府工作报告"  # the title names region and year
    assert cells[(rows["来源文件"], 2)] == "a.yaml" and cells[(rows["来源文件"], 3)] == "b.yaml"
    assert cells[(rows["已落实"], 2)] == 2 and cells[(rows["已落实"], 3)] == pytest.approx(0.4)
    assert ws.cell(rows["已落实"], 3).number_format == "0.0%"
    assert cells[(rows["未报告"], 2)] == 1 and cells[(rows["仍存在"], 2)] == 1
    assert cells[(rows["工具版本"], 2)] == compare.__version__
    assert cells[(rows["报告库"], 2)] == "reports"
    assert "2023年报告未给出能耗强度数据" in cells.values()
    links = {c.value: c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
    assert links == {name: f"'{name}'!A1" for name in ZH[1:8]}
    assert len(ws._charts) == 3


@pytest.mark.parametrize("lang, title, names", [
    ("zh", "政府工作报告", ("国务院2022年政府工作报告", "国务院2023年政府工作报告")),
    ("zh", "", ("国务院2022年政府工作报告", "国务院2023年政府工作报告")),
    ("en", "2022年国务院政府工作报告", ("国务院 government work report 2022",
                                  "国务院 government work report 2023"))])
def test_the_printed_summary_names_the_reports_not_the_store_files(tmp_path, comparison, lang,
                                                                     title, names):
    """Review 2026-12-05 (海拉尔区): a 领导 reading the printed 概览 read
    reports/2018/呼伦贝尔市海拉尔区-gov-work-report.yaml. Its first row names each report as people
    do (region, year, title or kind, as the sheets' titles do); the store and its files stay on
    the sheet, below the print area, for a reviewer on screen."""
    comparison.old.title = comparison.new.title = title
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx", lang=lang,
                                               origin={"store": "reports", "old": "r/a.yaml",
                                                       "new": "r/b.yaml"}))
    ws = wb[{"zh": "概览", "en": "Summary"}[lang]]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    report, source, store, version = ({"zh": ("报告", "来源文件", "报告库", "工具版本"),
                                       "en": ("Report", "Source file", "Report store",
                                              "Tool version")}[lang])
    assert (ws.cell(rows[report], 2).value, ws.cell(rows[report], 3).value) == names
    assert rows[report] == 4   # first below the header
    assert (ws.cell(rows[source], 2).value, ws.cell(rows[source], 3).value) == ("r/a.yaml",
                                                                              "r/b.yaml")
    area = ws.print_area.split("!")[1].replace("$", "")
    last_row = int(re.sub(r"^.*:[A-Z]+", "", area))
    # the versions and warnings are printed, the store's paths are not
    assert rows[version] <= last_row < rows[store] < rows[source]
    assert not any("yaml" in str(c.value) for row in ws.iter_rows(max_row=last_row) for c in row)
    assert "2023年报告未给出能耗强度数据" in [ws.cell(r, 2).value for r in range(1, last_row + 1)]


def test_provenance_sheet(tmp_path, comparison):
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx", lang="en",
                                               origin={"store": "reports", "old": "a.yaml",
                                                       "new": "b.yaml", "region": "ignored"}))
    info = {k: v for k, v in wb["_yoy"].iter_rows(min_row=2, values_only=True)}
    assert info["region"] == "国务院" and info["kind"] == "gov-work-report"
    assert (info["old_year"], info["new_year"]) == (2022, 2023)
    assert info["store"] == "reports" and info["old"] == "a.yaml" and info["new"] == "b.yaml"
    assert info["lang"] == "en" and info["engine_version"] == "0.1.0"
    assert info["tool_version"] == compare.__version__


def test_headings_replace_ids_when_given(tmp_path, comparison):
    src = Source(sha256="0" * 64)
    report = Report(kind="gov-work-report", region="国务院", year=2022, review_year=2021,
                    plan_year=2022,
                    title="t", source=src, sections=[
                        Section(id="s1", label="一、", level=1, heading="过去一年工作回顾"),
                        Section(id="s3", label="三、", level=1,
                                heading="2022年政府工作任务", children=[
                            Section(id="s3.2", label="（二）", level=2, heading="扩大国内需求")])])
    h = report.headings()
    assert h["s3.2"] == ("三、（二）", "扩大国内需求")
    with_h = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "h.xlsx",
                                                   headings=(h, h)))
    without = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "n.xlsx"))
    ws = with_h["章节对照"]
    assert [ws.cell(5, c).value for c in range(2, 6)] == ["s3.2", "三、（二）扩大国内需求", "s3.2",
                                                          "三、（二）扩大国内需求"]
    assert without["章节对照"].cell(5, 3).value == "s3.2"
    assert ws.cell(7, 4).value is None and ws.cell(7, 7).value == "删除"  # removed: no new section
    assert with_h["举措跟踪"].cell(
        3, headers(with_h["举措跟踪"])["所在章节"]).value == "三、（二）扩大国内需求"
    assert with_h["文本差异"].cell(3, 2).value == "一、过去一年工作回顾"


def test_text_is_never_a_formula(tmp_path, comparison):
    evil = '=HYPERLINK("http://x","y")'
    comparison.commitments[0].text = evil
    comparison.shortcomings[0].text = "@SUM(1+1)"
    comparison.targets[0].indicator = "#N/A"
    comparison.commitments[1].text = "控制字符\x07被删除"
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx"))
    cell = wb["举措跟踪"].cell(3, headers(wb["举措跟踪"])["举措内容"])
    assert cell.data_type == "s" and cell.value == evil and cell.quotePrefix
    assert wb["举措跟踪"].cell(4, headers(wb["举措跟踪"])["举措内容"]).value == "控制字符被删除"
    assert wb["问题整改"].cell(3, headers(wb["问题整改"])["问题表述"]).value == "@SUM(1+1)"
    indicator = wb["目标"].cell(3, headers(wb["目标"])["指标"])
    assert indicator.data_type == "s" and indicator.value == "#N/A"


def _fail_building(monkeypatch):
    # half-way through packing the final zip: after five of its members
    written = []
    real = zipfile.ZipFile.writestr

    def failing(self, member, data, *args, **kwargs):
        if isinstance(member, zipfile.ZipInfo):
            written.append(member)
            if len(written) > 5:
                raise MemoryError("half-way")
        return real(self, member, data, *args, **kwargs)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing)


def _fail_replacing(monkeypatch):
    # the new file is complete beside the old one, but cannot take its place
    def failing(src, dst):
        assert Path(src).stat().st_size > 0
        raise PermissionError(13, "Permission denied")  # as Windows does while Excel has it open
    monkeypatch.setattr(os, "replace", failing)


@pytest.mark.parametrize("fail, error, match", [(_fail_building, MemoryError, "half-way"),
                                                (_fail_replacing, YoyError,
                                                 "open in another program")])
def test_a_failed_write_leaves_the_previous_workbook(tmp_path, comparison, monkeypatch, fail,
                                                     error, match):
    path = write_workbook(comparison, tmp_path / "w.xlsx")
    before = path.read_bytes()
    fail(monkeypatch)
    comparison.commitments[0].text = "changed"
    with pytest.raises(error, match=match):
        write_workbook(comparison, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.xlsx"]


def test_same_comparison_same_bytes(tmp_path, comparison):
    a = write_workbook(comparison, tmp_path / "a.xlsx").read_bytes()
    b = write_workbook(comparison, tmp_path / "b.xlsx").read_bytes()
    assert hashlib.sha256(a).hexdigest() == hashlib.sha256(b).hexdigest()
    # and in another process with other hash seeds (set and dict orders)
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from tests.workbook.test_export import "
            "make_comparison; from compare.workbook.ledger import write_workbook; "
            "write_workbook(make_comparison(), sys.argv[1])")
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.xlsx"
        subprocess.run([sys.executable, "-c", code, str(out), str(ROOT)], check=True,
                       cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed})
        assert out.read_bytes() == a


def _template(tmp_path: Path, edit) -> Path:
    data = yaml.safe_load((ROOT / "templates" / "workbook.yaml").read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / "tpl").mkdir(exist_ok=True)
    (tmp_path / "tpl" / "workbook.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                    encoding="utf-8")
    return tmp_path / "tpl"


def test_restyle_from_the_template(tmp_path, comparison):
    def edit(d):
        d["font"]["name"] = "Noto Sans CJK SC"
        d["sheets"]["commitments"]["zh"] = (
            "承诺[跟踪]:2022/2023年度政府工作报告重点任务落实情况一览表")
        d["sheets"]["commitments"]["columns"] = [c for c in d["sheets"]["commitments"]["columns"]
                                                 if c["key"] != "score"]
        next(c for c in d["sheets"]["commitments"]["columns"]
             if c["key"] == "more_evidence")["hidden"] = (True)
    tpl = _template(tmp_path, edit)
    wb = openpyxl.load_workbook(write_workbook(comparison, tmp_path / "w.xlsx", templates=tpl))
    name = wb.sheetnames[1]
    assert len(name) == 31 and not set("[]:*?/\\") & set(name) and name.startswith(
        "承诺_跟踪__2022_2023")
    assert wb[name]["C3"].font.name == "Noto Sans CJK SC"
    h = headers(wb[name])
    assert "得分" not in h
    hidden = openpyxl.utils.get_column_letter(h["其他证据"])
    shown = openpyxl.utils.get_column_letter(h["证据位置"])
    assert wb[name].column_dimensions[hidden].hidden and not wb[name].column_dimensions[
        shown].hidden
    # the legend leaves out what is hidden
    assert "其他证据" not in [c.value for c in wb["说明"]["A"]]


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["palette"]["good"].update(fill="green"), "palette.good.fill"),
    (lambda d: d["vocab"]["commitment"].pop("partial"), "vocab.commitment lacks partial"),
    (lambda d: d["vocab"]["review_commitment"]["to_verify"].update(zh="待,核实"), "dropdown"),
    (lambda d: d["sheets"]["targets"]["columns"].append({"key": "nope", "zh": "x", "en": "x"}),
     "unknown column 'nope'"),
    (lambda d: d["sheets"]["metrics"].update(zh="目标"), "sheet names must differ"),
    (lambda d: d["labels"]["invalid_title"].update(en="Please choose one of the statuses listed"),
     "labels.invalid_title: Excel allows at most 32"),
    (lambda d: d["vocab"]["review_target"].update({f"k{i}": {"zh": "状态" * 10, "en": "x"}
                                                   for i in range(12)}),
     "dropdown labels exceed"),
    # closed vocabularies and no unknown keys: a typo is named, not ignored
    (lambda d: d.update(fonts=dict(d["font"])), "fonts: Extra inputs are not permitted"),
    (lambda d: d["diff"].update(remove=dict(d["diff"]["delete"])), "diff.remove"),
    (lambda d: d["page"].update(orientation="sideways"), "page.orientation"),
    (lambda d: d["periods"].update(week=[dict(t) for t in d["periods"]["half"]]), "periods.week"),
    (lambda d: d["sheets"]["targets"]["columns"][0].update(vocab="verdicts"),
     "unknown vocab 'verdicts'"),
])
def test_template_mistakes_are_user_errors(tmp_path, comparison, edit, message):
    with pytest.raises(YoyError, match=message):
        write_workbook(comparison, tmp_path / "w.xlsx", templates=_template(tmp_path, edit))


def _ledger_2021_2022(tmp_path, state_council):
    """The comparison of 国务院 2021→2022, its workbook, 举措跟踪 and that sheet's headers."""
    from compare.engine import compare_reports
    cmp = compare_reports(state_council[2021], state_council[2022])
    wb = openpyxl.load_workbook(write_workbook(cmp, tmp_path / "l.xlsx",
                                               headings=(state_council[2021].headings(),
                                                         state_council[2022].headings())))
    return cmp, wb, wb["举措跟踪"], headers(wb["举措跟踪"])


def test_ledger_rows_are_measures_grouped_under_their_section(tmp_path, state_council):
    """The 台账 of a real pair: a bold roll-up row per plan section (no ID, so no review), its
    measures grouped under it at outline level 1 with the planned figure and the citation."""
    cmp, wb, ws, h = _ledger_2021_2022(tmp_path, state_council)
    rows = list(ws.iter_rows(min_row=3))
    rollups = [r for r in rows if r[h["ID"] - 1].value is None]
    measures = [r for r in rows if r[h["ID"] - 1].value is not None]
    assert len(rollups) == len(cmp.plan_sections) and len(measures) == len(cmp.commitments)
    # bold (an empty cell takes the row's look: a bordered sheet does not write it)
    assert all(r[h["所在章节"] - 1].font.b and ws.row_dimensions[r[0].row].outline_level == 0
               for r in rollups)
    assert all(ws.row_dimensions[r[0].row].outline_level == 1 for r in measures)
    # the first roll-up: 三、（一） with its measures' statuses counted
    first = next(s for s in cmp.plan_sections if s.section_id == "s3.1")
    row = next(r for r in rollups
               if r[h["所在章节"] - 1].value.startswith("三、（一）保持宏观政策"))
    assert row[h["自动判定"] - 1].value == {"delivered": "已落实", "partial": "部分落实",
                                        "not_reported": "未见报告"}[first.status]
    assert first.status == "partial" and first.counts["delivered"] >= 1 and first.counts[
        "not_reported"] >= 1
    by_id = {r[h["ID"] - 1].value: r for r in measures}
    m = next(c for c in cmp.commitments if c.text == "大型商业银行普惠小微企业贷款增长30%以上")
    cells = by_id[m.commitment_id]
    assert cells[h["计划数"] - 1].value == "30%以上" and cells[h["证据位置"] - 1].value.startswith(
        "2022年报告 一、")


def test_a_section_heading_is_whole_on_its_first_row_and_its_first_clause_below(tmp_path,
                                                                               state_council):
    """Review 2026-12-04: 所在章节, 15 wide, repeated the whole heading on every measure's row and
    set its printed height (six lines under a three-line measure). The bold roll-up row holds the
    heading whole, the measures below it their section's label and first clause; in 文本差异 the
    section's first sentence pair holds it whole, the pairs below the short label."""
    cmp, wb, ws, h = _ledger_2021_2022(tmp_path, state_council)
    rows = [(r[h["ID"] - 1].value, r[h["所在章节"] - 1].value) for r in ws.iter_rows(min_row=3)]
    whole = "三、（一）保持宏观政策连续性稳定性可持续性，促进经济运行在合理区间"
    at = rows.index((None, whole))
    below = rows[at + 1:next(i for i in range(at + 1, len(rows)) if rows[i][0] is None)]
    assert len(below) > 5
    assert {s for _, s in below} == {"三、（一）保持宏观政策连续性稳定性可持续性"}
    diff = [r[1].value for r in wb["文本差异"].iter_rows(min_row=3)]
    # the later report's heading
    first = diff.index("三、（一）着力稳定宏观经济大盘，保持经济运行在合理区间")
    assert diff[first + 1] == "三、（一）着力稳定宏观经济大盘"
    # every row's label is its section's whole heading or that heading's first clause
    heads = {f"{label}{heading}" for label, heading in state_council[2021].headings().values()}
    assert all(s in heads or any(head.startswith(s + "，") for head in heads) for _, s in rows)


def test_rows_are_fitted_as_a_spreadsheet_wraps_them():
    """Review 2026-12-04: printed rows were 1.7× as tall as their text, a CJK character counted
    2.1 digits wide. Excel with Microsoft YaHei 10 draws it 13 px against 7-px digits, 15 to a line
    29 wide (LibreOffice with DejaVu's digits, 18): the rows are fitted to Excel's, never cut."""
    from compare.workbook.cells import wrapped_lines
    from compare.workbook.template import load_template
    units = load_template().page.char_units

    def lines(text: str, width: float) -> int:
        return wrapped_lines(text, width, units)

    assert lines("国" * 15, 29) == 1 and lines("国" * 16, 29) == 2
    assert lines("国" * 7, 15) == 1 and lines("国" * 8, 15) == 2
    assert lines("2" * 28, 29) == 1 and lines("2" * 29, 29) == 2  # a digit: the unit
    assert lines("a" * 25, 29) == 1 and lines("a" * 26, 29) == 2  # a letter: a little more
    # a closing mark never starts a line: it takes the character before it along
    assert lines("国" * 14 + "，", 29) == 1
    assert lines("国" * 15 + "，" + "国" * 14, 29) == 3


def test_no_page_prints_a_date_in_the_printing_machines_form(tmp_path, comparison,
                                                              state_council):
    """Review 2026-12-04: the footer's &D printed 12/04/2026 (the machine's locale; no code sets
    its form), and yoy writes no date of its own into a file (same input, same bytes)."""
    from compare.workbook.plansheet import write_plan_sheet
    for book in (write_workbook(comparison, tmp_path / "w.xlsx"),
                 write_plan_sheet(state_council[2021], tmp_path / "plan.xlsx")):
        with zipfile.ZipFile(book) as zf:
            sheets = [zf.read(n).decode() for n in zf.namelist()
                      if n.startswith("xl/worksheets/sheet")]
        footers = [f for x in sheets for f in re.findall(r"<oddFooter>(.*?)</oddFooter>", x)]
        assert footers and all("&amp;P" in f for f in footers)
        assert not any(re.search(r"&amp;D", x) for x in sheets), book


def test_a_roll_up_row_keeps_its_look_on_a_sheet_without_borders(tmp_path, state_council):
    """A template whose ledger has no borders (the shipped one has them): a roll-up row's empty
    cells are written in its look, not left out, so that the whole row stays bold."""
    from compare.engine import compare_reports
    cmp = compare_reports(state_council[2021], state_council[2022])
    tpl = _template(tmp_path, lambda d: d["sheets"]["commitments"].update(border=False))
    ws = openpyxl.load_workbook(write_workbook(cmp, tmp_path / "l.xlsx", templates=tpl))["举措跟踪"]
    h = headers(ws)
    rollups = [r for r in ws.iter_rows(min_row=3) if r[h["ID"] - 1].value is None]
    empty = [c for r in rollups for c in r if c.value is None]
    assert rollups and empty and all(c.font.b for c in empty)


def test_the_worksheet_writes_its_cells_as_xlsxwriters_own_does():
    """The sheets' worksheet writes a text, rich-text or number cell's element whole, unescaped
    (sheets._worksheet): the same bytes as XlsxWriter's worksheet, for every kind of cell."""
    import io
    import zipfile
    from datetime import datetime

    import xlsxwriter

    from compare.workbook.sheets import _worksheet

    def written(worksheet_class):
        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True})
        wb.set_properties({"created": datetime(2000, 1, 1)})
        ws = wb.add_worksheet("表", worksheet_class=worksheet_class)
        bold, plain = wb.add_format({"bold": True}), wb.add_format({"num_format": "0.0%"})
        ws.set_row(3, None, bold)
        ws.set_column(1, 1, 10, plain)
        for row, fmt in enumerate((bold, plain, None, None)):
            ws.write_string(row, 0, 'A & <b> "q"\n', fmt)
            ws.write_number(row, 1, 1 / 3, fmt)
            ws.write_number(row, 2, 12345678901234567890, fmt)
            ws.write_rich_string(row, 3, "普通", bold, "加粗", *[fmt] if fmt else [])
            ws.write_blank(row, 4, None, fmt)
            ws.write_formula(row, 5, "=B1*2", fmt, 0.5)
            ws.write_datetime(row, 6, datetime(2023, 3, 5), fmt)
            ws.write_boolean(row, 7, True, fmt)
        wb.close()
        with zipfile.ZipFile(buf) as zf:
            return zf.read("xl/worksheets/sheet1.xml")

    from xlsxwriter.worksheet import Worksheet
    assert written(_worksheet()) == written(Worksheet)


def test_a_targets_notes_and_panel_name_its_indicators_as_its_clause_does(tmp_path):
    """广东省 2025's targets name 地区生产总值 and 地方一般公共预算收入 where the template keys
    国内生产总值 and 一般公共预算收入: a UA reviewer read 居民人均可支配收入 4.3 against
    国内生产总值 3.9 in the English hint. The note names them as the clause does (Kind.named,
    as 目标's indicator column), and the panel gives that name beside the key
    (`indicator_named`)."""
    from compare.engine import compare_reports
    from compare.ingest import ingest_text
    from compare.kinds import load_kind
    from compare.views import _panel_rows
    from compare.workbook.template import load_template

    def report(year: int, *lines: str):
        return ingest_text("\n".join(["政府工作报告",
                                      f"——{year}年1月20日在广东省第十四届人民代表大会上", *lines,
                                      f"三、{year}年工作安排", "（一）扩大内需。"]))
    old = report(2025, "一、2024年工作回顾", "过去一年，地区生产总值增长3.5%。",
                 "二、2025年工作安排",
                 "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；地方一般公共预算收入增长3%；"
                 "居民人均可支配收入增长与经济增长同步。")
    new = report(2026, "一、2025年工作回顾", "地区生产总值增长3.9%、总量连续37年居全国首位。"
                 "地方一般公共预算收入增长3%。居民人均可支配收入提高到5.4万元、增长4.3%。")
    cmp = compare_reports(old, new)
    ws = openpyxl.load_workbook(write_workbook(cmp, tmp_path / "en.xlsx", lang="en"))["Targets"]
    h = headers(ws)
    notes = [ws.cell(r, h["Check note"]).value for r in range(3, ws.max_row + 1)]
    assert "居民人均可支配收入 4.3 against 经济增长 3.9" in notes, notes
    rows = _panel_rows(cmp, None, new, load_template(None), load_kind("gov-work-report"))
    assert {(r["indicator"], r["indicator_named"]) for r in rows if r["row"] == "target"} >= {
        ("国内生产总值", "地区生产总值"), ("一般公共预算收入", "地方一般公共预算收入")}
