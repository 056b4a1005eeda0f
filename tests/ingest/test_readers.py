"""read_source: every fixture is generated here, from the real seed report where it matters."""
from __future__ import annotations

import html
import io
import random
import re
import sys
import types
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.errors import YoyError
from compare.ingest.readers import SourceText, read_source
from tests.support import SEED  # the raw source shipped in reports/

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = [line.replace("\xa0", " ").strip() for line in SEED_TEXT.splitlines() if line.strip()]
# The report proper, after the web page's breadcrumb and byline.
BODY = SEED_LINES[SEED_LINES.index("新余市2021年度法治政府建设情况") :]
BODY_START = next(i for i, line in enumerate(BODY) if line.startswith("2021年"))
LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def labelled(text: str) -> set[str]:
    return {line for line in text.splitlines() if LABEL.match(line)}


def count_877(text: str) -> int:
    return sum("877项" in line for line in text.splitlines())


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def refused(path: str, **kwargs) -> str:
    with pytest.raises(YoyError) as info:
        read_source(path, **kwargs)
    return info.value.reason


def test_seed_has_what_the_assertions_rely_on():
    assert len(labelled(SEED_TEXT)) >= 10
    assert count_877(SEED_TEXT) == 1


# --- text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "codec, reported",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("gb18030", "gb18030")],
)
def test_text_in_every_encoding_keeps_every_paragraph(tmp_path, codec, reported):
    raw = SEED_TEXT.encode(codec)
    got = read_source(write(tmp_path, "report.txt", raw))
    assert (got.format, got.encoding, got.raw) == ("text", reported, raw)
    assert got.text.splitlines() == SEED_LINES
    assert labelled(got.text) == labelled(SEED_TEXT)
    assert count_877(got.text) == 1


def test_short_gbk_title_is_not_mistaken_for_utf16(tmp_path):
    # Too short for statistics: UTF-16-BE and GB decode it equally "well".
    title = "新余市2021年度法治政府建设情况"
    got = read_source(write(tmp_path, "t.txt", title.encode("gbk")))
    assert (got.text, got.encoding) == (title, "gb18030")


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_a_few_damaged_bytes_do_not_make_a_report_binary(tmp_path, codec):
    raw = SEED_TEXT.encode(codec)
    # A stray byte before the last line and a character cut off at the end.
    cut = raw.rindex(b"\n")
    damaged = raw[:cut] + b"\xff" + raw[cut:-1]
    got = read_source(write(tmp_path, "damaged.txt", damaged))
    assert (got.format, got.encoding) == ("text", codec)
    assert labelled(got.text) == labelled(SEED_TEXT)
    assert count_877(got.text) == 1
    assert got.text.count("\ufffd") == 2


def test_crlf_zero_width_and_indent_are_cleaned(tmp_path):
    raw = "\u3000\u3000一、总体情况\r\n\r\n人\u200b民满意\r\n".encode("utf-8")
    assert read_source(write(tmp_path, "a.txt", raw)).text == "一、总体情况\n人民满意"


def test_encoding_override(tmp_path):
    raw = "一、总体情况".encode("gb18030")
    path = write(tmp_path, "a.txt", raw)
    assert read_source(path, encoding="gbk").text == "一、总体情况"
    assert refused(path, encoding="ascii") == "cannot decode as ascii: invalid byte at offset 0"
    assert refused(path, encoding="klingon") == "unknown encoding 'klingon'"


def test_stdin(monkeypatch):
    raw = "一、总体情况\n全市完成877项。\n".encode("gb18030")
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(raw)))
    got = read_source("-")
    assert (got.text, got.raw, got.format) == ("一、总体情况\n全市完成877项。", raw, "text")


def test_empty_stdin_is_named(monkeypatch):
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(b"")))
    with pytest.raises(YoyError) as info:
        read_source("-")
    assert (info.value.where, info.value.reason) == ("<stdin>", "empty file")


# --- refusals ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["noise.txt", "noise.bin"])
def test_random_bytes_are_binary(tmp_path, name):
    noise = random.Random(7).randbytes(8192)
    assert refused(write(tmp_path, name, noise)) == "binary data, not a text report"
    # Without NUL bytes the decoded text is still mostly control characters.
    assert refused(write(tmp_path, name,
                         noise.replace(b"\x00", b"\x01"))) == "binary data, not a text report"


@pytest.mark.parametrize(
    "data",
    [b"", b" \n\t\r\n", "\u3000\u200b\n".encode("utf-8"), " \n".encode("utf-16"), b"\xef\xbb\xbf"],
)
def test_empty_and_whitespace_only(tmp_path, data):
    assert refused(write(tmp_path, "blank.txt", data)) == "empty file"


def test_too_big(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as f:
        f.truncate(21_000_000)
    assert refused(str(path)) == "file is larger than the 20 MB limit"
    assert refused(str(path), max_bytes=1_500_000) == "file is larger than the 1.5 MB limit"


def test_directory_and_missing(tmp_path):
    assert refused(str(tmp_path)) == "is a directory, not a report file"
    assert refused(str(tmp_path / "nope.txt")) == "no such file"


def test_legacy_doc(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    # the command that converts it, with its name (UA 2026-12-05: soffice is on the office's PC)
    assert refused(write(tmp_path, "old.doc", ole)) == (
        "legacy Office file (.doc/.wps), not supported: convert it to .docx (soffice --headless "
        "--convert-to docx old.doc, or Save As .docx in Word/WPS)")


def test_a_password_protected_docx_is_named_as_such(tmp_path):
    """Word writes a password-protected .docx as a compound file, as a .doc is: it was refused as
    a legacy .doc, which re-saving as .docx with the password on does not cure (UA 2026-12-05)."""
    data = (Path(__file__).parents[1] / "data" / "office" / "password-fuping2022.docx").read_bytes()
    reason = refused(write(tmp_path, "加密.docx", data))
    assert reason.startswith("password-protected (encrypted) .docx: remove the password")
    # the stream's name in a .doc's text is no directory entry
    text = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(99) + "EncryptedPackage\0".encode(
        "utf-16-le") + bytes(600)
    assert refused(write(tmp_path, "old.doc", text)).startswith("legacy Office file")


# --- HTML ----------------------------------------------------------------------------


def seed_page(charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in SEED_LINES)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}">
<title>新余市2021年度法治政府建设情况_新余市人民政府</title>
<meta name="PubDate" content="2022-03-10 15:52">
<link rel="canonical" href="http://www.xinyu.gov.cn/art/2022/3/10/art_1.html">
<script>var tracker = "统计脚本不应出现";</script>
</head><body>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开栏目</a></li></ul></nav>
<div class="article">{paragraphs}</div>
<footer><p>版权所有：新余市人民政府办公室 赣ICP备05004146号</p></footer>
</body></html>"""


def test_html_page_keeps_body_and_drops_chrome(tmp_path):
    raw = seed_page().encode("utf-8")
    got = read_source(write(tmp_path, "page.html", raw))
    assert (got.format, got.encoding) == ("html", "utf-8")
    assert got.title == "新余市2021年度法治政府建设情况_新余市人民政府"
    assert got.published == "2022-03-10"
    assert got.url == "http://www.xinyu.gov.cn/art/2022/3/10/art_1.html"
    assert labelled(got.text) == labelled(SEED_TEXT)
    assert count_877(got.text) == 1
    assert set(BODY) <= set(got.text.splitlines())
    for chrome in ("统计脚本", "政务公开栏目", "版权所有"):
        assert chrome not in got.text


def test_html_in_declared_gbk(tmp_path):
    page = seed_page("gbk").replace("\xa0", " ").replace("•", "·")
    got = read_source(write(tmp_path, "page.htm", page.encode("gbk")))
    assert (got.format, got.encoding) == ("html", "gb18030")
    assert labelled(got.text) == labelled(SEED_TEXT)


def test_html_fragment_and_table(tmp_path):
    fragment = (
        "<p>一、总体情况</p>\n<p>全市上线事项877项，较上年增加77项，各项工作稳步推进，"
        "取得明显成效。</p>\n<table><tr><td>指标</td><td>2021年</td></tr><tr><td>上线事项</td><td>8"
        "77项</td></tr></table>\n"
    )
    got = read_source(write(tmp_path, "fragment.txt", fragment.encode("utf-8")))
    assert got.format == "html"
    assert got.text.splitlines()[0] == "一、总体情况"
    assert "上线事项\t877项" in got.text.splitlines()


def test_html_falls_back_to_visible_body_text(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    page = (
        "<html><body><nav>栏目导航</nav><script>var x = 1;</script>"
        "<div>一、总体情况<br>全市完成877项。</div><table><tr><td>指标</td><td>877项</td></tr></tab"
        "le><footer>版权所有</footer></body></html>"
    )
    got = read_source(write(tmp_path, "p.html", page.encode("utf-8")))
    assert got.text == "一、总体情况\n全市完成877项。\n指标\t877项"


def test_html_without_text(tmp_path):
    page = (b"<!DOCTYPE html><html><head><title>t</title></head><body><script>var a = "
            b"1;</script></body></html>")
    assert refused(write(tmp_path, "empty.html", page)) == "no text found in HTML"


# --- DOCX ----------------------------------------------------------------------------

NUMBERING = """<w:abstractNum {ns} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%4、"/></w:lvl>
</w:abstractNum>"""  # noqa: E501


def build_docx() -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.core_properties.title = "新余市2021年度法治政府建设情况"
    numbering = document.part.numbering_part.element
    # Schema order: every abstractNum before the first num.
    numbering.insert(0, parse_xml(NUMBERING.format(ns=nsdecls("w"))))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId '
                               'w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        numpr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = level
        numpr.get_or_add_numId().val = 90

    document.add_paragraph("新余市2021年度法治政府建设情况")
    numbered("主要举措和成效", 0)
    numbered("履行政府职能，优化营商环境竞争力。", 1)
    numbered("持续优化政务服务环境，上线运行事项877项。", 2)
    numbered("持续深化“一照通办”改革。", 2)
    numbered("甲项工作。", 3)
    numbered("坚持依法行政。", 1)
    numbered("加强重点民生领域立法。", 2)
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("指标", "2020年", "2021年"), ("上线事项", "800项",
                                                                   "877项")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    numbered("存在的不足", 0)
    document.add_paragraph("第一项", style="List Number")
    document.add_paragraph("第二项", style="List Number")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_numbering_and_tables_in_order(tmp_path):
    raw = build_docx()
    got = read_source(write(tmp_path, "report.docx", raw))
    assert (got.format, got.title, got.raw) == ("docx", "新余市2021年度法治政府建设情况", raw)
    assert got.text.splitlines() == [
        "新余市2021年度法治政府建设情况",
        "一、主要举措和成效",
        "（一）履行政府职能，优化营商环境竞争力。",
        "1.持续优化政务服务环境，上线运行事项877项。",
        "2.持续深化“一照通办”改革。",
        "甲、甲项工作。",
        "（二）坚持依法行政。",
        "1.加强重点民生领域立法。",
        "指标\t2020年\t2021年",
        "上线事项\t800项\t877项",
        "二、存在的不足",
        "1.第一项",
        "2.第二项",
    ]


def test_docx_found_by_content_not_extension(tmp_path):
    assert read_source(write(tmp_path, "report.bin", build_docx())).format == "docx"


def test_truncated_docx(tmp_path):
    raw = build_docx()
    reason = refused(write(tmp_path, "report.docx", raw[: len(raw) // 2]))
    assert reason == "not a readable .docx (corrupt or truncated)"


def test_docx_with_broken_xml(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_docx())) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[:100] if info.filename == "word/document.xml" else data)
    assert refused(write(tmp_path, "report.docx", buf.getvalue())) == (
        "not a readable .docx (corrupt or truncated)")


def test_docx_zip_bomb(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/document.xml", "w") as member:
            zeros = bytes(1 << 20)
            for _ in range(201):
                member.write(zeros)
    assert len(buf.getvalue()) < 1_000_000
    assert refused(write(tmp_path, "bomb.docx", buf.getvalue())) == (
        "archive expands beyond the limit (zip bomb?)")


def test_other_zip_is_unsupported(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert refused(write(tmp_path, "book.xlsx", buf.getvalue())) == (
        "unsupported archive (a zip, but not a .docx)")
    assert refused(write(tmp_path, "x.zip", buf.getvalue()[:40])) == (
        "not a readable archive (corrupt or truncated zip)")


# --- PDF -----------------------------------------------------------------------------


Placed = tuple[float, str] | tuple[float, str, float]  # x, text(, font size)


def make_pdf(pages: list[list[str | Placed | list[Placed]]], *, cjk: bool = True) -> bytes:
    """A minimal PDF whose text layer is `pages`, one text line per item, 14 pt apart: a string
    at x 50 in 10 pt, or text placed at an x (in a size), or several such on one line (columns,
    a table's cells). A CJK character is 1 em wide.

    CJK text uses an unembedded Identity-H font with a ToUnicode map (enough for a
    text layer, no glyphs needed); Latin text uses standard Helvetica.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog, pages_id = add(b""), add(b"")
    if cjk:
        chars = sorted({c for page in pages for line in page for _, text, _ in placed(line)
                        for c in text})
        cmap = [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
        ]
        for i in range(0, len(chars), 100):
            chunk = chars[i : i + 100]
            cmap += [f"{len(chunk)} beginbfchar",
                     *(f"<{ord(c):04X}> <{ord(c):04X}>" for c in chunk), "endbfchar"]
        cmap += ["endcmap CMapName currentdict /CMap defineresource pop end end"]
        stream = "\n".join(cmap).encode()
        to_unicode = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        cid_font = add(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
        )
        font = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H"
            b" /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (cid_font, to_unicode)
        )

        def show(s: str) -> bytes:
            return b"<" + s.encode("utf-16-be").hex().encode() + b">"

    else:
        font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
                   b"/WinAnsiEncoding >>")

        def show(s: str) -> bytes:
            return (b"(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode(
                "latin-1") + b")")

    kids = []
    for page in pages:
        ops = b"".join(b"BT /F1 %g Tf %g %d Td %s Tj ET\n" % (size, x, 800 - 14 * i, show(text))
                       for i, line in enumerate(page) for x, text, size in placed(line))
        content = (b" /Contents %d 0 R" % add(
            b"<< /Length %d >>\nstream\n%sendstream" % (len(ops), ops)) if page else b"")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 "
                b"%d 0 R >> >>%s >>"
                % (pages_id, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def placed(line: str | Placed | list[Placed]) -> list[tuple[float, str, float]]:
    items = [line] if isinstance(line, str | tuple) else line
    return [(50.0, item, 10.0) if isinstance(item, str)
            else (item[0], item[1], item[2] if len(item) > 2 else 10.0) for item in items]


def wrap(paragraph: str, width: int = 56) -> list[str]:
    """Break a paragraph into lines of a fixed display width, as a layout engine would: a closing
    mark (。，、）”) never starts a line, it stays at the end of the one before."""
    lines, line, used = [], "", 0
    for c in paragraph:
        w = 1 if c.isascii() else 2
        if used + w > width and c not in "。，、；：！？）”’":
            lines.append(line)
            line, used = "", 0
        line, used = line + c, used + w
    return lines + [line] if line else lines


def unspaced(text: str) -> str:
    """`text` without the spaces between Chinese and Latin or digits (纠纷 872 起): a PDF's layout
    shows no such space, and every format is read without it (text.normalize_chars)."""
    return re.sub(
        r"(?<=[^\x00-\x7f]) +(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%]) +(?=[^\x00-\x7f])", "", text)


def seed_pdf_pages(indent: str) -> list[list[str]]:
    """The seed report laid out on A4-like pages with running chrome."""
    flowed = [line for paragraph in BODY[BODY_START:] for line in wrap(indent + paragraph)]
    chunks = [flowed[i : i + 30] for i in range(0, len(flowed), 30)]
    assert len(chunks) >= 4
    footers = ["- {} -", "第{}页", "{}/" + str(len(chunks)), "{}"]
    return [
        ["新余市人民政府文件", f"新府发〔2022〕{n}号", *chunk,
         footers[n % len(footers)].format(n + 1)]
        for n, chunk in enumerate(chunks)
    ]


def test_pdf_with_typed_indents_gives_back_every_paragraph(tmp_path):
    body = [unspaced(paragraph) for paragraph in BODY[BODY_START:]]
    got = read_source(write(tmp_path, "report.pdf", make_pdf(seed_pdf_pages("\u3000\u3000"))))
    assert (got.format, got.encoding) == ("pdf", None)
    # the spaces the text layer holds are kept (纠纷 872 起); ingest reads without them
    read = "\n".join(unspaced(line) for line in got.text.splitlines())
    assert read.splitlines() == body
    assert labelled(read) == labelled("\n".join(body))
    assert count_877(got.text) == 1


def test_pdf_without_indents_never_splits_a_paragraph(tmp_path):
    # Spaces are compared away: one that falls at a wrap is gone from the text layer.
    body = [paragraph.replace(" ", "") for paragraph in BODY[BODY_START:]]
    got = read_source(write(tmp_path, "report.pdf", make_pdf(seed_pdf_pages(""))))
    lines = got.text.replace(" ", "").splitlines()
    # Nothing lost, nothing of the page chrome left.
    assert "".join(lines) == "".join(body)
    # Every labelled paragraph still starts a line.
    assert {line[:15] for line in labelled(got.text)} == {line[:15]
                                                          for line in labelled("\n".join(BODY))}
    assert count_877(got.text) == 1
    # Without an indent, a full line ending in 。 may wrap a paragraph or end it: it is taken as a
    # wrap, so a paragraph (a list of problems) comes back in pieces only where a wrapped line
    # starts with an item label (…全省第一。/二是…, as a new paragraph would); one that ended at
    # the right edge is glued to the next instead.
    at, starts = 0, {0}
    for paragraph in body:
        at += len(paragraph)
        starts.add(at)
    at = 0
    for line in lines:
        assert at in starts or re.match(
            r"[一二三四五六七八九十]是|[（(][一二三四五六七八九十]+[）)]", line), line[:20]
        at += len(line)


def test_pdf_latin_wrap_keeps_word_spaces(tmp_path):
    pages = [
        ["Annual Report", "The city completed 877 items of administrative reform in",
         "the year under review.", "Page 1 of 2"],
        ["Annual Report", "Work continued.", "Page 2 of 2"],
    ]
    got = read_source(write(tmp_path, "en.pdf", make_pdf(pages, cjk=False)))
    assert got.text.splitlines() == [
        "The city completed 877 items of administrative reform in the year under review.",
        "Work continued.",
    ]


def test_pdf_without_text_layer(tmp_path):
    assert refused(write(tmp_path, "scan.pdf", make_pdf([[], []]))) == "no text layer (scanned?)"
    # Scanned pages whose only text is the page number.
    assert refused(write(tmp_path, "numbered.pdf",
                         make_pdf([["- 1 -"], ["- 2 -"]]))) == "no text layer (scanned?)"


def test_pdf_without_pages(tmp_path):
    assert refused(write(tmp_path, "none.pdf", make_pdf([]))) == "not a readable PDF (no pages)"


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_broken_pdf(tmp_path, cut):
    raw = make_pdf([["一、总体情况", "全市完成877项。"]])
    assert refused(write(tmp_path, "broken.pdf",
                         raw[: int(len(raw) * cut)])) == "not a readable PDF"


def test_password_protected_pdf(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(
        clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([["Secret line."]], cjk=False))))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert refused(write(tmp_path, "locked.pdf",
                         buf.getvalue())) == "encrypted PDF (password required)"


# --- anything at all -----------------------------------------------------------------

@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    # Module-scoped: hypothesis reruns the body many times per fixture instance.
    return tmp_path_factory.mktemp("any-bytes")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(
        [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe",
         "一、".encode("gb18030")]
    ),
    data=st.binary(max_size=2048),
)
def test_any_bytes_give_text_or_a_yoy_error(scratch, prefix, data):
    path = scratch / "input.bin"
    path.write_bytes(prefix + data)
    try:
        got = read_source(str(path))
    except YoyError as e:
        assert e.reason
    else:
        assert isinstance(got, SourceText) and got.text.strip()


def test_a_pdfs_refusal_is_its_own_not_the_one_before(tmp_path):
    """PDFium keeps its last error for the process: a PDF without pages after an encrypted one
    (yoy ingest a.pdf locked.pdf empty.pdf) was refused as encrypted, after a broken one as
    merely unreadable; an encrypted one after one without pages is still encrypted."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Secret line."]], cjk=False))))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    locked = write(tmp_path, "locked.pdf", buffer.getvalue())
    none = write(tmp_path, "none.pdf", make_pdf([]))
    broken = write(tmp_path, "broken.pdf", make_pdf([["一、总体情况"]])[:200])
    assert [refused(f) for f in (locked, none, broken, none, none, locked)] == [
        "encrypted PDF (password required)", "not a readable PDF (no pages)",
        "not a readable PDF", "not a readable PDF (no pages)", "not a readable PDF (no pages)",
        "encrypted PDF (password required)"]
