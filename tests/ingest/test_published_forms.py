"""A report read from the forms it is published in — an old table-layout page, a page under a
portal's top bar, a Word file with its targets as a table, a saved web archive — is the report its
text gives (the user-acceptance review of 2026-12-05: tests/data/forms-web-word/README.md)."""
import warnings

import pytest

from compare.errors import YoyError, YoyWarning
from compare.ingest import ingest_file, ingest_text
from compare.jobs.ingest_file import ingest_and_store
from tests.support import DATA, local2

FORMS = DATA / "forms-web-word"


def flat(sections):
    return [(s.label, s.heading, s.role, *flat(s.children)) for s in sections]


def counted(report):
    """What the review counted a form right on: region, year, outline with roles, measures,
    targets, problems."""
    return (report.region, report.year, flat(report.sections),
            [c.text for c in report.commitments], [t.text for t in report.targets],
            [s.text for s in report.shortcomings])


def read(path, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", YoyWarning)
        report = ingest_file(path, **options)
    return report, [str(w.message) for w in caught if issubclass(w.category, YoyWarning)]


@pytest.fixture(scope="module")
def texts():
    return {unit: ingest_file(local2(unit, 2022)) for unit in ("涞源县", "阜平县")}


def test_a_table_layout_page_is_read_as_its_text(texts):
    """The old 政务公开 template (GB2312, the report in one <td>, lines split by <br>): 0 sections
    and 445 "shortcomings" when its lines were one; the delivery date the body prints, not the
    page's 发布时间 (2022-01-29); the site's top bar and left column kept out of the report."""
    report, said = read(FORMS / "涞源县-2022-gbk.html")
    assert counted(report) == counted(texts["涞源县"])
    assert (report.published, report.title) == ("2022-01-27", "涞源县2022年政府工作报告")
    assert not any(chrome in line for line in report.preamble
                   for chrome in ("无障碍", "政府信息公开指南", "发布时间"))
    assert not [s for s in said if " in no row" not in s]


def test_a_portals_top_bar_does_not_name_the_region(texts):
    """A portal's bar linking its counties (涞源县人民政府 阜平县人民政府 | 无障碍 …) above the
    page's <h1> 阜平县2022年政府工作报告: stored as 涞源县 when the bar was read as the line above
    the body's bare 政府工作报告; the <h1> is the report's title."""
    report, said = read(FORMS / "阜平县-2022.html")
    assert counted(report) == counted(texts["阜平县"])
    assert report.title == "阜平县2022年政府工作报告"
    assert not any("无障碍" in line for line in report.preamble)
    assert not [s for s in said if " in no row" not in s]


BAR = "涞源县人民政府 阜平县人民政府 | 无障碍"
BODY = """政府工作报告
{delivery}各位代表：
一、2021年工作回顾
2021年，我们完成了很多工作，地区生产总值增长8%。
二、2022年工作安排
2022年，我们要抓好项目建设，推进乡村振兴，加快城市更新。
"""


@pytest.mark.parametrize("delivery, region", [
    ("——2022年1月27日在阜平县第十八届人民代表大会第二次会议上\n", "阜平县"),
    ("", "涞源县")])
def test_a_line_naming_several_regions_is_said(delivery, region):
    """The same bar copied into a text above its title: it decides the region only when no other
    line names one, and a warning says what each line names and which was taken."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", YoyWarning)
        report = ingest_text(f"{BAR}\n" + BODY.format(delivery=delivery), where="r.txt")
    assert report.region == region
    [message] = [str(w.message) for w in caught if "names" in str(w.message)]
    other = "涞源县" if region == "阜平县" else "阜平县"
    assert message.startswith(f"r.txt: the text names {region} (")
    assert f"and {other} (the line above its title): stored as {region}; pass --region" in message


def test_targets_printed_as_a_word_table(texts):
    """主要预期目标 as a two-column table (指标 | 预期目标): 12 targets for 7 when its rows ran into
    each other and into the next paragraph; now its rows, the header row none of them, and nothing
    after the table."""
    report, _ = read(FORMS / "涞源县-2022-table.docx")
    assert [t.text for t in report.targets] == [t.text for t in texts["涞源县"].targets]
    assert [t.indicator for t in report.targets][:2] == ["国内生产总值", "一般公共预算收入"]
    assert counted(report) == counted(texts["涞源县"])


def test_a_table_row_stands_alone():
    """A row never joins the line before or after it (a wrapped line of text would), and keeps its
    cells apart; a tab that only indents a line makes no row."""
    from compare.text import paragraphs
    assert paragraphs("主要预期目标是：\n指标\t预期目标\n地区生产总值\t增长8%以上\n"
                      "具体工作中，我们要抢抓机遇求突破，把握政策开新局，全力以赴\n抓投资。") == [
        "主要预期目标是：", "指标\t预期目标", "地区生产总值\t增长8%以上",
        "具体工作中，我们要抢抓机遇求突破，把握政策开新局，全力以赴抓投资。"]
    indented = "\t现在，我代表县人民政府向大会报告工作，请予审议，并\n请县政协委员提出意见。"
    assert paragraphs(indented) == [
        "现在，我代表县人民政府向大会报告工作，请予审议，并请县政协委员提出意见。"]


@pytest.mark.parametrize("first, taken", [
    ("指标\t2022年预期目标", ["地区生产总值增长8%以上", "能耗强度下降3%"]),
    # a first row naming an indicator is a target, not the header
    ("一般公共预算收入\t增长6%",
     ["一般公共预算收入增长6%", "地区生产总值增长8%以上", "能耗强度下降3%"])])
def test_a_target_tables_header_row(first, taken):
    text = ("2022年政府工作报告\n一、2021年工作回顾\n2021年，地区生产总值增长7%。\n"
            "二、2022年工作安排\n今年经济社会发展的主要预期目标是：\n" + first +
            "\n地区生产总值\t增长8%以上\n能耗强度\t下降3%\n我们要抢抓机遇求突破，把握政策开新局。\n")
    report = ingest_text(text, region="某县", where="r.txt")
    assert [t.text for t in report.targets][:len(taken)] == taken
    assert not any("抢抓机遇" in t.text for t in report.targets)


def test_a_web_archive_is_read_as_the_page_it_holds(tmp_path, texts):
    """A page saved as .mhtml: was "cannot tell the report kind", and with the flags its MIME
    headers and base64 stored as the preamble. Its page is read; the archive is the source kept;
    its Content-Location is where it was published."""
    report, path, _ = ingest_and_store(str(FORMS / "涞源县-2022.mhtml"), store=tmp_path)
    assert counted(report) == counted(texts["涞源县"])
    assert report.source.url == "http://www.laiyuan.gov.cn/zwgk/gzbg/3970.html"
    assert report.source.file == "涞源县-gov-work-report.source.mhtml"
    assert path.with_name(report.source.file).read_bytes() == \
        (FORMS / "涞源县-2022.mhtml").read_bytes()
    assert not any("base64" in line or "Content-" in line for line in report.preamble)


def test_a_web_archive_without_a_page_is_refused(tmp_path):
    from tests.test_cli import yoy
    code, _, err = yoy("ingest", FORMS / "涞源县-2022-frame.mhtml", "--store", tmp_path,
                       "--kind", "gov-work-report", "--region", "涞源县", "--year", "2022")
    assert (code, err) == (2, f"yoy: error: {FORMS / '涞源县-2022-frame.mhtml'}: no text found in "
                              "HTML\n")
    assert not any(tmp_path.iterdir())
    images_only = (b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
                   b"Content-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
                   b"--b--\n")
    (tmp_path / "x.mhtml").write_bytes(images_only)
    with pytest.raises(YoyError, match="web archive .* holding no web page"):
        ingest_file(tmp_path / "x.mhtml")


def test_standard_input_has_one_name(tmp_path):
    """Errors reading standard input and errors parsing it name it alike (were `-` and
    `<stdin>`)."""
    from tests.test_cli import yoy
    # (not a broken PDF: PDFium keeps its last error for the next document the process opens)
    unreadable = yoy("ingest", "-", "--store", tmp_path,
                     input=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    regionless = yoy("ingest", "-", "--store", tmp_path, "--kind", "gov-work-report",
                     input=BODY.format(delivery="").replace("政府工作报告", "2022年工作报告")
                     .encode("utf-8"))
    for code, _, err in (unreadable, regionless):
        assert code == 2 and err.startswith("yoy: error: <stdin>: "), err


def page(head: str, foot: str = "") -> bytes:
    body = "".join(f"<p>{line}</p>" for line in BODY.format(delivery="").splitlines())
    return (f"<html><head><meta charset='utf-8'>"
            f"<title>涞源县2022年政府工作报告_涞源县人民政府</title></head><body>"
            f"<div class='top'>{BAR}</div>{head}"
            f"<div class='TRS_Editor'>{body}</div>{foot}</body></html>").encode()


@pytest.mark.parametrize("head, foot", [
    # a site's logo as an <h1> above the article's
    ("<h1>涞源县人民政府</h1><div>首页 政务公开</div><h1>涞源县2022年政府工作报告</h1>", ""),
    # no <h1>: the block the <title> opens with; a line under it naming the site is no heading
    ("<div><font size=5><b>涞源县2022年政府工作报告</b></font></div><div>涞源县</div>", ""),
    # the title printed again below the report (a link to it) opens nothing
    ("<h1>涞源县2022年政府工作报告</h1>", "<div><a>涞源县2022年政府工作报告</a></div>")])
def test_the_articles_heading_opens_the_text(tmp_path, head, foot):
    from compare.ingest.readers import read_source
    (tmp_path / "p.html").write_bytes(page(head, foot))
    got = read_source(str(tmp_path / "p.html"))
    lines = got.text.splitlines()
    assert lines[0] == "涞源县2022年政府工作报告" and "政府工作报告" in lines[1:3]
    assert "2022年，我们要抓好项目建设，推进乡村振兴，加快城市更新。" in lines
    assert BAR in got.page and BAR not in lines


def test_a_cms_title_line_and_info_bar(tmp_path):
    """Another CMS's article head (VERIFY-ua18 N3, 广东省 2023's page): a bare <h1> 政府工作报告,
    the full title in a <p class="title"> below it, and an info bar printing 来源, 发布日期 and the
    font-size links on one line. The full title is the report's, neither title line its text; the
    issuer is the 来源's value alone, not the bar's other fields."""
    trs = ("<div class='article'><h1>政府工作报告</h1>"
           "<p class='title'>2022年阜平县政府工作报告</p><div class='info'>"
           "<span>来源：阜平县人民政府办公室</span> <span>发布日期：2022-01-29</span>"
           " <span>【字体：大 中 小】</span></div>")
    # the body's own bare title line goes: the <h1> is the page's
    html = page(trs).replace("<p>政府工作报告</p>".encode(), b"")
    (tmp_path / "p.html").write_bytes(html)
    report, _ = read(tmp_path / "p.html")
    assert (report.title, report.issuer) == ("2022年阜平县政府工作报告", "阜平县人民政府办公室")
    assert (report.region, report.year, report.published) == ("阜平县", 2022, "2022-01-29")
    assert not any("政府工作报告" in line for line in report.preamble)
