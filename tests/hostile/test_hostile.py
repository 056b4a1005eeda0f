"""Hostile and careless use, as in issue 12: every case is refused with exit 2 and one
stderr line naming the file (or option), and leaves the store and the output as they
were. Cases that are a documented warning rather than a refusal are in test_hardening.py."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.store import LOCK_FILE
from compare.text import quoted
from tests.support import SEED, cell, copy_store, edit, row_ids, sheet_rows

REPORT = "2022/国务院-gov-work-report.yaml"


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def snapshot(*dirs: Path) -> dict[str, bytes]:
    """Every file under `dirs` (the store's lock file aside: it exists once anyone locked)."""
    return {str(p): p.read_bytes() for d in dirs if d.exists() for p in sorted(d.rglob("*"))
            if p.is_file() and p.name != LOCK_FILE}


@pytest.fixture
def store(tmp_path):
    return copy_store(tmp_path / "store")


def put(store: Path, name: str, text: str) -> Path:
    path = store / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stored(store: Path) -> str:
    return (store / REPORT).read_text(encoding="utf-8")


def bomb_yaml() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 6):  # 9^6 strings once expanded: enough to show, harmless if it is
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


# name → (make the hostile store file: store → path named in the error, reason fragment)
STORES = {
    "alias bomb": (lambda s: put(s, "2024/x-fazhi.yaml", bomb_yaml()), "aliases"),
    "duplicate key": (lambda s: put(s, REPORT, stored(s) + "region: 新余市\n"),
                      "duplicate key 'region'"),
    "year: true": (lambda s: put(s, REPORT, stored(s).replace("\nyear: 2022\n", "\nyear: true\n")),
                   "year: must be a year"),
    "year is text": (lambda s: put(s, REPORT, stored(s).replace("\nyear: 2022\n",
                                                                "\nyear: 二〇二二\n")), "year"),
    "year vs folder": (lambda s: put(s, "2024/国务院-gov-work-report.yaml", stored(s)),
                       "in the folder 2024"),
    "NaN metric": (lambda s: put(s, REPORT, stored(s).replace("value: 114.0", "value: .nan", 1)),
                   "is not a finite number"),
    "inf metric": (lambda s: put(s, REPORT, stored(s).replace("value: 114.0", "value: -.inf", 1)),
                   "is not a finite number"),
    "5,000-digit number": (lambda s: put(
        s, REPORT, stored(s).replace("\nyear: 2022\n", f"\nyear: {'1' * 5000}\n")),
                           "line 4: a number of 5000 characters (at most 100)"),  # 1: the stamp
    "impossible date": (lambda s: put(s, REPORT,
                                      stored(s).replace("\nyear: 2022\n", "\nyear: 2022-13-45\n")),
                        "not valid YAML: a value that cannot be read (month must be in 1..12)"),
    "two files for one report": (lambda s: put(s,
                                               "2022/国务院-gov-work-report-copy.yaml", stored(s)),
                                 "a second 国务院 gov-work-report report of 2022"),
}


@pytest.mark.parametrize("name", list(STORES))
def test_hostile_store_refused_by_validate(name, store):
    make, reason = STORES[name]
    bad = make(store)
    before = snapshot(store)
    code, out, err = yoy("validate", "--store", store)
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith(f"yoy: error: {bad}: ") and reason in err, err
    assert out == "" and snapshot(store) == before


@pytest.mark.parametrize("name", [n for n in STORES if n != "two files for one report"])
def test_hostile_store_refused_at_load(name, store, tmp_path):
    """Not only validate: compare refuses the file too, writing nothing."""
    make, reason = STORES[name]
    bad = make(store)
    if bad.parent.name == "2024":
        args = [store / REPORT, bad]
    else:
        args = [bad, store / "2023/国务院-gov-work-report.yaml"]
    out_dir = tmp_path / "out"
    before = snapshot(store)
    code, out, err = yoy("compare", *args, "--store", store, "-o", out_dir / "w.xlsx")
    assert code == 2, err
    assert err.count("\n") == 1 and f"{bad}: " in err and reason in err, err
    assert snapshot(store) == before and not out_dir.exists()


def test_validate_a_directory_that_is_not_a_store(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    for args in ([tmp_path / "notes"], ["--store", tmp_path / "notes"]):
        code, out, err = yoy("validate", *args)
        assert code == 2 and err == (f"yoy: error: {tmp_path / 'notes'}: not a store (no <year>/ "
                                     "folders); give a store or report files\n")


# --- options -----------------------------------------------------------------------------

OPTIONS = {
    "max-size nan": (["--max-size", "nan"], "--max-size"),
    "max-size inf": (["--max-size", "inf"], "--max-size"),
    "max-size 1e308": (["--max-size", "1e308"], "--max-size"),
    "max-size 0": (["--max-size", "0"], "--max-size"),
    "300-character kind": (["--kind", "k" * 300], "--kind"),
    "100-character region": (["--region", "区" * 100], "--region"),
    "year -5": (["--year", "-5"], "--year"),
    "year 0": (["--year", "0"], "--year"),
    "year 10^6": (["--year", "1000000"], "--year"),
    "blank region": (["--region", "  "], "--region"),
    "control-character region": (["--region", "新\x07余"], "--region"),
    "DEL in region": (["--region", "新\x7f余"], "--region"),
}


@pytest.mark.parametrize("name", list(OPTIONS))
def test_bad_ingest_options(name, store):
    args, option = OPTIONS[name]
    before = snapshot(store)
    code, out, err = yoy("ingest", SEED, "--kind", "fazhi", *args, "--store", store)
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith(f"yoy: error: {option}: "), err
    assert snapshot(store) == before


@pytest.mark.parametrize("args, option", [(["--from", "-5", "--to", "2023"], "--from"),
                                          (["--from", "2022", "--to", "0"], "--to"),
                                          (["--from", "2022", "--to", "2023", "--kind", "k" * 300],
                                           "--kind")])
def test_bad_compare_options(args, option, store):
    base = {"--region": "国务院", "--kind": "gov-work-report"}
    extra = [x for k, v in base.items() if k not in args for x in (k, v)]
    code, out, err = yoy("compare", *extra, *args, "--store", store, "--no-workbook")
    assert code == 2 and err.count("\n") == 1 and err.startswith(f"yoy: error: {option}: "), err


def test_run_output_inside_the_store(store):
    before = snapshot(store)
    code, out, err = yoy("run", "--store", store, "--out", store / "2022")
    assert code == 2 and err == (f"yoy: error: {store / '2022'}: inside the store {store}; write "
                                 "outputs elsewhere\n")
    assert snapshot(store) == before


def test_bad_jobs(store, tmp_path):
    code, out, err = yoy("run", "--store", store, "--out", tmp_path / "out", "--jobs", "-1")
    assert code == 2 and err.startswith("yoy: error: --jobs: ") and err.count("\n") == 1, err
    assert not (tmp_path / "out").exists()


def _yoy_process(*args, **kw):
    exe = Path(sys.executable).with_name("yoy")
    return subprocess.run([str(exe), *map(str, args)], capture_output=True, **kw)


def test_closed_stdin(store):
    before = snapshot(store)
    # fd 0 closed in the child: Python then has no sys.stdin at all
    p = _yoy_process("ingest", "-", "--kind", "fazhi", "--store", store, stdin=None,
                     preexec_fn=lambda: os.close(0))
    assert p.returncode == 2, p.stderr
    assert p.stderr.decode() == "yoy: error: <stdin>: standard input is closed or unreadable\n"
    assert snapshot(store) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_device(store):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([str(Path(sys.executable).with_name("yoy")), "list", "--store",
                            str(store)],
                           stdout=full, stderr=subprocess.PIPE)
    assert p.returncode == 2
    assert p.stderr.decode() == "yoy: error: <stdout>: No space left on device\n"


# --- write failures and output targets ---------------------------------------------------

def test_store_naming_a_file(tmp_path):
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("x", encoding="utf-8")
    code, out, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", not_a_dir)
    assert code == 2 and err == (f"yoy: error: {not_a_dir}: not a directory (the store must be "
                                 "one)\n")
    assert not_a_dir.read_text(encoding="utf-8") == "x"


def test_json_into_a_directory(store, tmp_path):
    target = tmp_path / "adir"
    target.mkdir()
    code, out, err = yoy("compare", "--region", "国务院", "--kind", "gov-work-report",
                         "--from", "2022",
                         "--to", "2023", "--store", store, "--json", target, "--no-workbook")
    assert code == 2 and err.count("\n") == 1 and err.startswith(f"yoy: error: {target}: "), err
    assert list(target.iterdir()) == []


def _targets(tmp_path: Path, store: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    real = tmp_path / "real.xlsx"
    real.write_bytes(b"keep me")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    (tmp_path / "adir").mkdir()
    return {"fifo (a device node's kind)": fifo, "symlink": link, "directory": tmp_path / "adir",
            "a stored report": store / REPORT,
            "new path inside the store": store / "2022" / "w.xlsx"}


@pytest.mark.parametrize("name", ["fifo (a device node's kind)", "symlink", "directory",
                                  "a stored report",
                                  "new path inside the store"])
def test_unsafe_output_targets(name, store, tmp_path):
    target = _targets(tmp_path, store)[name]
    cmp_json = tmp_path / "cmp.json"
    assert yoy("compare", store / REPORT, store / "2023/国务院-gov-work-report.yaml",
               "--store", store,
               "--json", cmp_json, "--no-workbook")[0] == 0
    before = snapshot(store, tmp_path / "real.xlsx")
    for args in (["compare", store / REPORT, store / "2023/国务院-gov-work-report.yaml",
                  "--store", store],
                 ["export", cmp_json, "--store", store]):
        code, out, err = yoy(*args, "-o", target)
        assert code == 2, (args[0], err)
        assert err.count("\n") == 1 and err.startswith(f"yoy: error: {target}: "), err
        assert snapshot(store, tmp_path / "real.xlsx") == before
    assert not (store / "2022" / "w.xlsx").exists()


# --- review workbooks ----------------------------------------------------------------------

def _workbook(store: Path, tmp_path: Path, *reports: str, force: bool = False) -> Path:
    out = tmp_path / "w.xlsx"
    code, _, err = yoy("compare", *(store / r for r in reports), "--store", store, "-o", out,
                       *(["--force"] if force else []))
    assert code == 0, err
    return out


def test_review_of_a_forced_pair_of_two_regions(store, tmp_path):
    xlsx = _workbook(store, tmp_path, "2021/新余市-fazhi.yaml", REPORT, force=True)
    before = snapshot(store)
    code, out, err = yoy("review", "import", xlsx, "--store", store)
    assert code == 2 and err.count("\n") == 1 and err.startswith(f"yoy: error: {xlsx}: "), err
    assert snapshot(store) == before


def test_review_with_an_edited_provenance_sheet(store, tmp_path):
    """_yoy edited to name another pair: the recorded report hashes give it away."""
    xlsx = _workbook(store, tmp_path, REPORT, "2023/国务院-gov-work-report.yaml")
    wb = openpyxl.load_workbook(xlsx)
    prov = wb["_yoy"]
    for row in prov.iter_rows(min_row=2):
        if row[0].value in ("old_year", "new_year"):
            row[1].value = int(row[1].value) - 1
    # a reviewer decision that would land on the 2021→2022 pair
    ws = wb["举措跟踪"]
    headers = [c.value for c in ws[2]]  # below the title row
    ws.cell(3, headers.index("复核意见") + 1).value = "已核实"
    wb.save(xlsx)
    before = snapshot(store)
    code, out, err = yoy("review", "import", xlsx, "--store", store)
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"yoy: error: {xlsx}: written from another 2021 report"), err
    assert snapshot(store) == before


def test_review_workbook_bomb(store, tmp_path):
    """Parts declared to inflate beyond the limit are refused before openpyxl reads them."""
    xlsx = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b"<x/>" * 2_500_000
            for _ in range(21):  # 210 MB
                part.write(chunk)
    before = snapshot(store)
    code, out, err = yoy("review", "import", xlsx, "--store", store)
    assert code == 2 and err == (f"yoy: error: {xlsx}: archive expands beyond the limit (zip "
                                 "bomb?)\n")
    assert snapshot(store) == before


# --- docx numbering --------------------------------------------------------------------------

def _numbered_docx(start: int) -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start '
        f'w:val="{start}"/><w:numFmt w:val="lowerLetter"/><w:lvlText '
        'w:val="%1."/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId '
                               'w:val="90"/></w:num>'))
    for line in SEED.read_text(encoding="utf-8").splitlines()[:40]:
        numpr = document.add_paragraph(line)._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = 90
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("start", [10**11, 10**20])
def test_docx_numbering_start_beyond_word(start, store, tmp_path):
    doc = tmp_path / "n.docx"
    doc.write_bytes(_numbered_docx(start))
    before = snapshot(store)
    # in a process with bounded memory: without the limit, 10^11 asks for 3.8 GB
    p = _yoy_process("ingest", doc, "--kind", "fazhi", "--store", store, preexec_fn=_memory_cap)
    assert p.returncode == 2, p.stderr
    assert p.stderr.decode() == (f"yoy: error: {doc}: list numbering starts at {start}, outside "
                                 "Word's 0…32767\n")
    assert snapshot(store) == before


def _memory_cap() -> None:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))


# --- typed cells that cannot be imported (issue 20) ----------------------------------------------
# The small pair: 新余市's 2021 report and its text stored again as 2022.

SMALL = ["--region", "新余市", "--kind", "fazhi", "--from", "2021", "--to", "2022"]


@pytest.fixture
def small(tmp_path):
    store = copy_store(tmp_path / "store", ("新余市",))
    assert yoy("ingest", SEED, "--kind", "fazhi", "--year", "2022", "--store", store)[0] == 0
    return store


def _typed_workbook(store: Path, wb: Path, **values) -> str:
    """The small pair's workbook at `wb`, with `values` typed into its first
    measure's row; its ID."""
    assert yoy("compare", *SMALL, "--store", store, "-o", wb)[0] == 0
    rid = row_ids(wb, "举措跟踪", "m")[0]
    edit(wb, "举措跟踪", rid, **values)
    return rid


def _refused(err: str, wb: Path, cells: str, reason: str) -> bool:
    return (err.count("\n") == 1 and err.startswith(f"yoy: error: {wb}: {cells} not in the store (")
            and f") cannot be imported: {reason}" in err
            and err.endswith("; move the file away to keep them, or rerun with --discard-edits "
                             "(the file is then kept as a backup)\n"))


def _reworded(store: Path, rid: str, tmp_path: Path) -> str:
    """The 2021 report re-ingested with one character of measure `rid` changed (a 更正版); the
    measure's text as it was."""
    from compare.store import load_report
    text = next(m.text for m in load_report(store / "2021" / "新余市-fazhi.yaml").commitments
                if m.id == rid)
    source = (store / "2021" / "新余市-fazhi.source.txt").read_text(encoding="utf-8")
    assert text[:8] in source
    changed = tmp_path / "changed-2021.txt"
    changed.write_text(source.replace(text[:8], text[:7] + "卌", 1), encoding="utf-8")
    assert yoy("ingest", changed, "--kind", "fazhi", "--year", "2021", "--region", "新余市",
               "--store", store, "--overwrite")[0] == 0
    return text


def test_typed_cells_of_a_replaced_report_stop_compare_and_run(small, tmp_path):
    """The 2021 report re-ingested since the workbook was written, the reviewed measure
    reworded: its typed cells cannot be attached safely, so compare refuses (naming the row) and
    leaves everything as it was; run fails that pair alone; --discard-edits writes the workbook
    and keeps the old one as a backup."""
    out = tmp_path / "out"
    wb = out / "新余市" / "fazhi-2021-2022.xlsx"
    rid = _typed_workbook(small, wb, 复核状态="部分落实", 复核意见="待核")
    text = _reworded(small, rid, tmp_path)
    before = snapshot(small, out)
    code, printed, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 2 and _refused(err, wb, "2 typed cells", "written from another 2021 report"), err
    assert f"(举措跟踪 {rid} 复核状态, 举措跟踪 {rid} 复核意见)" in err
    assert f"1 reviewed row changed since (sheet 举措跟踪 row 4 ID {rid} ({quoted(text, 20)}))" \
        in err, err
    assert snapshot(small, out) == before
    code, printed, err = yoy("run", "--store", small, "--out", out, "--jobs", "1")
    assert code == 2 and (f"yoy: error: 新余市 fazhi 2021→2022: {wb}: 2 typed cells not in the "
                          "store (") in err
    assert wb.read_bytes() == before[str(wb)] and (
        out / "新余市" / "fazhi-2023-plan.xlsx").is_file()
    code, printed, err = yoy("compare", *SMALL, "--store", small, "-o", wb, "--discard-edits")
    assert code == 0, err
    backup = out / "新余市" / "fazhi-2021-2022.1.bak.xlsx"
    assert (f"{wb}: the previous file is kept as {backup}, its 2 typed cells not in the store "
            "discarded") in printed
    assert backup.read_bytes() == before[str(wb)] and "待核" not in [
        r["复核意见"] for r in sheet_rows(wb, "举措跟踪")]


def test_typed_cells_of_a_report_republished_elsewhere_are_imported(small, tmp_path):
    """ua22b F4: the 2022 report re-ingested (a 更正版 changing the evidence side) after a review
    was typed, the reviewed 2021 row unchanged: its ID and text are still the stored comparison's,
    so the review is imported (rows matched by ID and text, as a 台账's are), not refused for
    good; a row that changed is left out, named, while the others are imported."""
    out = tmp_path / "out"
    wb = out / "新余市" / "fazhi-2021-2022.xlsx"
    rid = _typed_workbook(small, wb, 复核状态="部分落实", 复核意见="待核")
    other = row_ids(wb, "举措跟踪", "m")[1]
    edit(wb, "举措跟踪", other, 复核状态="已落实")
    changed = tmp_path / "changed.txt"
    changed.write_bytes(SEED.read_bytes() + "\n全市完成了一项新增的工作。\n".encode())
    assert yoy("ingest", changed, "--kind", "fazhi", "--year", "2022", "--region", "新余市",
               "--store", small, "--overwrite")[0] == 0
    code, printed, err = yoy("review", "import", wb, "--store", small)
    assert code == 0 and (f"{wb}: written from an earlier version of the stored 2022 report; rows "
                          "are matched by ID and text") in err, err
    stored = (small / "reviews" / "新余市-fazhi-2021-2022.yaml").read_text(encoding="utf-8")
    assert f"{rid}:" in stored and "待核" in stored and f"{other}:" in stored
    # the 2021 report corrected too, the first row reworded: the second is imported, the first
    # named (a rewrite's guard refuses, test_typed_cells_of_a_replaced_report_stop_compare_and_run)
    (small / "reviews" / "新余市-fazhi-2021-2022.yaml").unlink()
    text = _reworded(small, rid, tmp_path)
    code, printed, err = yoy("review", "import", wb, "--store", small)
    assert code == 0 and ("rows are matched by ID and text; 1 reviewed row changed since, not "
                          f"imported: sheet 举措跟踪 row 4 ID {rid} ({quoted(text, 20)})"
                          ) in err, err
    stored = (small / "reviews" / "新余市-fazhi-2021-2022.yaml").read_text(encoding="utf-8")
    assert "待核" not in stored and f"{other}:" in stored


def test_typed_cells_of_another_workbook_at_the_path_stop_plan(small, tmp_path):
    """`yoy plan -o` onto a comparison workbook holding a typed review: another workbook's cells are
    imported by `yoy review import`, not by writing over it."""
    wb = tmp_path / "w.xlsx"
    _typed_workbook(small, wb, 复核意见="待核")
    before = snapshot(small, tmp_path / "w.xlsx")
    code, printed, err = yoy("plan", small / "2021" / "新余市-fazhi.yaml", "--store",
                             small, "-o", wb)
    assert code == 2, err
    assert _refused(err, wb, "1 typed cell",
                    "the file is the workbook of 新余市 fazhi 2021→2022, not of "
                    "新余市 fazhi 2022 plan (yoy review import takes it)"), err
    assert snapshot(small, tmp_path / "w.xlsx") == before


def test_a_cell_edited_in_the_workbook_and_in_the_store_stops_compare(small, tmp_path):
    """Two reviewers: one imports a status for a row, the other typed another status into an
    older workbook of the pair. Rewriting that workbook would have to pick one: it refuses."""
    wb, other = tmp_path / "w.xlsx", tmp_path / "other.xlsx"
    rid = _typed_workbook(small, wb, 复核状态="未落实")
    _typed_workbook(small, other, 复核状态="已落实")
    assert yoy("review", "import", other, "--store", small)[0] == 0
    before = snapshot(small, wb)
    code, printed, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 2 and _refused(err, wb, "1 typed cell",
                                  "edited both in this file and in the store since yoy wrote "
                                  f"the file: 举措跟踪 {rid} 复核状态 (the store's 'delivered', "
                                  "this file's 'not_delivered')"), err
    assert snapshot(small, wb) == before


def test_a_cell_edited_in_the_plan_sheet_and_in_the_store_stops_plan(small, tmp_path):
    """Two copies of the 台账: one office's status is imported from a copy, another status was
    typed into the sheet where yoy wrote it. Rewriting it would have to pick one: `yoy plan`
    refuses, naming the cell, until --discard-edits (the store keeps the imported status)."""
    report, sheet, other = (small / "2021" / "新余市-fazhi.yaml", tmp_path / "plan.xlsx",
                            tmp_path / "copy.xlsx")
    assert yoy("plan", report, "--store", small, "-o", sheet)[0] == 0
    assert yoy("plan", report, "--store", small, "-o", other)[0] == 0
    rid = row_ids(sheet, "工作台账", "m")[0]
    edit(sheet, "工作台账", rid, 一季度完成状态="滞后")
    edit(other, "工作台账", rid, 一季度完成状态="已完成")
    assert yoy("review", "import", other, "--store", small)[0] == 0
    before = snapshot(small, sheet)
    code, printed, err = yoy("plan", report, "--store", small, "-o", sheet)
    assert code == 2 and _refused(err, sheet, "1 typed cell",
                                  "edited both in this file and in the store since yoy wrote "
                                  f"the file: 工作台账 {rid} 一季度完成状态 (the store's 'done', "
                                  "this file's 'lagging')"), err
    assert snapshot(small, sheet) == before
    code, printed, err = yoy("plan", report, "--store", small, "-o", sheet, "--discard-edits")
    assert code == 0 and cell(sheet, "工作台账", rid, "一季度完成状态") == "已完成", err
    assert cell(tmp_path / "plan.1.bak.xlsx", "工作台账", rid, "一季度完成状态") == "滞后"


def _text(path, rid, sheet="举措跟踪", column="举措内容"):
    """The text of `rid`'s row on `sheet`, as the workbook shows it."""
    import openpyxl
    ws = openpyxl.load_workbook(path)[sheet]
    top = next(r for r in range(1, 5) if "ID" in [c.value for c in ws[r]])
    head = [c.value for c in ws[top]]
    return next(r[head.index(column)] for r in ws.iter_rows(min_row=top + 1, values_only=True)
                if r[head.index("ID")] == rid)


def test_a_correction_sent_again_is_refused_until_replace_says_it_is_the_newer(small, tmp_path):
    """A reviewer imports her workbook, corrects a cell in the same file and imports it again:
    yoy cannot tell that file from another unit's copy, so the second import is refused with both
    values; `--replace` (she says the file is the newer) takes it and says what it replaced."""
    wb = tmp_path / "w.xlsx"
    rid = _typed_workbook(small, wb, 复核状态="未落实", 复核意见="初次意见")
    assert yoy("review", "import", wb, "--store", small)[0] == 0
    edit(wb, "举措跟踪", rid, 复核状态="已落实", 复核意见="更正意见")
    reviews = next((small / "reviews").rglob("*.yaml"))
    kept = reviews.read_bytes()
    code, printed, err = yoy("review", "import", wb, "--store", small)
    assert code == 2 and err.count("\n") == 1 and "edited both in this file and in the store" in err
    assert "(the store's 'not_delivered', this file's 'delivered')" in err
    assert "yoy review import --replace" in err and reviews.read_bytes() == kept
    code, printed, err = yoy("review", "import", wb, "--store", small, "--replace")
    assert code == 0, err
    # named as the refusal names it, by the sheet's names (left23), not the store's fields
    assert (f"举措跟踪 {rid} ({quoted(_text(wb, rid), 20)}) 复核状态: the store's 'not_delivered', "
            "changed since this workbook was written, is replaced by the workbook's edit "
            "'delivered'") in err
    assert "commitments" not in err
    stored = reviews.read_text(encoding="utf-8")
    assert "更正意见" in stored and "初次意见" not in stored and "delivered" in stored


def test_a_plan_sheet_sent_again_takes_its_correction_only_with_replace(small, tmp_path):
    """The 台账 too: an office's status imported, corrected in the same sheet and sent again is
    refused with both values; `--replace` takes the correction."""
    report, sheet = small / "2021" / "新余市-fazhi.yaml", tmp_path / "plan.xlsx"
    assert yoy("plan", report, "--store", small, "-o", sheet)[0] == 0
    rid = row_ids(sheet, "工作台账", "m")[0]
    edit(sheet, "工作台账", rid, 一季度完成状态="滞后")
    assert yoy("review", "import", sheet, "--store", small)[0] == 0
    edit(sheet, "工作台账", rid, 一季度完成状态="已完成")
    code, printed, err = yoy("review", "import", sheet, "--store", small)
    assert code == 2 and "(the store's 'lagging', this file's 'done')" in err, err
    code, printed, err = yoy("review", "import", sheet, "--store", small, "--replace")
    assert code == 0, err
    task = quoted(_text(sheet, rid, "工作台账", "具体举措"), 20)
    assert (f"工作台账 {rid} ({task}) 一季度完成状态: "
            "the store's 'lagging', changed since this workbook was written, is replaced") in err
    assert "measures" not in err and "status.q1" not in err


def test_an_id_column_out_of_step_with_its_rows_is_refused(small, tmp_path):
    """issue 20 (i): the ID column sorted on its own (two IDs swapped): a decision typed beside a
    measure's text would land on the other measure; the import is refused, naming the row."""
    import openpyxl
    wb = tmp_path / "w.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    book = openpyxl.load_workbook(wb)
    ws = book["举措跟踪"]
    id_col = [c.value for c in ws[2]].index("ID") + 1
    rows = ([r for r in range(3, ws.max_row + 1) if str(ws.cell(r, id_col).value
                                                        or "").startswith("m")][:2])
    a, b = (ws.cell(r, id_col).value for r in rows)
    ws.cell(rows[0], id_col).value, ws.cell(rows[1], id_col).value = b, a
    ws.cell(rows[0], [c.value for c in ws[2]].index("复核状态") + 1).value = "已落实"
    book.save(wb)
    before = snapshot(small)
    code, printed, err = yoy("review", "import", wb, "--store", small)
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"yoy: error: {wb}: sheet 举措跟踪 row {rows[0]}: ID {b} stands beside "
                          f"the text of {a} ")
    # ua21b F11: and what to do, for a clerk who sorted without the ID column
    assert "the ID column is out of step with its rows (sorted or filtered without it?); nothing " \
        "imported: undo the sort, or sort again by 序号 with every column selected" in err, err
    assert snapshot(small) == before
    code, printed, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 2 and "the ID column is out of step with its rows" in err and snapshot(
        small) == before


def test_errors_on_a_review_workbook_are_one_short_line(small, tmp_path):
    """issue 20 (t): a status cell holding pages of text, a damaged sheet part: the file and the
    reason on one line, no dump of the value, no temporary file, no traceback."""
    wb = tmp_path / "w.xlsx"
    _typed_workbook(small, wb, 复核状态="这不是状态\n" + "很长的一段说明。" * 500)
    code, printed, err = yoy("review", "import", wb, "--store", small, "--strict")
    assert code == 2 and err.count("\n") == 1 and len(err) < 300, err
    assert err.startswith(f"yoy: error: {wb}: sheet 举措跟踪 cell ")
    assert "unknown status '这不是状态 很长的一段说明。" in err
    # skipped without --strict: as short a warning
    code, printed, err = yoy("review", "import", wb, "--store", small)
    assert code == 0 and err.count("\n") == 1 and len(err) < 300, err
    assert err.startswith(f"yoy: warning: {wb}: sheet 举措跟踪 cell ")
    assert err.endswith("; skipped\n")
    damaged = tmp_path / "damaged.xlsx"
    part = ("xl/worksheets/sheet"
            f"{openpyxl.load_workbook(wb, read_only=True).sheetnames.index('举措跟踪') + 1}.xml")
    with zipfile.ZipFile(wb) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data[:len(data) // 2] if info.filename == part else data)
    code, printed, err = yoy("review", "import", damaged, "--store", small)
    assert code == 2 and err.count("\n") == 1 and err.startswith(f"yoy: error: {damaged}: cannot "
                                                                 "read workbook: "), err
    assert ".tmp" not in err and "Traceback" not in err
