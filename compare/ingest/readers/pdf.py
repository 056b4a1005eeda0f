"""A PDF's text layer: characters placed where the page shows them, page chrome dropped,
wrapped lines rejoined into paragraphs."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from compare.errors import YoyError
from compare.ingest.readers.plain_text import TRANSLATE, SourceText
from compare.text import TERMINAL

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


def read_pdf(where: str, raw: bytes) -> SourceText:
    """The text of a PDF's text layer, one paragraph a line: characters placed where the page
    shows them (PDFium's boxes, not the order they were drawn in: a quote mark set in another
    font is drawn apart), lines rejoined into paragraphs by their geometry (`_unwrap`)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as e:
        # PDFium fails a document without pages reporting no error
        reason = {pdfium.raw.FPDF_ERR_PASSWORD: "encrypted PDF (password required)",
                  pdfium.raw.FPDF_ERR_SUCCESS: "not a readable PDF (no pages)"}.get(
                      e.err_code, "not a readable PDF")
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
        c = ("-" if pdfium_c.FPDFText_IsHyphen(textpage, k)
             else chr(pdfium_c.FPDFText_GetUnicode(textpage, k)).translate(TRANSLATE))
        if c.strip():
            left, _, right, _ = textpage.get_charbox(k, loose=True)
            pdfium_c.FPDFText_GetCharOrigin(textpage, k, ctypes.byref(x), ctypes.byref(y))
            chars.append((c, left, right, y.value,
                          pdfium_c.FPDFText_GetFontSize(textpage, k) or 1.0))
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


# lines a text needs for its right edge to be measured, not taken from its longest line
COLUMN_LINES = 20
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
