"""A Word .docx: paragraphs and tables in document order, list labels as Word prints them;
the size limit of an archive's parts (shared with the review workbooks)."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from compare.errors import YoyError
from compare.ingest.readers.plain_text import SourceText, clean_lines

# What the parts of a .docx or .xlsx may expand to, together.
MAX_UNZIPPED = 200_000_000
# The largest list start Word accepts (w:start, w:startOverride).
MAX_LIST_START = 32_767

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def check_expansion(where: object, infos: list[zipfile.ZipInfo],
                    max_unzipped: int = MAX_UNZIPPED) -> None:
    """Refuse an archive whose parts expand beyond `max_unzipped` bytes. zipfile stops
    inflating at the declared size, so the declared sizes bound the memory a parser of
    the parts (python-docx, openpyxl) can use."""
    if sum(info.file_size for info in infos) > max_unzipped:
        raise YoyError(where, "archive expands beyond the limit (zip bomb?)")


def read_docx(where: str, raw: bytes, max_unzipped: int) -> SourceText:
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
    lines = clean_lines(lines)
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
            elif el.tag == _w("cr") or (el.tag == _w("br")
                                        and el.get(_w("type")) in (None, "textWrapping")):
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
            raise YoyError(self._where, f"list numbering starts at {level.start}, outside Word's "
                                        f"0…{MAX_LIST_START}")
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
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "japaneseCounting"):
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

