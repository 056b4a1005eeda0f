"""A PDF's text layer: characters placed where the page shows them, page chrome dropped,
wrapped lines rejoined into paragraphs."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from compare.errors import YoyError, YoyWarning
from compare.ingest.readers.plain_text import TRANSLATE, SourceText
from compare.text import NON_FINAL, STYLES, TERMINAL

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
# Labels that open a paragraph in a text without indents. Not 二是…: over the corpus's texts
# three in four of them go on a paragraph (…。二是…), and a wrap falls before them as before any
# other sentence; not a mark a comma follows (…巩固“两不愁三保障”成果 / （10），保持…): a
# footnote's reference, not a label.
_LIST_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十百]+、"
    r"|[（(][一二三四五六七八九十百\d]+[）)]"
    r"|\d+[.．、](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]"
    r"|[①-⑳])(?![，,、。；;])"
)


def _heading(text: str) -> bool:
    """Whether `text` opens with a section's label (一、 （三） 第二部分), not an item's (三是)."""
    return bool(_HEADING.match(text))


_HEADING = re.compile(r"(?:第[一二三四五六七八九十百]+(?:部分|章)|"
                      + "|".join(rx.pattern.lstrip("^") for name, rx in STYLES
                                 if "cn" in name) + ")")


def read_pdf(where: str, raw: bytes) -> SourceText:
    """The text of a PDF's text layer, one paragraph a line: characters placed where the page
    shows them (PDFium's boxes, not the order they were drawn in: a quote mark set in another
    font is drawn apart), lines rejoined into paragraphs by their geometry (`_unwrap`)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError:
        # PDFium fails a document without pages reporting no error
        reason = {pdfium.raw.FPDF_ERR_PASSWORD: "encrypted PDF (password required)",
                  None: "not a readable PDF (no pages)"}.get(
                      _load_error(raw), "not a readable PDF")
        raise YoyError(where, reason) from None
    try:
        if len(pdf) == 0:
            raise YoyError(where, "not a readable PDF (no pages)")
        read = [_page_lines(pdf[i]) for i in range(len(pdf))]
    except pdfium.PdfiumError:
        raise YoyError(where, "not a readable PDF") from None
    finally:
        pdf.close()
    pages = [lines for lines, _ in read]
    unread = [str(n) for n, (_, columns) in enumerate(read, 1) if columns]
    if unread:
        import warnings

        warnings.warn(YoyWarning(
            f"{where}: page {', '.join(unread)} may be set in two columns, read as one: "
            "its paragraphs may mix both columns' lines"), stacklevel=2)
    # A scan can still carry a text layer of page numbers only: chrome goes first.
    paragraphs = _unwrap(_wrapped_cells(
        [line for page in _drop_page_chrome(pages) for line in page]))
    if not paragraphs:
        raise YoyError(where, "no text layer (scanned?)")
    return SourceText("\n".join(paragraphs), raw, "pdf", None)


# PDFium fails these with known errors (no file, a security handler it does not know)
_FAILING = (b"", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                 b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n3 0 obj<</Filter/Unknown>>endobj\n"
                 b"trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<00><00>]>>\n%%EOF\n")


def _load_error(raw: bytes) -> int | None:
    """The error PDFium sets loading `raw`, None when it sets none. Its last error is the process's:
    a failure that sets none reports the one before (an encrypted file's, ingested just before), so
    each try follows a document failing with a known error, and a second one with another."""
    import pypdfium2 as pdfium

    for known in _FAILING:
        try:
            pdfium.PdfDocument(known)
        except pdfium.PdfiumError as e:
            before = e.err_code
        try:
            pdfium.PdfDocument(raw).close()
            return None
        except pdfium.PdfiumError as e:
            if e.err_code != before:
                return int(e.err_code)
    return None


@dataclass(frozen=True)
class _Line:
    text: str
    left: float  # where its first character starts, in points
    right: float  # where its last one ends
    size: float  # its font size
    y: float = 0.0  # its baseline, from the page's foot
    row: bool = False  # a table's row: cells apart on one line, joined by a tab
    cells: tuple[tuple[float, float], ...] = ()  # a row's cells: where each one's text starts, ends


_Char = tuple[str, float, float, float, float]  # character, left, right, baseline, font size


def _page_lines(page) -> tuple[list[_Line], bool]:
    """The page's text lines in reading order, each one's characters left to right; on a page
    set in two columns, the left column's lines before the right one's (`_columns`); and whether
    it may be set in columns that were not read as such."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    chars: list[_Char] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for k in range(textpage.count_chars()):
        # PDFium's own spaces and line breaks are guesses from the same geometry: ours decide
        if pdfium_c.FPDFText_IsGenerated(textpage, k):
            continue
        # a hyphen that ends a line is PDFium's U+0002: the glyph the page shows is "-"
        c = ("-" if pdfium_c.FPDFText_IsHyphen(textpage, k)
             else chr(pdfium_c.FPDFText_GetUnicode(textpage, k)).translate(TRANSLATE))
        left, _, right, _ = textpage.get_charbox(k, loose=True)
        # a space the document typed (县长 王 燕) is kept where it has a place on the line
        if c.strip() or (c in " \u3000" and right > left):
            pdfium_c.FPDFText_GetCharOrigin(textpage, k, ctypes.byref(x), ctypes.byref(y))
            chars.append((c if c.strip() else " ", left, right, y.value,
                          pdfium_c.FPDFText_GetFontSize(textpage, k) or 1.0))
    # one line: characters on one baseline (a quote or comma set in another font shares it, and may
    # be drawn after the line's other characters)
    chars.sort(key=lambda ch: -ch[3])
    rows: list[list[_Char]] = []
    for ch in chars:
        if rows and rows[-1][0][3] - ch[3] <= BASELINE * ch[4]:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    rows = [sorted(row, key=lambda ch: ch[1]) for row in rows
            if any(ch[0] != " " for ch in row)]
    ordered, unread = _columns(rows)
    parts = [part for part in ordered if any(ch[0] != " " for ch in part)]
    lines = [_joined(part) for part in parts]
    # a table's row whose cells wrapped close to each other (单位国内生产总值能耗和主要 继续下降…:
    # 1.4 font sizes apart) reads as one line: cut where the rows next to it have their cells
    for i, part in enumerate(parts):
        around = [lines[k] for k in (i - 1, i + 1) if 0 <= k < len(lines) and lines[k].row]
        if around and not lines[i].row:
            again = _joined(part, SPLIT)
            if again.row and all(_aligned(a, row, again.size) for row in around[:1]
                                 for a, _ in again.cells):
                lines[i] = again
    return [line for line in lines if line.text], unread


def _aligned(x: float, row: _Line, size: float) -> bool:
    """Whether `x` is where one of `row`'s cells starts (within CELL_ALIGN font sizes)."""
    return any(abs(a - x) <= CELL_ALIGN * size for a, _ in row.cells)


BASELINE = 0.3  # of the font size: baselines closer than this are one line
# of the font size: an empty stretch this wide on a line parts two columns, or two table cells
# (justified CJK text spreads its characters by a fraction of one; the reviewer's two-column print
# leaves 2.2 between its columns, its table's cells 5.6 or more)
GUTTER = 1.5
CELL_GAP = 3.0
# a page is set in columns when no more than this share of its lines crosses the gutter (its title,
# the delivery line) and at least COLUMN_ROWS lines have text on both sides of it
CROSSING = 0.2
COLUMN_ROWS = 3
# of the font size: a row of a page set in columns whose characters stand this far apart at the
# gutter is two columns' lines (a centred title's stand 0.0 apart, a left column's line widened by
# its digits 1.43 from the right one's in the verifier's 国务院 2023 print)
SPLIT = 1.0
GUTTER_MAX = 4.0
UNREAD_SHARE = 0.25  # of the font size: columns stand no further apart (the reviewer's: 2.2)


def _segments(row: list[_Char], gap: float) -> list[list[_Char]]:
    """`row` cut where its characters stand more than `gap` font sizes apart (a typed space
    bridges no gap: it goes with the characters before it)."""
    out: list[list[_Char]] = [[]]
    last = None
    for ch in row:
        if ch[0] != " ":
            if last is not None and ch[1] - last[2] > gap * max(last[4], ch[4]):
                out.append([])
            last = ch
        out[-1].append(ch)
    return [seg for seg in out if seg]


def _extent(seg: list[_Char]) -> tuple[float, float]:
    shown = [ch for ch in seg if ch[0] != " "] or seg
    return shown[0][1], shown[-1][2]


def _columns(rows: list[list[_Char]]) -> tuple[list[list[_Char]], bool]:
    """The page's rows in reading order, and whether the page may be set in columns not read as
    such (rows wholly on either side of a gutter, a quarter of its rows or more, but more than
    CROSSING of them across it). On a page set in two columns (an x that few rows cross,
    with rows wholly on each side of it, most left ones ending a gutter's width from where the
    right ones start), each run of rows between those that cross it (a title, the
    delivery line) is read down its left column and then down its right one; the right column's
    lines are moved onto the left one's margin, so that indents and the right edge read as in
    one column. The columns' baselines need not meet (a heading spaced apart in one of them)."""
    parted = [[_extent(seg) for seg in _segments(row, GUTTER)] for row in rows]
    if not rows:
        return rows, False
    lo = round(min(e[0][0] for e in parted))
    hi = round(max(e[-1][1] for e in parted))
    # for each x: the rows crossing it, the rows with text left of it and right of it (not
    # crossing), counted by adding and removing over ranges (a row's spans are apart)
    width = hi - lo + 2
    crossing, on_left, on_right = [0] * width, [0] * width, [0] * width

    def add(counts: list[int], a: int, b: int, n: int) -> None:
        if a <= b:
            counts[a - lo] += n
            counts[b - lo + 1] -= n

    for extents in parted:
        spans = [(round(a), round(b)) for a, b in extents]
        first, last = spans[0][0], spans[-1][1]
        add(on_left, first + 1, hi, 1)
        add(on_right, lo, last - 1, 1)
        for a, b in spans:
            add(crossing, a, b, 1)
            add(on_left, max(a, first + 1), b, -1)
            add(on_right, a, min(b, last - 1), -1)
    for counts in (crossing, on_left, on_right):
        for k in range(1, width):
            counts[k] += counts[k - 1]
    sizes = sorted(ch[4] for row in rows for ch in row)
    size = sizes[len(sizes) // 2]

    def gutter_at(share: float, both: int) -> int | None:
        """The gutter: an x at most `share` of the rows cross, with `both` rows or more wholly
        on each side, the left ones ending a gutter's width from the right ones."""
        fits = [x for x in range(lo, hi + 1) if crossing[x - lo] <= share * len(rows)
                and min(on_left[x - lo], on_right[x - lo]) >= both]
        if not fits:
            return None
        best = max(min(on_left[x - lo], on_right[x - lo]) for x in fits)
        run = [x for x in fits if min(on_left[x - lo], on_right[x - lo]) == best]
        gutter = run[len(run) // 2]
        # a column's lines run to its edge, a gutter's width from the next column; a table's left
        # cells, parted from their right ones as columns are, end where their text does, most far
        # from the next cells (序号 | 事项, 指标 | 预期目标)
        apart = [extents for extents in parted if not any(a < gutter < b for a, b in extents)]
        ends = [max(b for _, b in e if b <= gutter) for e in apart if e[0][0] < gutter]
        starts = [min(a for a, _ in e if a >= gutter) for e in apart if e[-1][1] > gutter]
        # where most left parts end (a title block's lines and a paragraph's last aside)
        edge = Counter(round(end) for end in ends).most_common(1)[0][0]
        return None if min(starts) - edge > GUTTER_MAX * size else gutter

    found = gutter_at(CROSSING, COLUMN_ROWS)
    if found is None:
        # columns under a title block too tall to read them by (more rows than CROSSING across
        # the gutter): said, not guessed; a table of three cells or more (a 台账 printed) is none
        table = sum(len(extents) > 2 for extents in parted) >= COLUMN_ROWS
        below = None if table else gutter_at(
            1.0, max(COLUMN_ROWS, round(UNREAD_SHARE * len(rows))))
        if below is None:
            return rows, False
        # the rows across it are the page's top block, above the first one in the right column
        # (a table's long cells cross it anywhere)
        across = [any(a < below < b for a, b in extents) for extents in parted]
        top = next((k for k, (x, extents) in enumerate(zip(across, parted, strict=True))
                    if not x and extents[-1][1] > below), len(across))
        # and most lines left of it end at one edge, as a column's do (a table's cells are ragged)
        ends = [round(max(b for _, b in e if b <= below))
                for e, x in zip(parted, across, strict=True) if not x and e[0][0] < below]
        edge = sum(abs(end - Counter(ends).most_common(1)[0][0]) <= size for end in ends)
        return rows, sum(across[top:]) < COLUMN_ROWS and edge * 2 > len(ends)
    gutter = found
    left: list[list[_Char]] = []
    right: list[list[_Char]] = []
    out: list[list[_Char]] = []

    def flush() -> None:
        if left and right:
            shift = (Counter(round(_extent(r)[0]) for r in right).most_common(1)[0][0]
                     - Counter(round(_extent(r)[0]) for r in left).most_common(1)[0][0])
            right[:] = [[(c, a - shift, b - shift, y, s) for c, a, b, y, s in r] for r in right]
        out.extend(left + right)
        left.clear()
        right.clear()

    for row in rows:
        if _crosses(row, gutter):
            flush()
            out.append(row)
            continue
        for side, part in ((left, [ch for ch in row if ch[2] <= gutter]),
                           (right, [ch for ch in row if ch[2] > gutter])):
            if any(ch[0] != " " for ch in part):
                side.append(part)
    flush()
    return out, False


def _crosses(row: list[_Char], gutter: float) -> bool:
    """Whether `row` runs across the gutter (a title, the delivery line), not two columns' lines on
    one baseline: its characters either side of the gutter stand closer than SPLIT font sizes. A
    left column's line set wider by its digits (…城镇调查失业 / 率降到5.5%…) may come closer to the
    right one's than GUTTER, and is still two lines."""
    shown = [ch for ch in row if ch[0] != " "]
    left = [ch for ch in shown if ch[1] + ch[2] < 2 * gutter]
    right = [ch for ch in shown if ch[1] + ch[2] >= 2 * gutter]
    return bool(left and right) and \
        right[0][1] - left[-1][2] <= SPLIT * max(left[-1][4], right[0][4])


def _joined(row: list[_Char], gap: float = CELL_GAP) -> _Line:
    """A line of characters as text: a gap between Latin letters or digits is a space; Chinese
    text has none (a gap there is justification or autospacing), but keeps a space it typed. A
    line whose characters stand apart in cells (a table's row) has its cells joined by a tab, as
    the .docx reader joins a table's."""
    row = row[:]
    while row and row[0][0] == " ":
        row.pop(0)
    while row and row[-1][0] == " ":
        row.pop()
    if not row:
        return _Line("", 0.0, 0.0, 1.0)
    cells = []
    starts = []
    for cell in _segments(row, gap):
        starts.append(_extent(cell))
        text = cell[0][0]
        for (a, _, a_right, _, size), (b, b_left, _, _, _) in zip(cell, cell[1:], strict=False):
            if b_left - a_right > WORD_GAP * size and a.isascii() and b.isascii():
                text += " "
            text += b
        cells.append(re.sub(r" +", " ", text).strip())
    sizes = sorted(ch[4] for ch in row if ch[0] != " ")
    return _Line("\t".join(c for c in cells if c), row[0][1], row[-1][2],
                 sizes[len(sizes) // 2], row[0][3], len(cells) > 1,
                 tuple(a for a, c in zip(starts, cells, strict=True) if c)
                 if len(cells) > 1 else ())


def _wrapped_cells(lines: list[_Line]) -> list[_Line]:
    """A table's cells wrapped onto lines of their own joined to their row. A line right under a
    row that starts where one of the row's cells after the first does (within CELL_ALIGN font
    sizes) continues that cell (城镇新增就业 | 1200万人左右，城镇调查失业 / 率5.5%左右); a row under
    one with a cell filled to the next (within CELL_FULL font sizes of its start: a cell that
    wrapped), its cells where that one's are, continues it cell by cell (单位国内生产总值能耗和主要
    | 继续下降… / 污染物排放量 | 消费…)."""
    out: list[_Line] = []
    for line in lines:
        above = out[-1] if out else None
        if above is None or not above.row:
            out.append(line)
            continue
        cells = above.text.split("\t")
        if not line.row:
            near = min(range(len(above.cells)), key=lambda k: abs(above.cells[k][0] - line.left))
            if not near or not _aligned(line.left, above, line.size):
                out.append(line)
                continue
            cells[near] += line.text
            ends = {near: line.right}
        else:
            wrapped = any(b >= c - CELL_FULL * above.size
                          for (_, b), (c, _) in zip(above.cells, above.cells[1:], strict=False))
            at = [min(range(len(above.cells)), key=lambda k: abs(above.cells[k][0] - a))
                  for a, _ in line.cells]
            if not wrapped or len(set(at)) < len(at) or \
                    not all(_aligned(a, above, line.size) for a, _ in line.cells):
                out.append(line)
                continue
            for k, text in zip(at, line.text.split("\t"), strict=True):
                cells[k] += text
            ends = {k: b for k, (_, b) in zip(at, line.cells, strict=True)}
        # whether a cell wrapped again is told by where the line joined last ends
        out[-1] = replace(above, text="\t".join(cells), right=max(above.right, line.right),
                          cells=tuple((a, ends.get(k, a)) for k, (a, _) in enumerate(above.cells)))
    return out


CELL_ALIGN = 1.0
CELL_FULL = 1.5


WORD_GAP = 0.15  # of the font size: a gap this wide between Latin characters is a space


def _drop_page_chrome(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop page numbers and running headers/footers: lines near the top or bottom
    that repeat on most pages, at one height, once their digits are masked (a title printed
    as the running header reads, 政府工作报告, is kept: it stands lower on its page)."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))

    def seen(edge: slice) -> dict[str, list[tuple[int, float]]]:
        where: dict[str, list[tuple[int, float]]] = {}
        for n, page in enumerate(pages):
            for line in page[edge]:
                where.setdefault(key(line), []).append((n, line.y))
        return where

    top, bottom = seen(slice(None, _EDGE)), seen(slice(-_EDGE, None))

    def running(where: dict[str, list[tuple[int, float]]], line: _Line) -> bool:
        count = len({n for n, y in where.get(key(line), []) if abs(y - line.y) <= line.size})
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
# of the font size: a line ending this far short of the column's right edge is no wrap, unless it
# ends where no paragraph ends (，、“) or the next line opens on a Latin word or a number that did
# not fit, perhaps after a character and a quote (…确保年底完成 / HS20、HS40…; …素养。实 /
# 施“10+10+N”…): a justified column's wraps are full, a left-aligned one's fall short by a word
# (…严厉打击“违规代 / 办”…: 3); the reviewer's delivery line (——…会议上) above the speaker's
# (…县长 王 燕) is 11 short
SHORT_LINE = 6.0
_UNBROKEN = re.compile(r"[^\W\d_]?[“\"‘(（]?[0-9A-Za-z]")
# of the font size: no word or number that did not fit leaves a line this far short of the
# edge; a line shorter still ends its paragraph whatever the next one opens with (附件1 /
# 2024年省十件民生实事, a PDF of 广东省 2024: not 附件12024年…)
UNFIT_ROOM = 15.0
# a line whose font size differs from the line before's by more than this share opens a paragraph
# (a title set large above its delivery line)
SIZE_STEP = 0.2


def _unwrap(lines: list[_Line]) -> list[str]:
    """Join lines the layout wrapped mid-paragraph; returns stripped paragraphs.

    A table's row is a paragraph of its own, and so is a line set in another size than the one
    before. When the document indents its paragraphs (most lines after a sentence end start right
    of the text's left edge), a line opens a paragraph when it is indented, when the line before
    ended a sentence short of the column's right edge or the line opens with a section's label,
    or when the line before fell well short of the edge: a wrap that falls right after 。 on a
    full line does not split the paragraph, and an item label (三是…) at the start of a wrapped
    line is no paragraph. Without indents, a line continues the one before when that is full (or
    short of it by a word or a number that did not fit) and the line is no label; a wrap right
    after 。 is taken as a wrap (a paragraph ending there at the edge is glued to the next, the
    text layer has no other cue), unless the line stands alone ending no sentence: a heading.
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
    short = [line.right < right - SHORT_LINE * size for line in lines]
    far = [line.right < right - UNFIT_ROOM * size for line in lines]
    ends_sentence = [text.rstrip(_CLOSERS).endswith(_SENTENCE_END) for text in texts]
    after_end = [indented[i + 1] for i in range(len(lines) - 1) if ends_sentence[i]]
    by_indent = len(after_end) >= 2 and sum(after_end) * 2 > len(after_end)

    out: list[str] = []
    for i, text in enumerate(texts):
        if out:
            if lines[i].row or lines[i - 1].row or abs(lines[i].size - lines[i - 1].size) > \
                    SIZE_STEP * min(lines[i].size, lines[i - 1].size):
                opens = True
            elif by_indent:
                # a heading printed at the margin opens after a sentence's end however full that
                # line (…防范金融风险。 / 四、全面加强政府自身建设); so does any line after one that
                # stops well short of the edge where a paragraph may end (the delivery line)
                opens = (indented[i]
                         or (ends_sentence[i - 1] and (not full[i - 1] or _heading(text)))
                         or (short[i - 1] and texts[i - 1][-1] not in NON_FINAL
                             and not (_UNBROKEN.match(text) and not far[i - 1])))
            else:
                # a line standing alone after a full line ending a sentence, itself ending none,
                # is a heading (…提出意见。 / 2021年主要工作回顾, …。 / 名词解释): a paragraph's
                # last line ends one
                # a line short of the edge by a Latin word or a number that did not fit goes on
                # (…落实“十个一”要求 / （11），开展…), as in an indented text
                opens = ((not full[i - 1] and (short[i - 1] or ends_sentence[i - 1]
                                               or not _UNBROKEN.match(text)))
                         or bool(_LIST_LABEL.match(text))
                         or (ends_sentence[i - 1] and not full[i] and not ends_sentence[i]
                             and text[-1] not in NON_FINAL))
            if not opens:
                previous = texts[i - 1]
                # Latin words wrapped at a space lost that space; CJK needs none.
                latin = previous[-1] in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,"
                out[-1] += (" " if latin and text[0].isascii() and text[0].isalnum() else "") + text
                continue
        out.append(text)
    return out
