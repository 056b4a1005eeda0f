"""Reading any yoy workbook back: opened with its expansion checked, damaged parts refused in one
line, its hidden _yoy sheet, merged ranges, and cells as the text they hold.

    workbook_format(xlsx)      → yoy-workbook/1 (a comparison) or yoy-plan/1 (a plan sheet)
    read_provenance(xlsx)      → the _yoy sheet's key → value
"""
from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from compare.errors import YoyError
from compare.ingest.readers import check_expansion
from compare.workbook.cells import CUT_MARK
from compare.workbook.template import PROVENANCE_SHEET, Term


def read_or_refuse(xlsx: Path, read: Callable[..., Any], *args: Any) -> Any:
    """read(*args), a damaged part of the workbook (XML cut short, strings that are not)
    refused in one line."""
    try:
        return read(*args)
    except (SyntaxError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as e:
        raise YoyError(xlsx, f"cannot read workbook: {first_line(e)}") from None


def first_line(e: BaseException) -> str:
    text = (e.strerror if isinstance(e, OSError) and e.strerror else str(e)).strip().splitlines()
    return text[0][:200] if text else type(e).__name__


def provenance_sheet(wb: Any, xlsx: Path) -> dict:
    """The key → value pairs of the hidden _yoy sheet."""
    if PROVENANCE_SHEET not in wb.sheetnames:
        # a unit may have deleted the hidden sheet (its tab is shown by 取消隐藏): say what it is
        # and what to do rather than doubt who wrote the file
        raise YoyError(xlsx, f"no {PROVENANCE_SHEET} sheet (the hidden sheet yoy writes, recording "
                             "the report, the periods and what each cell was written with): it "
                             "was deleted or the file was not written by yoy; import a copy of the "
                             "file yoy wrote that keeps it")
    return read_or_refuse(xlsx, lambda: {str(row[0]): row[1] for row in
                                         wb[PROVENANCE_SHEET].iter_rows(min_row=2, values_only=True)
                                         if len(row) > 1 and row[0] is not None})


def merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """The merged cells of a read-only sheet as (first row, first column, last row, last column),
    from 1. openpyxl's read-only sheets do not give them, so they are read from the sheet's XML
    (its <mergeCell ref="A1:B3"/> elements follow the rows)."""
    from openpyxl.utils import range_boundaries

    # the sheet's XML part, as openpyxl's read-only rows read it
    source = getattr(ws, "_get_source", None)
    if source is None:
        return []
    with source() as f:
        xml = f.read()
    found = []
    for ref in re.findall(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"', xml):
        min_col, min_row, max_col, max_row = (int(n or 0) for n in range_boundaries(ref.decode()))
        found.append((min_row, min_col, max_row, max_col))
    return found


# The rows a sheet's header is looked for in: a title row above it, perhaps a line a person added.
HEADER_ROWS = 5


def under_merged(ws: Any, header_row: int, columns: list[tuple[str, str]], at: dict[str, int],
                 where: str, unknown: dict[int, str] | None = None) -> list[str]:
    """The columns under a header cell merged over several (存在问题 and 下一步措施 merged as
    存在问题及下一步措施, 复核状态 over 复核意见: Calc keeps the heading in the first cell only),
    read by their place beside a column the merge covers whose header yoy knows: those after it
    as the columns yoy wrote after it, those before it (the first cell retitled 复核状态及意见
    over 复核意见 kept in the second) as the columns yoy wrote before it, in order, where `at`
    (a column's key → its index, from 0) misses them: what is typed under them is never dropped
    for want of a heading. A merge with no such column is left alone (nothing tells its columns
    apart). `columns` are the sheet's (key, printed name) in yoy's order; adds to `at`, takes the
    columns so read out of `unknown` (index → a header yoy does not know) and returns a warning
    for each."""
    from openpyxl.utils import get_column_letter

    from compare.text import quoted

    order = [key for key, _ in columns]
    names = dict(columns)
    warnings = []
    for top, left, bottom, right in merged_ranges(ws):
        if not top <= header_row <= bottom or right == left:
            continue
        span = range(left - 1, right)   # the merged cell's columns, from 0
        known = [i for k, i in at.items() if i in span and k in order]
        if not known:
            continue
        first = min(known)
        # after the first known column, each to the right of a read one; before it, leftwards
        steps = [(i, i - 1) for i in span if i > first] + [
            (i, i + 1) for i in reversed(span) if i < first]
        for i, beside in steps:
            by_index = {j: k for k, j in at.items()}
            if i in by_index or by_index.get(beside) not in order:
                continue
            anchor = by_index[beside]
            n = order.index(anchor)
            candidates = order[n + 1:] if i > beside else list(reversed(order[:n]))
            key = next((k for k in candidates if k not in at), None)
            if key is None:
                continue
            at[key] = i
            if unknown is not None:
                unknown.pop(i, None)
            side = "after" if i > beside else "before"
            warnings.append(
                f"{where}: sheet {ws.title}: column {get_column_letter(i + 1)}, under the header "
                f"merged over {get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}, "
                f"is read as {quoted(names[key])}, the column yoy wrote {side} "
                f"{quoted(names[anchor])}")
    return warnings


def merged_heads(ws: Any, header_row: int, at: dict[str, int]) -> set[int]:
    """The columns (from 0) whose header cell heads a merge over several columns without being
    one yoy reads (under_merged placed what it could): a retitled merge whose columns nothing
    tells apart, so what is typed under it belongs to no column for sure."""
    read = set(at.values())
    return {left - 1 for top, left, bottom, right in merged_ranges(ws)
            if top <= header_row <= bottom and right > left and left - 1 not in read}


def header_row(ws: Any, names: Callable[[Any], bool]) -> int:
    """The header of a sheet: of its first HEADER_ROWS rows, the one naming most columns (`names`
    says whether a cell's value names one), counted from 1; 0 when none names any."""
    scores: list[int] = [sum(1 for v in row if v is not None and names(v))
                         for row in ws.iter_rows(min_row=1, max_row=HEADER_ROWS, values_only=True)]
    best = max(scores, default=0)
    return scores.index(best) + 1 if best else 0


def typed_value(c: Any, sheet: str, xlsx: Path | str, warnings: list[str],
                coord: str | None = None) -> Any:
    """A cell's value; a formula is kept as the text typed (Excel may never have
    computed it, and a computed entry is not one), with a warning saying what the cell shows
    once the file is written again. `coord`: the cell's, where `c` does not know it."""
    if getattr(c, "data_type", None) != "f":
        return c.value
    text = c.value if isinstance(c.value, str) else getattr(c.value, "text", None) or str(c.value)
    warnings.append(f"{xlsx}: sheet {sheet} cell {coord or c.coordinate}: a formula, kept as its "
                    f"text {text!r}, which the file written again shows instead of its result "
                    "(type the value itself to keep the value)")
    return text


# The first bytes of an OLE2 compound file: an Excel 97–2003 workbook (.xls), which openpyxl
# cannot read; a unit saving "as Excel" in an old dialog sends one back.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLS_REASON = ("an Excel 97–2003 workbook (.xls), which yoy cannot read: open it in Excel or "
              "LibreOffice and save it as an Excel workbook (.xlsx), then import that")


# A password-protected .xlsx is an OLE2 file too, holding the encrypted workbook and this stream
# (its name in UTF-16): saving it again as .xlsx keeps the password, so it is named as what it is.
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
ENCRYPTED_REASON = ("password-protected (encrypted), which yoy cannot read: open it, save a copy "
                    "without the password (in LibreOffice: 另存为, untick 使用密码保存; in Excel: "
                    "文件 > 信息 > 保护工作簿 > 用密码进行加密, clear it), then import that")
# Calc's own format (OpenDocument): a zip whose first entry, `mimetype`, names it.
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
ODS_REASON = ("a LibreOffice Calc spreadsheet (.ods), which yoy cannot read: in Calc use 另存为 "
              "and the file type Excel 2007-365 (.xlsx), then import that")


def _head(path: Path, n: int) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(n)
    except OSError:
        return b""


def is_xls(path: Path) -> bool:
    """Whether `path` is an Excel 97–2003 (.xls) file, by its first bytes (a .xls renamed .xlsx
    too)."""
    return _head(path, len(OLE2_MAGIC)) == OLE2_MAGIC


def is_encrypted(path: Path) -> bool:
    """Whether `path` is a password-protected Excel workbook (an OLE2 file holding
    EncryptionInfo), whatever its name."""
    return is_xls(path) and ENCRYPTED_MARK in _head(path, 1 << 16)


def is_ods(path: Path) -> bool:
    """Whether `path` is an OpenDocument spreadsheet (.ods), by its bytes: its mimetype entry."""
    return ODS_MIME in _head(path, 100)


def is_spreadsheet(path: Path) -> bool:
    """Whether `path` may hold cells a person typed: a zip (.xlsx, .ods) or an OLE2 file (.xls,
    a password-protected .xlsx), whatever yoy can read of it; not an empty or a text file."""
    return _head(path, 2) == b"PK" or is_xls(path)


def unreadable(path: Path) -> str | None:
    """Why `path` is no workbook yoy can open, by its first bytes, in words a user acts on (None:
    it may be one)."""
    if is_encrypted(path):
        return ENCRYPTED_REASON
    if is_xls(path):
        return XLS_REASON
    if is_ods(path):
        return ODS_REASON
    head = _head(path, 4096)
    if not head:
        return "the file is empty (0 bytes): import the workbook yoy wrote, with the entries"
    if not head.startswith(b"PK"):
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as e:
            if e.start < len(head) - 4:   # not a character cut at the end of what was read
                try:
                    head.decode("gb18030")
                except UnicodeDecodeError:
                    return None
        return ("a text file (a CSV or a page saved under an .xlsx name?), not an Excel "
                "workbook: import the .xlsx yoy wrote, with the entries")
    return None


NOT_XLSX = ("not an .xlsx workbook, or one cut short (a download or copy broken off): open it in "
            "Excel or LibreOffice and save it as an Excel workbook (.xlsx), or send it again")


def open_workbook(xlsx: Path) -> Any:
    """A yoy workbook opened for reading, its expansion checked before openpyxl sees it."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    if (why := unreadable(xlsx)) is not None:
        raise YoyError(xlsx, why)
    try:
        with zipfile.ZipFile(xlsx) as zf:
            check_expansion(xlsx, zf.infolist())
        # formulas as typed (data_only would give None for a formula Excel never computed)
        return load_workbook(xlsx, read_only=True, data_only=False)
    except zipfile.BadZipFile:
        # Python's "File is not a zip file" tells a clerk nothing (review ua24)
        raise YoyError(xlsx, f"cannot read workbook: {NOT_XLSX}") from None
    except (OSError, KeyError, ValueError, InvalidFileException) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else e
        raise YoyError(xlsx, f"cannot read workbook: {reason}") from None


def workbook_format(xlsx: Path) -> str | None:
    """The format a yoy workbook records in its _yoy sheet (yoy-workbook/1, yoy-plan/1)."""
    return as_text(read_provenance(xlsx).get("format"))


def format_of(wb: Any, xlsx: Path) -> str | None:
    """workbook_format of a workbook already open (opening one costs as much as reading it)."""
    return as_text(provenance_sheet(wb, xlsx).get("format"))


def read_provenance(xlsx: Path) -> dict:
    """The key → value pairs of a yoy workbook's hidden _yoy sheet (its provenance and settings)."""
    wb = open_workbook(Path(xlsx))
    try:
        return provenance_sheet(wb, Path(xlsx))
    finally:
        wb.close()


def status_key(terms: dict[str, Term], raw: str) -> str | None:
    """The vocabulary key for a label in either language, an alias, or the key itself."""
    wanted = raw.strip().casefold()
    return next((k for k, t in terms.items()
                 if wanted in (k.casefold(), t.zh.casefold(), t.en.casefold(),
                               *(a.casefold() for a in t.aliases))),
                None)


def as_text(value: Any) -> str | None:
    """A cell as stored text; Excel turns typed dates into datetimes and ids into numbers."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(
            " ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()
    return text or None


def uncut(text: str | None) -> str | None:
    """A cell's text without yoy's cut marker and what follows it."""
    cut = CUT_MARK.search(text) if text else None
    return text[:cut.start()] if text and cut else text


def column_text(values: list[Any], at: dict[str, int], key: str) -> str | None:
    """The text in column `key` of a row, None when the sheet has no such column or
    the row stops short."""
    return as_text(values[at[key]]) if key in at and at[key] < len(values) else None
