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
"""
from __future__ import annotations

import csv
import io
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
                  templates: Path | None = None) -> bytes:
    """The CSV (UTF-8 with a BOM, so that Excel reads the Chinese; CRLF lines, as Excel writes);
    `templates`: the user's, which name the kinds."""
    from compare.workbook.ledger import kind_name
    words, buffer = WORDS[lang], io.StringIO()
    names: dict[str, str] = {}
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADS[lang])
    order = {"pair": 0, "tracker": 1, "plan": 2, "report": 3}
    for row in sorted(rows, key=lambda r: (r.region, r.kind, order[r.what], r.years, r.path)):
        years = dict(zip(("old", "new") if row.what == "pair" else ("year",), row.years,
                         strict=False))
        if row.kind not in names:
            # as the workbooks' titles name it (review ua24: a clerk read gov-work-report)
            names[row.kind] = kind_name(row.kind, templates, lang)
        writer.writerow((row.region, names[row.kind], words[row.what].format(**years),
                         words["failed" if row.reason else "ok"], row.reason,
                         _from(row.path, out)))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _from(path: Path, out: Path) -> str:
    """`path` from the output folder (so the file is the same wherever the folder is), else as
    given (a stored report)."""
    try:
        return Path(path).relative_to(out).as_posix()
    except ValueError:
        return str(path)


def write_summary(rows: Iterable[Row], out: Path, lang: str, templates: Path | None = None,
                  keep: Callable[[Path, str | None], Path | None] | None = None
                  ) -> tuple[Path, Path | None]:
    """Write the summary unless the file already holds these bytes: its path, and where `keep`
    (path, the SHA-256 yoy last wrote there) kept a copy a clerk edited (jobs.guard.
    keep_unless_written). That SHA-256 is kept beside it (.<name>.sha256): the parse cache, where
    workbooks' are recorded, is pruned every run."""
    import hashlib

    from compare.files import atomic_write
    path, data = summary_path(out, lang), summary_bytes(rows, out, lang, templates)
    mark = path.with_name(f".{path.name}.sha256")
    try:
        if path.read_bytes() == data:
            return path, None
    except OSError:
        pass
    try:
        written: str | None = mark.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        written = None
    kept = keep(path, written) if keep is not None else None
    atomic_write(path, data)
    atomic_write(mark, hashlib.sha256(data).hexdigest().encode("ascii"))
    return path, kept
