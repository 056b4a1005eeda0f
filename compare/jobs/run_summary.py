"""`<out>/运行摘要.csv`: what `yoy run` keeps in the output folder, a row per output, for the
office that opens it in Excel or Calc (review ua23 M2: a province's run over 50 regions left only
its terminal lines saying which cities failed).

One row per pair (its comparison workbook), per tracker and per 台账 of a year not reviewed yet,
and per stored report file that cannot be read: region, kind, what it is, up to date or failed
with the reason, its path from the output folder. A failure stays listed until it is fixed: a
failed pair, tracker or 台账 is never recorded as done (run_state.RunState.fail), so every run
tries it again and lists it again. The status says what the file is now, not what this run did
to it ("done" on the first run, "up to date" on the next, would rewrite an unchanged folder's
summary): what a run did is in its terminal lines. Rows in a fixed order, paths from the output
folder: the same folder gives the same bytes, and a file that would not change is not written
again (an unchanged rerun rewrites nothing).

A clerk's own columns (备注 typed beside yoy's) are read back and written again, each cell on its
row by the row's 文件 (`clerk_notes`), from a file saved in UTF-8 (yoy's own, Calc's "Unicode
(UTF-8)", Excel's "CSV UTF-8") or GBK/GB18030 (Excel's "CSV (逗号分隔)" on a Chinese Windows); a
file whose saver turned its Chinese into `?` holds no note that can be read back (`lossy`).
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

SUMMARY = {"zh": "运行摘要.csv", "en": "运行摘要-en.csv"}
HEADS = {"zh": ("地区", "报告类型", "内容", "状态", "原因", "文件"),
         "en": ("Region", "Kind", "Output", "Status", "Reason", "File")}
WORDS = {"zh": {"pair": "{old}—{new}年对比", "tracker": "多年跟踪表", "plan": "{year}年台账",
                "report": "报告文件", "ok": "已是最新", "failed": "失败"},
         "en": {"pair": "{old}→{new} comparison", "tracker": "multi-year tracker",
                "plan": "{year} plan sheet", "report": "report file", "ok": "up to date",
                "failed": "failed"}}


class Notes(NamedTuple):
    """The columns a clerk added to the summary: her headers, each with yoy's header it stands
    right of ("" at the start), and the row's 文件 → her cells there, in `heads`' order."""
    heads: tuple[tuple[str, str], ...]
    cells: dict[str, tuple[str, ...]]


class Written(NamedTuple):
    path: Path
    kept: Path | None   # the copy a clerk edited, kept as a backup
    lossy: bool         # its saver turned its Chinese into "?": her notes not read back


class Row(NamedTuple):
    region: str
    kind: str
    what: str        # "pair", "tracker", "plan", "report"
    years: tuple[int, ...]
    path: Path       # the output (or the stored report that failed)
    reason: str      # why it failed ("": it is up to date)


def summary_path(out: Path, lang: str) -> Path:
    return Path(out) / SUMMARY[lang]


def summary_bytes(rows: Iterable[Row], out: Path, lang: str,
                  templates: Path | None = None, notes: Notes | None = None) -> bytes:
    """The CSV (UTF-8 with a BOM, so that Excel reads the Chinese; CRLF lines, as Excel writes);
    `templates`: the user's, which name the kinds; `notes`: a clerk's columns, written again where
    she put them.

    >>> row = Row("盐田区", "gov-work-report", "tracker", (), Path("out/盐田区/t.xlsx"), "")
    >>> notes = Notes((("备注", "状态"),), {"盐田区/t.xlsx": ("已督促",)})
    >>> summary_bytes([row], Path("out"), "zh", notes=notes).decode("utf-8-sig").splitlines()[1]
    '盐田区,政府工作报告,多年跟踪表,已是最新,已督促,,盐田区/t.xlsx'
    """
    from compare.workbook.ledger import kind_name
    words, buffer = WORDS[lang], io.StringIO()
    names: dict[str, str] = {}
    writer = csv.writer(buffer, lineterminator="\r\n")
    notes = notes or Notes((), {})
    blank = ("",) * len(notes.heads)

    def placed(cells: tuple[str, ...], hers: tuple[str, ...]) -> list[str]:
        """yoy's `cells` with hers after the column each stands right of."""
        line = [h for h, after in zip(hers, notes.heads, strict=True) if after == ""]
        for head, cell in zip(HEADS[lang], cells, strict=True):
            line += [cell, *(h for h, (_, after) in zip(hers, notes.heads, strict=True)
                             if after == head)]
        return line

    writer.writerow(placed(HEADS[lang], tuple(h for h, _ in notes.heads)))
    order = {"pair": 0, "tracker": 1, "plan": 2, "report": 3}
    for row in sorted(rows, key=lambda r: (r.region, r.kind, order[r.what], r.years, r.path)):
        years = dict(zip(("old", "new") if row.what == "pair" else ("year",), row.years,
                         strict=False))
        if row.kind not in names:
            # as the workbooks' titles name it (review ua24: a clerk read gov-work-report)
            names[row.kind] = kind_name(row.kind, templates, lang)
        where = _from(row.path, out)
        writer.writerow(placed((row.region, names[row.kind], words[row.what].format(**years),
                                words["failed" if row.reason else "ok"], row.reason, where),
                               notes.cells.get(where, blank)))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _from(path: Path, out: Path) -> str:
    """`path` from the output folder (so the file is the same wherever the folder is), else as
    given (a stored report)."""
    try:
        return Path(path).relative_to(out).as_posix()
    except ValueError:
        return str(path)


def decode(data: bytes) -> str:
    """A summary's text as saved: UTF-8 (yoy's, with its BOM, or without), else GB18030 (a
    superset of GBK: Excel's "CSV (逗号分隔)" on a Chinese Windows). Nothing else is tried: a
    Western code page cannot hold Chinese, and its saver has turned it into "?" already
    (`lossy`)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def lossy(text: str, written: bytes) -> bool:
    """Whether a summary whose yoy's version (`written`, what yoy would write) holds Chinese was
    saved as `text` by a program that turned every Chinese character into "?" (LibreOffice Calc's
    CSV filter in Windows-1252, Excel's "CSV (Comma delimited)" on a Western Windows)."""
    return "?" in text and _HAN.search(text) is None and _HAN.search(written.decode()) is not None


_HAN = re.compile(r"[\u3400-\u9fff]")


def clerk_notes(text: str, lang: str) -> Notes | None:
    """The columns a clerk added to the summary `text` (a header yoy's has not), read back by the
    row's 文件. None when she added none, or yoy's own columns are not each there once (a header
    renamed: her cells cannot be told from yoy's); the file is kept as a backup all the same.

    >>> clerk_notes("地区,备注,报告类型,内容,状态,原因,文件\\n盐田区,已督促,x,y,z,,a.xlsx\\n", "zh")
    Notes(heads=(('备注', '地区'),), cells={'a.xlsx': ('已督促',)})
    """
    heads = HEADS[lang]
    for delimiter in (",", ";", "\t"):   # a European Excel saves "CSV" with semicolons
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        if table and all(table[0].count(h) == 1 for h in heads):
            break
    else:
        return None
    mine, after, head_row = [], "", table[0]
    for n, head in enumerate(head_row):
        if head in heads:
            after = head
        else:
            mine.append((n, head, after))
    if not mine:
        return None
    at = head_row.index(heads[-1])
    cells = {row[at]: tuple(row[n] if n < len(row) else "" for n, _, _ in mine)
             for row in table[1:] if len(row) > at}
    return Notes(tuple((head, after) for _, head, after in mine),
                 {where: hers for where, hers in cells.items() if any(hers)})


def write_summary(rows: Iterable[Row], out: Path, lang: str, templates: Path | None = None,
                  keep: Callable[[Path, str | None], Path | None] | None = None) -> Written:
    """Write the summary unless the file already holds these bytes, a clerk's columns in the file
    there written again (`clerk_notes`): its path, where `keep` (path, the SHA-256 yoy last wrote
    there) kept a copy a clerk edited (jobs.guard.keep_unless_written; None for that SHA-256: keep
    it whatever it is, her notes on a row no longer listed being there alone), and whether its
    saver lost its Chinese. That SHA-256 is kept beside it (.<name>.sha256): the parse cache, where
    workbooks' are recorded, is pruned every run."""
    import hashlib

    from compare.files import atomic_write
    rows = list(rows)
    path = summary_path(out, lang)
    mark = path.with_name(f".{path.name}.sha256")
    try:
        old: bytes | None = path.read_bytes()
    except OSError:
        old = None
    try:
        written: str | None = mark.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        written = None
    data = summary_bytes(rows, out, lang, templates)
    text = decode(old) if old is not None else ""
    edited = old is not None and hashlib.sha256(old).hexdigest() != written
    lost = edited and lossy(text, data)
    notes = None if lost or old is None else clerk_notes(text, lang)
    if notes is not None:
        data = summary_bytes(rows, out, lang, templates, notes)
    if old == data:
        return Written(path, None, False)
    listed = {_from(row.path, out) for row in rows}
    dropped = notes is not None and any(where not in listed for where in notes.cells)
    kept = keep(path, None if dropped else written) if keep is not None else None
    atomic_write(path, data)
    atomic_write(mark, hashlib.sha256(data).hexdigest().encode("ascii"))
    return Written(path, kept, lost)


def lossy_line(path: Path, kept: Path | None) -> str:
    """What a run says of a summary whose saver lost its Chinese (`lossy`)."""
    return (f"{path}: the program that saved it did not save it in UTF-8: its Chinese characters "
            "were turned into '?' there, so yoy cannot read the notes typed into it back"
            + (f" (the file is kept as {kept})" if kept else "")
            + "; to keep notes, save it in UTF-8 (LibreOffice Calc: Save As → Text CSV, tick "
            "'Edit filter settings', Character set 'Unicode (UTF-8)'; Excel: 'CSV UTF-8') and "
            "type them again")
