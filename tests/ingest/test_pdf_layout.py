"""What a printed page tells the PDF reader (UA 2026-12-05, a researcher's published forms): a
heading printed at the margin after a full line ending in 。, two columns, a table's rows, the front
matter's lines (a title set large, the delivery line, the speaker's with its typed spaces), a
title that reads as the running header does."""
from __future__ import annotations

import warnings

import pytest

from compare.errors import YoyWarning
from compare.ingest.readers import read_source
from tests.ingest.test_readers import make_pdf, write

# 30 CJK characters a line at 10 pt: a line runs from x 50 to 350
SENTENCE = "全面落实各项工作任务确保取得实效。"


def flowed(text: str, width: int = 30, indent: bool = True) -> list[str]:
    """`text` set in lines of `width` characters, its first line indented two."""
    text = ("\u3000\u3000" if indent else "") + text
    return [text[i:i + width] for i in range(0, len(text), width)]


def paragraph(chars: int) -> str:
    """A paragraph of `chars` characters ending in 。, each opening on other words (PDFium reads
    a line drawn twice at one x once)."""
    start = chars % len(SENTENCE)
    return (SENTENCE * (chars // len(SENTENCE) + 2))[start:start + chars - 1] + "。"


def read(tmp_path, pages) -> list[str]:
    return read_source(write(tmp_path, "report.pdf", make_pdf(pages))).text.splitlines()


def test_a_heading_at_the_margin_after_a_full_line_ending_in_a_full_stop_opens_its_paragraph(
        tmp_path):
    # 阜平县 2021: …切实防范金融风险。 fills its line, 四、全面加强政府自身建设 follows at
    # the margin
    first, second, third = paragraph(58), paragraph(40), paragraph(33)
    lines = [*flowed(first), "四、全面加强政府自身建设", *flowed(second), "（一）坚持依法行政",
             *flowed(third)]
    assert len(flowed(first)[-1]) == 30  # the paragraph's last line is full
    assert read(tmp_path, [lines]) == [first, "四、全面加强政府自身建设", second,
                                       "（一）坚持依法行政", third]


def test_an_item_label_at_the_start_of_a_wrapped_line_still_continues_it(tmp_path):
    # 三是 opens no paragraph: a wrap may fall before it after any 。
    first = paragraph(28) + "三是" + paragraph(30)
    lines = [*flowed(first), *flowed(paragraph(40)), *flowed(paragraph(50)),
             *flowed(paragraph(45))]
    assert read(tmp_path, [lines])[0] == first


def test_two_columns_are_read_down_the_left_one_then_the_right(tmp_path):
    # a delivery line across the page, then 20-character lines in two columns (x 50 and 270)
    delivery = "——2022年1月27日在县十七届人民代表大会第二次会议上"
    pars = [paragraph(198), paragraph(98), paragraph(178), paragraph(96)]
    left = flowed(pars[0], 20) + flowed(pars[1], 20)
    right = flowed(pars[2], 20) + flowed(pars[3], 20)
    rows = [[(50, a), (270, b)] for a, b in zip(left, right, strict=False)]
    rows += [[(50, a)] for a in left[len(right):]]
    assert len(left) > len(right)
    assert read(tmp_path, [[(60, delivery), *rows]]) == [delivery, *pars]


def test_a_left_columns_line_set_wider_stays_in_its_column(tmp_path):
    # VERIFY-ua18 N1 (国务院 2023 in two columns): a left line widened by its digits (…城镇调查失业
    # / 率降到5.5%…) comes to 1.2 font sizes of the right column's line, closer than a gutter;
    # read as one line across the page, it mixed both columns' paragraphs
    pars = [paragraph(198), paragraph(98), paragraph(178), paragraph(96)]
    left = flowed(pars[0], 20) + flowed(pars[1], 20)
    right = flowed(pars[2], 20) + flowed(pars[3], 20)
    left[3], left[4] = left[3] + left[4][0], left[4][1:]  # 21 characters: to x 260
    rows = [[(50, a), (272, b)] for a, b in zip(left, right, strict=False)]
    rows += [[(50, a)] for a in left[len(right):]]
    assert read(tmp_path, [[(60, "政府工作报告"), *rows]]) == ["政府工作报告", *pars]


def test_a_table_of_ragged_cells_is_no_pair_of_columns(tmp_path):
    cue = "今年经济社会发展的主要预期目标是："
    cells = [("指标", "预期目标"), ("地区生产总值", "增长8%以上"),
             ("一般公共预算收入", "增长6.5%以上"), ("城乡居民人均可支配收入", "增长8.5%以上")]
    after = paragraph(40)
    lines = [*flowed(paragraph(40)), "\u3000\u3000" + cue,
             *[[(50, a), (200, b)] for a, b in cells], *flowed(after)]
    got = read(tmp_path, [lines])
    assert got[1:7] == [cue, *("\t".join(pair) for pair in cells), after]
    assert not said(tmp_path, [lines])  # its cells are ragged: no columns


def said(tmp_path, pages) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", YoyWarning)
        read(tmp_path, pages)
    return [str(w.message) for w in caught if issubclass(w.category, YoyWarning)]


def test_columns_under_a_tall_title_block_are_said(tmp_path):
    # VERIFY-ua18 N1: a title block of many lines across the page above two columns is more than
    # CROSSING of its rows: the page is read as one column, and said to be perhaps two
    block = [(50, "政府工作报告"), *flowed(paragraph(240), 40)]
    left, right = flowed(paragraph(198), 20), flowed(paragraph(178), 20)
    rows = [[(50, a), (272, b)] for a, b in zip(left, right, strict=False)]
    warned = said(tmp_path, [[*block, *rows], [*rows]])
    assert len(warned) == 1 and "page 1 may be set in two columns" in warned[0]
    # read as columns, or no columns at all: nothing to say
    assert not said(tmp_path, [rows, block])


def test_a_tables_wrapped_cells_are_joined_to_their_row(tmp_path):
    # VERIFY-ua18 N2 (国务院 2023's targets table): a right cell wrapped onto a line of its own
    # (…城镇调查失业 / 率5.5%左右), and a row whose cells both wrapped, the left one filled to 1.5
    # font sizes of the right one (read as one line across both); 5 targets of 13, one cut
    cue = "今年发展主要预期目标是："
    table = [[(50, "指标"), (195, "预期目标")], [(50, "国内生产总值"), (195, "增长5%左右")],
             [(50, "城镇新增就业"), (195, "1200万人左右，城镇调查失业")], (195, "率5.5%左右"),
             [(50, "居民消费价格"), (195, "涨幅3%左右")],
             [(50, "单位国内生产总值能耗和主要"), (195, "继续下降，重点控制化石能源")],
             [(50, "污染物排放量"), (195, "消费，生态环境质量稳定改善")],
             [(50, "粮食产量"), (195, "保持在1.3万亿斤以上")],
             (150, "注：以上为预期性指标")]  # centred under the table: no cell's
    after = paragraph(40)
    got = read(tmp_path, [[*flowed(paragraph(40)), "\u3000\u3000" + cue, *table,
                           *flowed(after)]])
    assert got[1:] == [cue, "指标\t预期目标", "国内生产总值\t增长5%左右",
                       "城镇新增就业\t1200万人左右，城镇调查失业率5.5%左右",
                       "居民消费价格\t涨幅3%左右",
                       "单位国内生产总值能耗和主要污染物排放量\t"
                       "继续下降，重点控制化石能源消费，生态环境质量稳定改善",
                       "粮食产量\t保持在1.3万亿斤以上", "注：以上为预期性指标", after]


def test_a_page_of_table_rows_is_read_row_by_row(tmp_path):
    # an annex set as a table (序号 | 事项): nothing crosses between its cells, but its left cells
    # end far from its right ones
    cells = [("序号", "民生实事"), ("第一", "新建改建农村公路一百公里"),
             ("第二", "改造老旧小区十二个"), ("第三", "新增普惠性学位两千个"),
             ("第四", "建设社区养老服务站八个"),
             ("第五", "实施饮水安全巩固提升工程"), ("第六", "完成农村危房改造三百户")]
    lines = [*flowed(paragraph(88)), *[[(50 + 10 * (n % 3), a), (200, b)]
                                       for n, (a, b) in enumerate(cells)]]
    assert read(tmp_path, [lines])[1:] == ["\t".join(pair) for pair in cells]


def test_a_page_of_ragged_table_rows_close_to_their_cells_is_no_pair_of_columns(tmp_path):
    # the left cells end near the right ones (3.5 characters apart at the longest, as close as a
    # gutter) but where their text does: a column's lines end at one edge
    cells = [("指标", "预期目标"), ("地区生产总值", "增长百分之八以上"),
             ("一般公共预算收入", "增长百分之六点五以上"),
             ("城乡居民人均可支配收入", "增长百分之八点五"), ("固定资产投资", "增长百分之八以上"),
             ("能耗及污染物排放约束性指标", "完成市定目标任务"),
             ("社会消费品零售总额", "增长百分之八点五以上")]
    lines = [[(50, a), (215, b)] for a, b in cells]
    assert read(tmp_path, [lines]) == ["\t".join(pair) for pair in cells]


def test_lines_short_of_the_edge_by_a_word_or_a_number_go_on(tmp_path):
    # a left-aligned paragraph wraps a word early (…严厉打击“违规代 / 办”…), and a line before a
    # number or a Latin word that did not fit stops short (…确保年底完成 / HS20、HS40…)
    word = "做优营商环境全力打造成本最低效率最高服务最好营商环境。严厉打击“违规代"
    latin = "加快投资建设国家跳台滑雪训练科研基地二期项目确保年底完成"
    lines = [*flowed(paragraph(70), 40), "\u3000\u3000" + word, "办”“黑中介”等违法违规行为。",
             "\u3000\u3000" + latin, "HS20、HS40、HS75和单板四个跳台建设任务。",
             *flowed(paragraph(90), 40)]
    assert len("\u3000\u3000" + word) == 37 and len("\u3000\u3000" + latin) == 30
    got = read(tmp_path, [lines])
    assert got[1:3] == [word + "办”“黑中介”等违法违规行为。",
                        latin + "HS20、HS40、HS75和单板四个跳台建设任务。"]


def test_a_line_far_short_of_the_edge_ends_its_paragraph_before_a_number(tmp_path):
    # 广东省 2024 printed to PDF: 附件1 alone on its line, the annex's title opening with its year
    # (附件12024年… was read, so the annex was no annex and its ten tasks the plan's sections)
    # paragraphs indented, so a line short of the edge may still go on before a number
    lines = [*flowed(paragraph(70), 40), *flowed(paragraph(50), 40), *flowed(paragraph(66), 40),
             "附件1", "2024年省十件民生实事", *flowed(paragraph(90), 40)]
    got = read(tmp_path, [lines])
    assert got[3:5] == ["附件1", "2024年省十件民生实事"]


def test_a_title_set_large_to_the_edge_stays_apart_from_the_delivery_line(tmp_path):
    body = [*flowed(paragraph(70), 40), *flowed(paragraph(90), 40), *flowed(paragraph(75), 40),
            *flowed(paragraph(50), 40)]
    title = "涞源县二〇二二年政府工作报告全文（摘要）"  # 20 characters of 20 pt: to the edge
    delivery = "——2022年1月27日在县十七届人民代表大会第二次会议上"
    assert read(tmp_path, [[(50, title, 20), delivery, *body]])[:2] == [title, delivery]


def test_front_matter_lines_stay_apart(tmp_path):
    # the reviewer's table.pdf: a title in 20 pt, the delivery and speaker lines at the margin
    # (well short of the edge), the body indented; the speaker's typed spaces kept
    body = [*flowed(paragraph(70), 40), *flowed(paragraph(90), 40)]
    lines = [(50, "政府工作报告", 20), "——2022年1月27日在县十七届人民代表大会第二次会议上",
             "涞源县人民政府县长 王 燕", "\u3000\u3000各位代表：", *body]
    got = read(tmp_path, [lines])
    assert got[:4] == ["政府工作报告", "——2022年1月27日在县十七届人民代表大会第二次会议上",
                       "涞源县人民政府县长 王 燕", "各位代表："]


def test_a_title_that_reads_as_the_running_header_is_kept(tmp_path):
    pages = [["政府工作报告", *([(150, "政府工作报告")] if n == 0 else []),
              *flowed(paragraph(88)), f"— {n + 1} —"] for n in range(3)]
    got = read(tmp_path, pages)
    assert got[0] == "政府工作报告"
    assert sum(line == "政府工作报告" for line in got) == 1


def test_a_gov_work_report_without_a_review_part_is_said(tmp_path):
    from compare.ingest import ingest_text
    from tests.support import local2
    text = local2("涞源县", 2021).read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("一、回顾"))
    with warnings.catch_warnings():
        warnings.simplefilter("error", YoyWarning)
        ingest_text(text, kind="gov-work-report")
    # the heading glued onto the paragraph above it, as the PDF reader once did
    glued = text.replace("\n" + heading, heading)
    with pytest.warns(YoyWarning, match="no review part .* every measure not_reported"):
        ingest_text(glued, kind="gov-work-report")


def printed_as_the_reviewer_did(text: str, path, *, columns: int = 1):
    """`text` as the reviewer's .docx (make_forms.py): the lines above 各位代表 centred, short
    labelled headings in Word's heading styles at the margin, every other paragraph typed with
    two full-width spaces; `columns` 2: the body in a two-column section."""
    import re

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from tests.support import report_lines
    lines = report_lines(text)
    # the body as the reviewer took it from the scraped page: past the summary, before 分享到
    lines = lines[next(i for i, line in enumerate(lines) if line.startswith("内容摘要")) + 2:
                  next(i for i, line in enumerate(lines) if line.startswith("分享到"))]
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(14)
    document.sections[0].header.paragraphs[0].text = "政府工作报告"
    opener = next(i for i, line in enumerate(lines) if line.startswith("各位代表"))
    for line in lines[:opener]:
        document.add_paragraph(line).alignment = 1
    if columns > 1:
        cols = OxmlElement("w:cols")
        cols.set(qn("w:num"), str(columns))
        cols.set(qn("w:space"), "425")
        document.add_section(0)._sectPr.append(cols)
    for line in lines[opener:]:
        if re.match(r"[一二三四五六七八九十]+、", line) and len(line) < 40:
            document.add_paragraph(line, style="Heading 1")
        elif re.match(r"（[一二三四五六七八九十]+）", line) and len(line) < 40:
            document.add_paragraph(line, style="Heading 2")
        else:
            document.add_paragraph("\u3000\u3000" + line)
    document.save(path)
    return path


@pytest.mark.parametrize(("year", "columns"), [(2021, 1), (2022, 2)])
def test_the_reviewers_prints_give_the_texts_report(tmp_path, year, columns):
    """涞源县 2021 lost 一、回顾“十三五”… (printed at the margin after a full line) and with it
    its review part; 涞源县 2022 in two columns was read with its columns interleaved."""
    from compare.jobs.ingest_file import ingest_and_store
    from tests.support import as_pdf, local2, needs_writer
    needs_writer()
    source = local2("涞源县", year)
    text = ingest_and_store(str(source), kind="gov-work-report", store=tmp_path / "a")[0]
    printed = as_pdf([printed_as_the_reviewer_did(source.read_text(encoding="utf-8"),
                                                  tmp_path / "report.docx", columns=columns)],
                     tmp_path)[0]
    pdf = ingest_and_store(str(printed), kind="gov-work-report", region="涞源县", year=year,
                           store=tmp_path / "b")[0]
    assert [(s.label, s.heading, s.role) for s, _ in pdf.walk()] == \
        [(s.label, s.heading, s.role) for s, _ in text.walk()]
    # a space the text typed beside a full-width mark (坚持“四个不摘” （10）) LibreOffice may
    # not print
    assert [c.text.replace(" ", "") for c in pdf.commitments] == \
        [c.text.replace(" ", "") for c in text.commitments]
    assert ([t.text for t in pdf.targets], pdf.issuer, pdf.published) == \
        ([t.text for t in text.targets], text.issuer, text.published)


def test_without_indents_a_heading_alone_after_a_full_line_ending_in_a_full_stop_opens(tmp_path):
    # 阜平县 2022 printed from its text (no indents): …同志提出意见。 fills its line and
    # 2021年主要工作回顾 stands alone after it; a paragraph's last line ends a sentence
    first, second, third = paragraph(60), paragraph(75), paragraph(44)
    lines = [*flowed(first, indent=False), "2021年主要工作回顾", *flowed(second, indent=False),
             "名词解释", *flowed(third, indent=False)]
    assert len(flowed(first, indent=False)[-1]) == 30
    assert read(tmp_path, [lines]) == [first, "2021年主要工作回顾", second, "名词解释", third]


def test_without_indents_a_footnote_mark_at_a_wrap_opens_no_paragraph(tmp_path):
    # 涞源县 2022: …巩固“两不愁三保障”成果 / （10），保持政策连续性…: a reference, not a label;
    # …落实“十个一”要求 / （11），开展…: a line short by the mark that did not fit goes on
    first = "坚持“四个不摘”" + paragraph(23)[:-1] + "（10），" + paragraph(40)
    short = paragraph(25)[:-1] + "要求"  # 26 characters: four short of the edge
    second = short + "（11），" + paragraph(40)
    lines = [*flowed(first, indent=False), short, *flowed(second[len(short):], indent=False),
             *flowed(paragraph(50), indent=False)]
    assert len(flowed(first, indent=False)[0]) == 30
    got = read(tmp_path, [lines])
    assert got[:2] == [first, second]


def test_plain_text_printouts_without_indents_give_the_texts_report(tmp_path):
    """阜平县 2020–2022 printed from their text by LibreOffice (no indents, as the 督查室 did, UA
    2026-12-05): 2021年主要工作回顾 and 名词解释 were glued to the full line before, so 2020's and
    2022's review parts were lost and 2021's glossary became 73 measures. Now the same sections,
    targets and problems; every measure of the text is one of the PDF's, which has at most four
    more (a paragraph ending after 。 at the margin is glued to the next, whose heading sentence
    becomes a row: the known cost of a text layer without indents)."""
    import shutil

    from compare.jobs.ingest_file import ingest_and_store
    from tests.support import as_pdf, local2, needs_writer
    needs_writer()
    years = (2020, 2021, 2022)
    texts = []
    for year in years:
        texts.append(tmp_path / f"阜平县-{year}.txt")
        shutil.copy(local2("阜平县", year), texts[-1])
    for year, txt, pdf_file in zip(years, texts, as_pdf(texts, tmp_path), strict=True):
        text = ingest_and_store(str(txt), kind="gov-work-report", store=tmp_path / "a")[0]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", YoyWarning)
            pdf = ingest_and_store(str(pdf_file), kind="gov-work-report", region="阜平县",
                                   year=year, store=tmp_path / "b")[0]
        # no warning but the one the text gives too (its tasks in no row, ingest._unread)
        assert not [w for w in caught if " in no row" not in str(w.message)], year
        assert [(s.label, s.heading, s.role) for s, _ in pdf.walk()] == \
            [(s.label, s.heading, s.role) for s, _ in text.walk()], year
        assert (pdf.targets, pdf.shortcomings) == (text.targets, text.shortcomings), year
        rows, printed = [c.text for c in text.commitments], [c.text for c in pdf.commitments]
        assert set(rows) <= set(printed) and len(printed) - len(rows) <= 4, year


def test_without_indents_an_item_label_at_a_wrap_continues_the_paragraph(tmp_path):
    # 阜平县 2020's problems: …还存在差距。 fills its line, 二是落实省委… goes on the paragraph
    # (over the corpus three in four 二是… do)
    first = paragraph(30) + "二是" + paragraph(40)
    lines = [*flowed(first, indent=False), *flowed(paragraph(50), indent=False),
             *flowed(paragraph(45), indent=False)]
    assert read(tmp_path, [lines])[0] == first
