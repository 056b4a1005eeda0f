"""Paths and helpers the tests share: the shipped store, its sources, the test data."""
import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
# The raw sources shipped beside the stored reports are the test inputs.
STORE = ROOT / "reports"
SEED = STORE / "2021" / "新余市-fazhi.source.txt"
BENCH = ROOT / "bench"


def bench_module(name: str) -> ModuleType:
    """A script under bench/ loaded as a module (bench/ is no package; its scripts import each
    other, and a dataclass looks its module up in sys.modules)."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# The regions the repository ships. A user's checkout may hold more reports and reviews
# under reports/: tests read only these, from a copy, so they neither see nor touch the rest.
SHIPPED_REGIONS = ("国务院", "新余市", "盐田区", "龙华区")


def shipped_files() -> list[Path]:
    """The shipped reports and their sources (no reviews, no lock, nothing a user added)."""
    return sorted(p for p in STORE.glob("[0-9]*/*") if p.is_file()
                  and p.name.startswith(SHIPPED_REGIONS))


def copy_store(dest: Path, regions: tuple[str, ...] = SHIPPED_REGIONS) -> Path:
    """A copy of the shipped store at `dest` (only `regions`), for tests that
    read or write a store."""
    for p in shipped_files():
        if p.name.startswith(regions):
            target = dest / p.relative_to(STORE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
    return dest


def sc(year: int) -> Path:
    return STORE / str(year) / "国务院-gov-work-report.source.txt"


def header_row(ws) -> int:
    """The row (from 1) of an openpyxl sheet's header: the first of two cells or more (a printed
    sheet has a title row above it)."""
    return next(r for r in range(1, 6) if sum(c.value is not None for c in ws[r]) > 1)


def sheet_rows(path: Path, sheet: str) -> list[dict]:
    """The rows of a sheet yoy wrote as tables, each as {header: value}: the rows below its header
    (the first row of two cells or more: a printed sheet has a title row above it)."""
    from openpyxl import load_workbook

    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if sum(v is not None for v in r) > 1)
    return [dict(zip(rows[top], r, strict=True)) for r in rows[top + 1:]]


def soffice(tmp_path: Path, book: Path, to: str, outdir: Path, recalc: bool = False) -> Path:
    """`book` converted by LibreOffice (`to`: pdf, or "xlsx:Calc MS Excel 2007 XML" for its round
    trip) into `outdir`; `recalc`: every formula computed on load (LibreOffice keeps the results
    stored in an .xlsx otherwise, as an office clerk's copy would until a cell changes)."""
    import subprocess

    profile = tmp_path / ("profile-recalc" if recalc else "profile")
    if recalc and not profile.exists():
        user = profile / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<item '
            'oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" '
            'oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n', encoding="utf-8")
    outdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                           "--convert-to", to, "--outdir", str(outdir), str(book)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    return outdir / f"{book.stem}.{to.split(':')[0]}"


def type_into(path: Path, sheet: str, values: dict[str, dict[str, object]]) -> None:
    """Type into the rows of the given IDs under the given headers, as an
    office would (openpyxl)."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sheet]
    top = next(r for r in range(1, 5) if "ID" in [c.value for c in ws[r]])
    col = {c.value: c.column for c in ws[top]}
    for r in range(top + 1, ws.max_row + 1):
        for header, value in values.get(ws.cell(r, col["ID"]).value, {}).items():
            ws.cell(r, col[header]).value = value
    wb.save(path)


def edit(path: Path, sheet: str, row_id: str, **values) -> None:
    """Type into the row of `row_id` under the given headers, as a reviewer would (type_into)."""
    type_into(path, sheet, {row_id: values})


def cell(path: Path, sheet: str, row_id: str, header: str):
    """The value under `header` in the row of `row_id`."""
    return next(r for r in sheet_rows(path, sheet) if r["ID"] == row_id)[header]


def row_ids(path: Path, sheet: str, prefix: str = "") -> list[str]:
    """The IDs of a sheet's rows, top down (those starting with `prefix`)."""
    return [str(r["ID"]) for r in sheet_rows(path, sheet) if r["ID"]
            and str(r["ID"]).startswith(prefix)]


def edit_in_place(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` inside `path` as an editor saving in place would, then put the
    modification time back: same path, size, inode and mtime, other bytes."""
    import os
    before = path.stat()
    data = path.read_bytes()
    assert len(old.encode()) == len(new.encode()) and data.count(old.encode()) == 1
    with open(path, "r+b") as f:
        f.write(data.replace(old.encode(), new.encode()))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)


def task_named(row, quote: str):
    """The task of a ledger row (CommitmentResult) a labelled quote names, as a row of its own:
    its part sharing the longest run of characters with the quote (the row itself when it has one
    part), with that part's status, evidence, cues (the figure reported, else the completion cue
    of a delivered part) and text. A labelled measure is one task; a row of several tasks is
    delivered only when all are."""
    from difflib import SequenceMatcher
    from types import SimpleNamespace
    if len(row.parts) < 2:
        return row
    p = max(row.parts,
            key=lambda p: SequenceMatcher(None, p.text, quote, autojunk=False).find_longest_match(
        0, len(p.text), 0, len(quote)).size)
    cues = [p.reported] if p.reported else [p.cue] if p.cue and p.status == "delivered" else []
    return SimpleNamespace(text=p.text, status=p.status, evidence=[p.evidence] if p.evidence
                           else [], cues=cues,
                           reported=[p.reported] if p.planned else [], quantity=p.planned or None)

# 广东省 2022–2025, 海拉尔区 2012–2019, 阜平县 and 涞源县 2020–2022 as scraped
# (README.md there: provenance)
LOCAL2 = DATA / "local-gov-work-report-2"


def but_unread(err: str) -> str:
    """`err` less ingest's warning naming a report's plan sentences in no row (ingest._unread: a
    gov work report's tasks whose verb the template lacks), which tests of other warnings leave
    aside (tests/ingest/test_fazhi_plan.py tests it)."""
    return "".join(line for line in err.splitlines(keepends=True) if " in no row" not in line)


def local2(unit: str, year: int) -> Path:
    return next(LOCAL2.glob(f"*{unit}-{year}.txt"))


# ---- the same report in other formats (tests/ingest/test_format_parity.py) -------------------

def report_lines(text: str) -> list[str]:
    """`text`'s lines, without blank ones (a Wikisource copy opens with a line holding
    a zero-width space)."""
    return [line.strip(" \t\u3000\u200b\ufeff") for line in text.splitlines()
            if line.strip(" \t\u3000\u200b\ufeff")]


def as_docx(text: str, path: Path) -> Path:
    """`text` as an office types it in Word: a paragraph a line, two characters
    of first-line indent, a short first line (the title) centred."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(16)
    for i, line in enumerate(report_lines(text)):
        paragraph = document.add_paragraph(line)
        if i == 0 and len(line) < 30:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.paragraph_format.first_line_indent = Pt(32)
    document.save(path)
    return path


def needs_writer() -> None:
    """Skip the test where LibreOffice cannot print a document: soffice missing, or installed
    with Calc only (Debian's libreoffice-calc), which loads no .docx or .txt ("source file could
    not be loaded") and so would print nothing."""
    import pytest

    if shutil.which("soffice") is None or shutil.which("lowriter") is None:
        pytest.skip("LibreOffice Writer not installed (apt-get install libreoffice-writer)")


def as_pdf(docx_files: list[Path], folder: Path) -> list[Path]:
    """The .docx files printed to PDF by LibreOffice, in one run."""
    import subprocess
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, docx_files)], check=True,
                   capture_output=True, timeout=600)
    return [folder / f"{p.stem}.pdf" for p in docx_files]


def as_web_page(text: str, title: str, published: str | None, issuer: str, *,
                layout: str = "flat") -> str:
    """`text` as a government site publishes it: site navigation, breadcrumbs, the title (with the
    site's name in <title>), a date-and-source line, the report's paragraphs, share links, related
    pages and a footer. `flat`: the paragraphs straight in <body>, as older sites print them (where
    trafilatura drops short paragraphs it saw before, such as a speech's 各位代表！); `article`: in
    an article container; `table`: in one table cell (trafilatura joins its paragraphs)."""
    import html
    lines = report_lines(text)
    # the title as the text prints it, perhaps broken over lines (政府工作报 / 告), becomes the <h1>
    k, printed = 0, ""
    while k < len(lines) and len(printed) < len(title):
        printed, k = printed + lines[k], k + 1
    lines = lines[k:] if printed == title else lines
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    if layout == "article":
        body = ('<div class="article"><div class="pages_content" '
                f'id="UCAP-CONTENT">\n{body}\n</div></div>')
    elif layout == "table":
        body = f'<table class="main"><tr><td class="content">\n{body}\n</td></tr></table>'
    nav = "".join(f'<li><a href="/{w}/">{w}</a></li>'
                  for w in ("首页", "要闻", "政策", "互动", "服务", "数据", "国情"))
    related = "".join(f'<li><a href="/r{i}.htm">{t}</a></li>'
                      for i, t in enumerate(("政府工作报告全文", "图解政府工作报告", "专家解读")))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}_中国政府网</title>
<meta name="keywords" content="政府工作报告"><link rel="stylesheet" href="/css/common.css">
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script></head>
<body><div class="header"><a class="logo" href="/">中国政府网</a><ul class="nav">{nav}</ul></div>
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; <a href="/zhengce/zfgzbg.htm">政府工作报告</a></div>
<h1>{html.escape(title)}</h1>
<div class="pages-date">{published or ""} 15:30 <span>来源：{html.escape(issuer or "中国政府网")}</span>
<span>字号：<a>默认</a> <a>大</a> <a>超大</a></span> <a href="javascript:window.print()">打印</a></div>
{body}
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="related"><h3>相关稿件</h3><ul>{related}</ul></div>
<div class="footer"><p><a href="/about">关于本网</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>版权所有：中国政府网 | 中华人民共和国国务院办公厅 主办</p><p>网站标识码bm01000001 京ICP备05070218号</p></div>
</body></html>"""  # noqa: E501


def type_same_size(path: Path, sheet: str, row_id: str, header: str, text: str) -> None:
    """Type `text` into the cell under `header` in the row of `row_id`, the file then as long as
    before, with its inode and modification time as before: only its bytes tell the edit (the
    cell goes in as an inline string; the parts recompressed, the zip's comment padding the rest).
    For a workbook as XlsxWriter writes it (shared strings, parts deflated at its level)."""
    import io
    import os
    import re
    import zipfile
    from xml.sax.saxutils import escape
    before, data = path.stat(), path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [(i, z.read(i)) for i in z.infolist()]
    names = dict(parts)

    def part(name: str) -> str:
        return names[next(i for i in names if i.filename == name)].decode()
    strings = [re.sub(r"<[^>]+>", "", si)
               for si in re.findall(r"<si>(.*?)</si>", part("xl/sharedStrings.xml"), re.S)]
    rel = dict(re.findall(r'<sheet name="([^"]+)" sheetId="\d+"[^>]*r:id="(\w+)"',
                          part("xl/workbook.xml")))
    rels = part("xl/_rels/workbook.xml.rels")
    target = re.search(rf'Id="{rel[sheet]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="'
                       rf'{rel[sheet]}"', rels)
    assert target is not None
    member = "xl/" + (target[1] or target[2]).removeprefix("/xl/")
    info = next(i for i in names if i.filename == member)
    xml = names[info].decode()

    def at(value: str) -> tuple[str, str]:
        """(column letters, row) of the cell holding the shared string `value`."""
        index = strings.index(value)
        m = re.search(rf'<c r="([A-Z]+)(\d+)"[^>]*t="s"[^>]*><v>{index}</v></c>', xml)
        assert m is not None, value
        return m[1], m[2]
    column, row = at(header)[0], at(row_id)[1]
    ref = f"{column}{row}"
    typed = f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
    cell = re.search(rf'<c r="{ref}"[ >/].*?(/>|</c>)', xml)
    if cell is not None:
        xml = xml.replace(cell[0], typed, 1)
    else:  # an empty cell XlsxWriter leaves out: put in its row, in column order
        line = re.search(rf'<row r="{row}"[^>]*>(.*?)</row>', xml)
        assert line is not None, ref
        after = [m for m in re.finditer(rf'<c r="([A-Z]+){row}"', line[1])
                 if (len(m[1]), m[1]) > (len(column), column)]
        at_ = line.start(1) + (after[0].start() if after else len(line[1]))
        xml = xml[:at_] + typed + xml[at_:]
    names[info] = xml.encode()

    def zipped(level: int, comment: bytes = b"") -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
            for i, _ in parts:
                z.writestr(i.filename, names[i], compress_type=zipfile.ZIP_DEFLATED,
                           compresslevel=level)
            z.comment = comment
        return buf.getvalue()
    # the smallest the parts deflate to, then padded to the length the file had
    smallest = zipped(9)
    edited = zipped(9, b" " * (len(data) - len(smallest)))
    assert len(edited) == len(data) and edited != data
    with open(path, "r+b") as f:
        f.write(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)
