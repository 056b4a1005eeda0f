"""Turn an input file (plain text, HTML, .docx, PDF) into plain text, or refuse with a reason.

Every problem with the input itself becomes a `YoyError`; the format is decided by
content, because reports downloaded from government sites are often misnamed
(.htm files that are really .doc, .txt files in GBK, …).
"""
from __future__ import annotations

import codecs
import io
import os
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from compare.errors import YoyError
from compare.text import TERMINAL, iso_date

# What the parts of a .docx or .xlsx may expand to, together.
MAX_UNZIPPED = 200_000_000
# The largest list start Word accepts (w:start, w:startOverride).
MAX_LIST_START = 32_767


@dataclass(frozen=True)
class SourceText:
    text: str  # plain text, one paragraph per line
    raw: bytes  # the raw input bytes (the caller hashes them)
    format: str  # "text" | "html" | "docx" | "pdf"
    encoding: str | None
    title: str | None = None  # <title>/meta (html), core properties (docx)
    published: str | None = None  # ISO date from meta tags (html)
    url: str | None = None  # canonical/og:url (html)
    page: tuple[str, ...] = ()  # a web page's lines above the report (来源, date), read for metadata only


def read_source(
    path: str,
    *,
    encoding: str | None = None,
    max_bytes: int = 20_000_000,
    max_unzipped: int = MAX_UNZIPPED,
) -> SourceText:
    """Read `path` ("-" for stdin) as a report: its text, one paragraph per line.

    `encoding` overrides detection for text and HTML input.
    """
    where = "<stdin>" if path == "-" else path
    raw = _read_bytes(path, where, max_bytes)
    if not raw.strip():
        raise YoyError(where, "empty file")
    # Acrobat accepts the header anywhere in the first 1 KB, and so do we.
    if b"%PDF-" in raw[:1024]:
        return _read_pdf(where, raw)
    if raw.startswith(b"PK\x03\x04"):
        return _read_docx(where, raw, max_unzipped)
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise YoyError(where, "legacy Office file (.doc/.wps), not supported: save it as .docx")
    text, used = _decode(where, raw, encoding)
    lines = _clean_lines(text.splitlines())
    if not lines:
        raise YoyError(where, "empty file")
    if _looks_like_html(text):
        return _read_html(where, raw, text, used)
    return SourceText("\n".join(lines), raw, "text", used)


def _read_bytes(path: str, where: str, max_bytes: int) -> bytes:
    too_big = f"file is larger than the {max_bytes / 1_000_000:g} MB limit"
    if path == "-":
        try:
            # a closed descriptor 0 leaves no sys.stdin at all
            raw = sys.stdin.buffer.read(max_bytes + 1)
        except (AttributeError, ValueError, OSError):
            raise YoyError(where, "standard input is closed or unreadable") from None
    else:
        if os.path.isdir(path):
            raise YoyError(where, "is a directory, not a report file")
        try:
            with open(path, "rb") as f:
                # Refuse before reading, so a huge file costs nothing.
                if os.fstat(f.fileno()).st_size > max_bytes:
                    raise YoyError(where, too_big)
                raw = f.read(max_bytes + 1)
        except FileNotFoundError:
            raise YoyError(where, "no such file") from None
        except OSError as e:
            raise YoyError(where, f"cannot read: {e.strerror or e}") from None
    # Checked again after reading: stdin and special files have no size up front.
    if len(raw) > max_bytes:
        raise YoyError(where, too_big)
    return raw


# --- text ----------------------------------------------------------------------------

BINARY = "binary data, not a text report"

# gb2312 and gbk are subsets of gb18030: decoding with the superset keeps the rare
# characters a detector's narrower guess would choke on.
_GB = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030"}

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def _decode(where: str, raw: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            name = codecs.lookup(encoding).name
            text = raw.decode(name)
        except LookupError:
            raise YoyError(where, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise YoyError(where, f"cannot decode as {encoding}: invalid byte at offset {e.start}") from None
    else:
        text, name = _detect(where, raw)
    _check_printable(where, text)
    return text.lstrip("\ufeff"), name


def _detect(where: str, raw: bytes) -> tuple[str, str]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise YoyError(where, BINARY) from None
    if b"\x00" in raw:
        raise YoyError(where, BINARY)
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    # An HTML page's own declaration beats a statistical guess.
    declared = _DECLARED_CHARSET.search(raw[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
            name = _GB.get(name, name)
            return raw.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    import charset_normalizer

    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    if best is not None:
        # On short input several codecs tie (a GBK title also decodes as UTF-16-BE);
        # these are Chinese reports, so a tie goes to the GB family.
        gb = [m for m in matches if m.chaos <= best.chaos and codecs.lookup(m.encoding).name in _GB]
        name = codecs.lookup((gb[0] if gb else best).encoding).name
        name = _GB.get(name, name)
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            pass
    # charset-normalizer gives up on a single damaged byte (a cut-off last character,
    # a stray byte from a bad copy); a report with a few of those is still a report.
    for name in ("utf-8", "gb18030"):
        text = raw.decode(name, errors="replace")
        if text.count("\ufffd") <= 1 + len(text) // 1000:
            return text, name
    raise YoyError(where, BINARY)


def _check_printable(where: str, text: str) -> None:
    """Refuse text that decoded but is mostly control or unassigned code points."""
    # A prefix tells binary from text as well as the whole, and keeps 20 MB fast.
    sample = text[:100_000]
    bad = sum(
        1
        for c in sample
        if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\n\r\f\v")
    )
    if bad > 0.05 * len(sample):
        raise YoyError(where, BINARY)


# Zero-width characters are invisible and break matching; NBSP is just a space here;
# other control characters are debris from copy-paste and converters.
_TRANSLATE = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None),
    **dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F], None),
    0xA0: " ",
}


def _clean_lines(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = line.translate(_TRANSLATE).strip()
        if line:
            out.append(line)
    return out


# --- HTML ----------------------------------------------------------------------------

_HTML_TAG = re.compile(r"<(?:body|p|div|br|table|h[1-6])\b[^>]*>", re.I)


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    if head.startswith("<!doctype html") or "<html" in head:
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if _HTML_TAG.search(line)) * 2 >= len(lines)


_PUBLISHED_META = (
    "article:published_time",
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "publish_date",
    "publishtime",
    "dc.date.issued",
    "dc.date",
)
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")


def _read_html(where: str, raw: bytes, text: str, used: str) -> SourceText:
    """The report on a web page: trafilatura finds where it is, the page's own blocks give its
    paragraphs (trafilatura drops short paragraphs it has seen as boilerplate — six of the eight
    各位代表！ of a speech printed straight in <body> — and joins the <p>s of a table cell into one
    line); the page's lines above it (来源, the date) are kept for the report's metadata."""
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    # lxml refuses a str that still carries an XML encoding declaration; the text
    # is decoded already, so the declaration has nothing left to say.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", text).translate(_TRANSLATE)
    try:
        tree = lxml_html.document_fromstring(markup)
    except (etree.LxmlError, ValueError):
        raise YoyError(where, "no text found in HTML") from None
    title, published, url = _html_meta(tree)
    if not published:
        # htmldate: the page's own date where no meta tag gives it, from its markup, not guessed from its text
        found = trafilatura.extract_metadata(markup, date_config={"original_date": True, "extensive_search": False})
        published = iso_date(found.date or "") if found is not None else None
    blocks = _visible_text(tree)
    extracted = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True)
    # trafilatura writes table rows as "| a | b |"; rows are tab-joined everywhere else.
    found_lines = _clean_lines([
        "\t".join(cell.strip() for cell in m.group(1).split("|")) if (m := _TABLE_ROW.match(line)) else line
        for line in (extracted or "").splitlines()
    ])
    start, lines = _content(blocks, found_lines)
    if not lines:
        raise YoyError(where, "no text found in HTML")
    return SourceText("\n".join(lines), raw, "html", used, title, published, url, tuple(blocks[:start]))


def _content(blocks: list[str], extracted: list[str]) -> tuple[int, list[str]]:
    """Where the extracted text starts among the page's blocks, and its paragraphs: the blocks
    from there that spell it out in order, with any block trafilatura dropped whose text it kept
    elsewhere (a repeated salutation). Trafilatura's own lines when the blocks do not spell them
    out (it rewrote something); all blocks when it found nothing."""
    if not extracted:
        return 0, blocks

    def key(s: str) -> str:
        return re.sub(r"[\s|]", "", s)

    whole = "".join(map(key, extracted))
    keys = [key(b) for b in blocks]
    start = next((i for i, k in enumerate(keys) if k and whole.startswith(k)), None)
    if start is None:
        return 0, extracted
    kept, pos = [], 0
    for block, k in zip(blocks[start:], keys[start:], strict=True):
        if pos >= len(whole):
            break
        if k and whole.startswith(k, pos):
            kept.append(block)
            pos += len(k)
        elif k and k in whole:
            kept.append(block)
    return (start, kept) if pos >= len(whole) else (0, extracted)


def _html_meta(tree) -> tuple[str | None, str | None, str | None]:
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if key and content:
            metas.setdefault(key, content)
    title = metas.get("articletitle") or metas.get("og:title") or " ".join((tree.findtext(".//title") or "").split())
    published = next((iso for key in _PUBLISHED_META if (iso := iso_date(metas.get(key, "")))), None)
    canonical = next(
        (link.get("href", "").strip() for link in tree.iter("link") if link.get("rel", "").lower() == "canonical"),
        "",
    )
    return title or None, published, canonical or metas.get("og:url") or None


_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
    "table", "tr", "ul",
}


def _visible_text(tree) -> list[str]:
    """The text of <body> a browser would show, one block per line: the fallback
    when trafilatura finds no main content."""
    body = tree.find("body")
    if body is None:
        return []
    for junk in body.xpath(".//script | .//style | .//noscript | .//template | .//nav | .//footer"):
        junk.drop_tree()
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        elif el.tag in ("td", "th"):
            el.tail = "\t" + (el.tail or "")
    return _clean_lines(body.text_content().splitlines())


# --- DOCX ----------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def check_expansion(where: object, infos: list[zipfile.ZipInfo], max_unzipped: int = MAX_UNZIPPED) -> None:
    """Refuse an archive whose parts expand beyond `max_unzipped` bytes. zipfile stops
    inflating at the declared size, so the declared sizes bound the memory a parser of
    the parts (python-docx, openpyxl) can use."""
    if sum(info.file_size for info in infos) > max_unzipped:
        raise YoyError(where, "archive expands beyond the limit (zip bomb?)")


def _read_docx(where: str, raw: bytes, max_unzipped: int) -> SourceText:
    corrupt = "not a readable .docx (corrupt or truncated)"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    # zipfile raises a zoo of types on damaged archives; all mean the same to the user.
    except Exception:
        if b"word/" in raw[:65536] or where.lower().endswith(".docx"):
            raise YoyError(where, corrupt) from None
        raise YoyError(where, "not a readable archive (corrupt or truncated zip)") from None
    if "word/document.xml" not in {info.filename for info in infos}:
        raise YoyError(where, "unsupported archive (a zip, but not a .docx)")
    check_expansion(where, infos, max_unzipped)

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        document = docx.Document(io.BytesIO(raw))
    # python-docx, zipfile and lxml raise many types on damaged parts (bad CRC, bad XML, …).
    except Exception:
        raise YoyError(where, corrupt) from None
    part = document.part
    numbering = _Numbering(_related(part, RT.NUMBERING), _related(part, RT.STYLES), where)
    lines: list[str] = []
    for block in _blocks(document.element.body):
        if block.tag == _w("p"):
            lines.append(numbering.label(block) + _paragraph_text(block))
        else:
            lines.extend(_table_rows(block, numbering))
    lines = _clean_lines(lines)
    if not lines:
        raise YoyError(where, "no text found in .docx")
    core = _related(part.package, RT.CORE_PROPERTIES)
    title = core.core_properties.title.strip() if core is not None else ""
    return SourceText("\n".join(lines), raw, "docx", None, title or None)


def _related(source, reltype: str):
    """The part related to `source` by `reltype`, or None: python-docx's own
    accessors invent a default part when it is missing."""
    try:
        return source.part_related_by(reltype)
    except KeyError:
        return None


def _blocks(container) -> Iterator:
    """Paragraphs and tables in document order, looking through content controls."""
    for child in container.iterchildren():
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(p) -> str:
    # Text boxes live inside runs; their paragraphs are not part of this one.
    out = []
    for run in p.xpath(".//w:r[not(ancestor::w:txbxContent)]"):
        for el in run.iterchildren():
            if el.tag == _w("t"):
                out.append(el.text or "")
            elif el.tag in (_w("tab"), _w("ptab")):
                out.append("\t")
            elif el.tag == _w("cr") or (el.tag == _w("br") and el.get(_w("type")) in (None, "textWrapping")):
                out.append("\n")
            elif el.tag == _w("noBreakHyphen"):
                out.append("-")
    return "".join(out)


def _table_rows(tbl, numbering: _Numbering) -> list[str]:
    rows = []
    for tr in tbl.iterchildren(_w("tr")):
        cells = []
        for tc in tr.iterchildren(_w("tc")):
            texts = (numbering.label(p) + _paragraph_text(p) for p in tc.iter(_w("p")))
            cells.append(" ".join(" ".join(t.split()) for t in texts if t.strip()))
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    legal: bool  # w:isLgl: every placeholder printed as a decimal number


class _Numbering:
    """Renders automatic list labels ("一、", "（一）", "1.") the way Word prints them."""

    def __init__(self, numbering_part, styles_part, where: str = "<docx>"):
        self._where = where
        self._styles = {}
        if styles_part is not None:
            for style in styles_part.element.iterchildren(_w("style")):
                self._styles[style.get(_w("styleId"))] = style
        self._nums: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_part is None:
            return
        root = numbering_part.element
        abstract: dict[str | None, dict[int, _Level]] = {}  # a num may name no abstractNum
        for an in root.iterchildren(_w("abstractNum")):
            levels = abstract.setdefault(an.get(_w("abstractNumId")), {})
            for lvl in an.iterchildren(_w("lvl")):
                ilvl = _int(lvl.get(_w("ilvl")))
                if ilvl is not None:
                    levels[ilvl] = self._checked(_level(lvl))
        for num in root.iterchildren(_w("num")):
            levels = dict(abstract.get(_val(num, "abstractNumId"), {}))
            for override in num.iterchildren(_w("lvlOverride")):
                ilvl, start = _int(override.get(_w("ilvl"))), _int(_val(override, "startOverride"))
                if ilvl in levels and start is not None:
                    levels[ilvl] = self._checked(
                        _Level(start, levels[ilvl].fmt, levels[ilvl].text, levels[ilvl].legal))
            self._nums[num.get(_w("numId"))] = levels

    def _checked(self, level: _Level) -> _Level:
        # Labels grow with the number ("a" × n/26 for letters): a start of 10^11 would
        # ask for gigabytes, so a start beyond Word's own maximum is refused.
        if not 0 <= level.start <= MAX_LIST_START:
            raise YoyError(self._where, f"list numbering starts at {level.start}, outside Word's 0…{MAX_LIST_START}")
        return level

    def label(self, p) -> str:
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self._nums.get(num_id, {})
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet":
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def placeholder(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            of = levels.get(k)
            if of is None:
                return ""
            return _format_number(counters.get(k, of.start), "decimal" if level.legal else of.fmt)

        return re.sub(r"%([1-9])", placeholder, level.text)

    def _num_pr(self, p) -> tuple[str, int] | None:
        """(numId, ilvl) from the paragraph, else from its style chain."""
        num_id = ilvl = None
        ppr = p.find(_w("pPr"))
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        seen = set()
        while True:
            if numpr is not None:
                num_id = num_id if num_id is not None else _val(numpr, "numId")
                ilvl = ilvl if ilvl is not None else _int(_val(numpr, "ilvl"))
            style = self._styles.get(style_id)
            if num_id is not None or style is None or style_id in seen:
                break
            seen.add(style_id)
            numpr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            style_id = _val(style, "basedOn")
        # numId 0 is how a paragraph switches off numbering inherited from its style.
        if num_id is None or num_id == "0":
            return None
        return num_id, ilvl or 0


def _val(parent, tag: str) -> str | None:
    child = parent.find(_w(tag))
    return child.get(_w("val")) if child is not None else None


def _level(lvl) -> _Level:
    return _Level(
        # ECMA-376: a level without w:start starts at 0.
        start=_int(_val(lvl, "start")) or 0,
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        legal=lvl.find(_w("isLgl")) is not None,
    )


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _format_number(n: int, fmt: str) -> str:
    if fmt == "none":
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "japaneseCounting"):
        import cn2an

        return cn2an.an2cn(n) if n > 0 else "〇"
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return "子丑寅卯辰巳午未申酉戌亥"[n - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        out = ""
        for value, numeral in _ROMAN:
            count, n = divmod(n, value)
            out += numeral * count
        return out.upper() if fmt == "upperRoman" else out
    # decimal, and the formats above outside their range, as Word falls back.
    return str(n)


# --- PDF -----------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-—–－\s]*\d+[-—–－\s]*                                # - 3 -   —3—   3
      | 第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?           # 第3页   第3页 共10页
      | 共\s*\d+\s*页\s*[,，/]?\s*第\s*\d+\s*页                # 共10页 第3页
      | (?:page\s*)?\d+\s*(?:/|of)\s*\d+                       # 3/10   Page 3 of 10
    )$""",
    re.X | re.I,
)
_EDGE = 3  # lines at the top and at the bottom of a page that may be running chrome
_SENTENCE_END = tuple(TERMINAL + ".")
# A closing quote or bracket ends a sentence only after a sentence mark (…。” but
# not 杜绝“奇葩”、“问题” wrapped before 文件。).
_CLOSERS = "”’」』）)\"'"
_LIST_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十百]+、"
    r"|[（(][一二三四五六七八九十百\d]+[）)]"
    r"|\d+[.．、](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]"
    r"|[①-⑳]"
    r"|[一二三四五六七八九十]是)"
)


def _read_pdf(where: str, raw: bytes) -> SourceText:
    """The text of a PDF's text layer, one paragraph a line: characters placed where the page
    shows them (PDFium's boxes, not the order they were drawn in: a quote mark set in another
    font is drawn apart), lines rejoined into paragraphs by their geometry (`_unwrap`)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as e:
        # PDFium fails a document without pages reporting no error
        reason = {pdfium.raw.FPDF_ERR_PASSWORD: "encrypted PDF (password required)",
                  pdfium.raw.FPDF_ERR_SUCCESS: "not a readable PDF (no pages)"}.get(e.err_code, "not a readable PDF")
        raise YoyError(where, reason) from None
    try:
        if len(pdf) == 0:
            raise YoyError(where, "not a readable PDF (no pages)")
        pages = [_page_lines(pdf[i]) for i in range(len(pdf))]
    except pdfium.PdfiumError:
        raise YoyError(where, "not a readable PDF") from None
    finally:
        pdf.close()
    # A scan can still carry a text layer of page numbers only: chrome goes first.
    paragraphs = _unwrap([line for page in _drop_page_chrome(pages) for line in page])
    if not paragraphs:
        raise YoyError(where, "no text layer (scanned?)")
    return SourceText("\n".join(paragraphs), raw, "pdf", None)


@dataclass(frozen=True)
class _Line:
    text: str
    left: float  # where its first character starts, in points
    right: float  # where its last one ends
    size: float  # its font size


def _page_lines(page) -> list[_Line]:
    """The page's text lines, top to bottom, each one's characters left to right."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    chars = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for k in range(textpage.count_chars()):
        # PDFium's own spaces and line breaks are guesses from the same geometry: ours decide
        if pdfium_c.FPDFText_IsGenerated(textpage, k):
            continue
        # a hyphen that ends a line is PDFium's U+0002: the glyph the page shows is "-"
        c = "-" if pdfium_c.FPDFText_IsHyphen(textpage, k) else chr(pdfium_c.FPDFText_GetUnicode(textpage, k)).translate(_TRANSLATE)
        if c.strip():
            left, _, right, _ = textpage.get_charbox(k, loose=True)
            pdfium_c.FPDFText_GetCharOrigin(textpage, k, ctypes.byref(x), ctypes.byref(y))
            chars.append((c, left, right, y.value, pdfium_c.FPDFText_GetFontSize(textpage, k) or 1.0))
    # one line: characters on one baseline (a quote or comma set in another font shares it, and may
    # be drawn after the line's other characters)
    chars.sort(key=lambda ch: -ch[3])
    rows: list[list[tuple]] = []
    for ch in chars:
        if rows and rows[-1][0][3] - ch[3] <= BASELINE * ch[4]:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return [_joined(sorted(row, key=lambda ch: ch[1])) for row in rows]


BASELINE = 0.3  # of the font size: baselines closer than this are one line


def _joined(row: list[tuple]) -> _Line:
    """A line of characters as text: a gap between Latin letters or digits is a space; Chinese
    text has none (a gap there is justification or autospacing)."""
    text = row[0][0]
    for (a, _, a_right, _, size), (b, b_left, _, _, _) in zip(row, row[1:], strict=False):
        if b_left - a_right > WORD_GAP * size and a.isascii() and b.isascii():
            text += " "
        text += b
    sizes = sorted(ch[4] for ch in row)
    return _Line(text, row[0][1], row[-1][2], sizes[len(sizes) // 2])


WORD_GAP = 0.15  # of the font size: a gap this wide between Latin characters is a space


def _drop_page_chrome(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop page numbers and running headers/footers: lines near the top or bottom
    that repeat on most pages once their digits are masked."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))

    top = Counter(k for page in pages for k in {key(line) for line in page[:_EDGE]})
    bottom = Counter(k for page in pages for k in {key(line) for line in page[-_EDGE:]})

    def running(counter: Counter, line: _Line) -> bool:
        count = counter[key(line)]
        return count >= 2 and count * 2 > len(pages)

    out = []
    for page in pages:
        kept = []
        for i, line in enumerate(page):
            at_top, at_bottom = i < _EDGE, i >= len(page) - _EDGE
            if (at_top or at_bottom) and _PAGE_NUMBER.match(line.text.strip()):
                continue
            if (at_top and running(top, line)) or (at_bottom and running(bottom, line)):
                continue
            kept.append(line)
        out.append(kept)
    return out


COLUMN_LINES = 20  # lines a text needs for its right edge to be measured, not taken from its longest line
INDENT = 0.5  # of the font size: a line starting this far right of the text's left edge is indented
# of the font size: a line ending this close to the column's right edge is full (a number or a
# Latin word that did not fit leaves up to three characters blank at a wrap)
FULL_SLACK = 3.5


def _unwrap(lines: list[_Line]) -> list[str]:
    """Join lines the layout wrapped mid-paragraph; returns stripped paragraphs.

    When the document indents its paragraphs (most lines after a sentence end start right of the
    text's left edge), a line opens a paragraph when it is indented, or when the line before ended
    a sentence short of the column's right edge: a wrap that falls right after 。 on a full line
    does not split the paragraph, and an item label (三是…) at the start of a wrapped line is no
    paragraph. Without indents, a line continues the one before when that is full and does not
    end a sentence, and the line is no item label (a wrap right after 。 then splits: the text
    layer has no other cue).
    """
    if not lines:
        return []
    texts = [line.text.strip() for line in lines]
    size = sorted(line.size for line in lines)[len(lines) // 2]
    left = Counter(round(line.left) for line in lines).most_common(1)[0][0]
    # the column's right edge: where most long lines end (a page or two of lines: the longest)
    rights = sorted(line.right for line in lines)
    right = rights[int(0.9 * (len(rights) - 1))] if len(rights) >= COLUMN_LINES else rights[-1]
    indented = [line.left > left + INDENT * size for line in lines]
    full = [line.right >= right - FULL_SLACK * size for line in lines]
    ends_sentence = [text.rstrip(_CLOSERS).endswith(_SENTENCE_END) for text in texts]
    after_end = [indented[i + 1] for i in range(len(lines) - 1) if ends_sentence[i]]
    by_indent = len(after_end) >= 2 and sum(after_end) * 2 > len(after_end)

    out: list[str] = []
    for i, text in enumerate(texts):
        if out:
            if by_indent:
                opens = indented[i] or (ends_sentence[i - 1] and not full[i - 1])
            else:
                opens = not full[i - 1] or bool(_LIST_LABEL.match(text))
            if not opens:
                previous = texts[i - 1]
                # Latin words wrapped at a space lost that space; CJK needs none.
                latin = previous[-1] in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,"
                out[-1] += (" " if latin and text[0].isascii() and text[0].isalnum() else "") + text
                continue
        out.append(text)
    return out
