"""Every shipped report read from its .docx, a LibreOffice PDF of that and a government web page
gives the report its text gives: the same sections, measures, problems and targets, and the same
title, region, year, date and issuer (the formats are made once a session:
conftest.other_formats)."""
import pytest

from compare.jobs.ingest_file import ingest_and_store
from tests.support import needs_writer, shipped_files

SOURCES = [p for p in shipped_files() if ".source." in p.name]
# the preamble too: a page's date-and-source line is not part of it
PARTS = ("preamble", "sections", "commitments", "targets", "shortcomings")


def kind_of(source) -> str:
    return "fazhi" if "fazhi" in source.name else "gov-work-report"


@pytest.fixture(scope="module")
def from_text(other_formats, tmp_path_factory):
    store = tmp_path_factory.mktemp("text-store")
    return {src: ingest_and_store(str(files["txt"]), kind=kind_of(src), store=store)[0]
            for src, files in other_formats.items()}


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.name}-{p.name.split('.')[0]}")
def test_every_format_gives_the_texts_report(other_formats, from_text, tmp_path, source, fmt):
    text = from_text[source]
    report, _, _ = ingest_and_store(str(other_formats[source][fmt]), kind=kind_of(source),
                                    store=tmp_path)
    for part in PARTS:
        assert getattr(report, part) == getattr(text, part), part
    assert (report.region, report.year, report.title, report.published, report.issuer) == \
        (text.region, text.year, text.title, text.published, text.issuer)


def test_a_pdf_printed_from_the_plain_text_keeps_its_problem_lists(tmp_path):
    """国务院 2022's text printed by LibreOffice has no indents: a full line ending in 。 is taken
    as a wrap, so no list of problems or targets is cut where a line happens to end after 。
    (19 of its 22 problems were found when it was)."""
    import shutil
    import subprocess
    needs_writer()
    source = next(p for p in SOURCES if p.parent.name == "2022" and p.name.startswith("国务院"))
    shutil.copy(source, tmp_path / "report.txt")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "report.txt")], check=True,
                   capture_output=True, timeout=300)
    text = ingest_and_store(str(tmp_path / "report.txt"), kind="gov-work-report",
                            store=tmp_path / "a")[0]
    pdf = ingest_and_store(str(tmp_path / "report.pdf"), kind="gov-work-report",
                           store=tmp_path / "b")[0]
    assert len(text.shortcomings) == 22
    assert (pdf.shortcomings, pdf.targets) == (text.shortcomings, text.targets)
    # every row of the text is a row of the PDF; where a paragraph ended at the right margin after
    # 。 it is glued to the next, whose heading sentence (加大企业创新激励力度。) then opens no
    # paragraph and is a row of its own: 2 of 232 rows, the known cost of reading plain printouts
    rows, printed = [c.text for c in text.commitments], [c.text for c in pdf.commitments]
    assert set(rows) <= set(printed) and len(printed) - len(rows) <= 3


@pytest.mark.parametrize("layout", ["article", "table"])
def test_other_page_layouts(tmp_path, layout):
    """The report in an article container, or in one table cell whose
    paragraphs trafilatura joins."""
    from compare.ingest import ingest_text
    from tests.support import as_web_page, sc
    text = sc(2022).read_text(encoding="utf-8")
    report = ingest_text(text, kind="gov-work-report")
    page = tmp_path / "report.html"
    page.write_text(as_web_page(text, report.title, report.published, report.issuer, layout=layout),
                    encoding="utf-8")
    got = ingest_and_store(str(page), kind="gov-work-report", store=tmp_path)[0]
    assert [getattr(got, p) for p in PARTS] == [getattr(report, p) for p in PARTS]


def test_a_page_carrying_the_report_twice_is_read_once_with_a_warning(tmp_path):
    """A portal's page with the report and its print view, as a web page and as the text copied from
    it: 493 measures, not 986, and for the copied text a warning saying what was dropped."""
    import re

    from compare.errors import YoyWarning
    from compare.ingest import ingest_text
    from tests.support import as_web_page, sc
    text = sc(2022).read_text(encoding="utf-8")
    report = ingest_text(text, kind="gov-work-report")
    page = as_web_page(text, report.title, report.published, report.issuer, layout="article")
    body = re.search(r'<div class="article">.*?</div></div>', page, re.S).group()
    (tmp_path / "report.html").write_text(
        page.replace(body, body + '<div class="print">' + body + "</div>"), encoding="utf-8")
    (tmp_path / "report.txt").write_text(text + "\n打印本页\n" + text, encoding="utf-8")
    got = ingest_and_store(str(tmp_path / "report.html"), kind="gov-work-report",
                           store=tmp_path / "a")[0]
    assert [getattr(got, p) for p in PARTS] == [getattr(report, p) for p in PARTS]
    with pytest.warns(YoyWarning, match=r"report.txt: the text is printed twice .*: dropped the "
                                        r"second copy, 1\d\d paragraphs from “"):
        got = (ingest_and_store(str(tmp_path / "report.txt"), kind="gov-work-report",
                                store=tmp_path / "b")[0])
    assert [getattr(got, p) for p in PARTS] == [getattr(report, p) for p in PARTS]
