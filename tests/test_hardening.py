"""Nothing lost, nothing misattributed (issue 12): the store lock under concurrent use,
all-or-nothing writes, review provenance and staleness, columns yoy does not read,
formulas, Excel's cell limit and the alignment size limit."""
from __future__ import annotations

import errno
import hashlib
import io
import multiprocessing
import re
import threading
import time
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from compare.cli import main
from compare.errors import YoyError
from compare.store import LOCK_FILE, store_lock
from tests.support import SEED, cell, copy_store, edit, row_ids
from tests.workbook.test_export import make_comparison

PAIR = ("国务院", "gov-work-report", 2022, 2023)
REVIEWS = Path("reviews/国务院-gov-work-report-2022-2023.yaml")


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def store(tmp_path):
    return copy_store(tmp_path / "store")


def files(d: Path) -> dict[str, bytes]:
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*"))
            if p.is_file() and p.name != LOCK_FILE}


# --- the store lock --------------------------------------------------------------------------

def test_ingest_waits_for_the_store_lock(store):
    """The check-and-write of an ingest runs under the store's lock, not beside it."""
    from compare.jobs.ingest_file import ingest_and_store
    target = store / "2021" / "新余市-fazhi.yaml"
    target.unlink()
    done = threading.Event()
    with store_lock(store):
        t = threading.Thread(target=lambda: (ingest_and_store(str(SEED), kind="fazhi", store=store),
                                             done.set()))
        t.start()
        time.sleep(0.5)
        assert not done.is_set() and not target.exists()
    t.join(30)
    assert done.is_set() and target.exists()


def _typed(xlsx: bytes, sheet_file: str, ref: str, text: str) -> bytes:
    """`xlsx` with `text` typed into the empty cell `ref` of one sheet part, rewritten at the zip
    level (openpyxl takes a third of a second per save, 40 saves are too slow): the cell goes into
    its row before the first cell to its right, as Excel stores a row's cells in column order."""
    col, row = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()
    cell = f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()
    key = lambda c: (len(c), c)  # noqa: E731 (column letters in column order)

    def insert(m: re.Match) -> bytes:
        cells = list(re.finditer(rb'<c r="([A-Z]+)\d+"', m.group(2)))
        assert all(c.group(1).decode() != col for c in cells), f"{ref} is not empty"
        at = next((c.start() for c in cells if key(c.group(1).decode()) > key(col)),
                  len(m.group(2)))
        return m.group(1) + m.group(2)[:at] + cell + m.group(2)[at:] + b"</row>"

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zin, zipfile.ZipFile(out, "w",
                                                                   zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == sheet_file:
                data, n = re.subn(rf'(<row r="{row}"[^>]*>)(.*?)</row>'.encode(), insert,
                                  data, flags=re.S)
                assert n == 1, ref
            zout.writestr(info, data)
    return out.getvalue()


def _layout(xlsx: Path) -> dict[str, tuple[str, str, list[str]]]:
    """Sheet → (its part in the zip, the 复核意见 column letter, the row ids)."""
    from openpyxl.utils import get_column_letter
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    out = {}
    for n, name in enumerate(wb.sheetnames, 1):  # XlsxWriter numbers the parts in sheet order
        rows = list(wb[name].iter_rows(values_only=True))
        if len(rows) > 1 and "复核意见" in rows[1]:  # the header, below the title row
            col = get_column_letter(rows[1].index("复核意见") + 1)
            rid = rows[1].index("ID")
            # rows with an ID, by Excel row number (a section's roll-up row in 举措跟踪 has none)
            out[name] = (f"xl/worksheets/sheet{n}.xml", col,
                         [(k, r[rid]) for k, r in enumerate(rows[2:], 3) if r[rid] is not None])
    wb.close()
    return out


def _race(role: str, store: Path, work: list, start, end) -> None:
    from compare.jobs.ingest_file import ingest_and_store
    from compare.jobs.merge import import_reviews
    for args in work:
        start.wait()
        try:
            if role.startswith("ingest"):
                ingest_and_store(args[0], kind="fazhi", year=args[1], store=store)
            else:
                # the workbooks were all written first, from a store without reviews: a cell
                # this reviewer changed in an earlier round is then one edited both in her file
                # and in the store since it was written, refused naming both values
                # (jobs.merge.refuse_clashes); she types both, as the refusal says, and imports
                path, raw, part, ref, text, ledger, rid = args
                try:
                    import_reviews(path, store)
                except YoyError as e:
                    if "edited both in this file and in the store" not in e.reason:
                        raise
                    before = yaml.safe_load((store / "reviews/新余市-fazhi-2021-2022.yaml")
                                            .read_text(encoding="utf-8"))[ledger][rid]["note"]
                    path.write_bytes(_typed(raw, part, ref, f"{before}；{text}"))
                    import_reviews(path, store)
            outcome = "ok"
        except YoyError as e:
            outcome = e.reason
        (store.parent / f"{role}.log").open("a", encoding="utf-8").write(outcome + "\n")
        end.wait()


def test_racing_ingests_and_review_imports_lose_nothing(store, tmp_path):
    """20 rounds, each: two ingests of one region/year/kind (different texts) and two
    review imports of one pair (different reviewers), all four started together."""
    rounds = 20
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(SEED.read_bytes())
    b.write_bytes(SEED.read_bytes() + "\n全市完成了一项新增的工作。\n".encode())
    # the reviewed pair: the seed and itself as 2022, whose small workbook reads fast
    assert yoy("ingest", SEED, "--kind", "fazhi", "--year", "2022", "--store", store)[0] == 0
    base = tmp_path / "w.xlsx"
    assert yoy("compare", "--region", "新余市", "--kind", "fazhi", "--from", "2021", "--to", "2022",
               "--store", store, "-o", base)[0] == 0
    layout = _layout(base)
    (csheet, ccol, cids), (ssheet, scol, sids) = layout["举措跟踪"], layout["问题整改"]
    raw = base.read_bytes()
    work_a, work_b = [], []
    for r in range(rounds):
        wa, wb = tmp_path / f"a{r}.xlsx", tmp_path / f"b{r}.xlsx"
        ca, cb = f"{ccol}{cids[r % len(cids)][0]}", f"{scol}{sids[r % len(sids)][0]}"
        wa.write_bytes(_typed(raw, csheet, ca, f"甲 第{r}轮"))
        wb.write_bytes(_typed(raw, ssheet, cb, f"乙 第{r}轮"))
        work_a.append((wa, raw, csheet, ca, f"甲 第{r}轮", "commitments", cids[r % len(cids)][1]))
        work_b.append((wb, raw, ssheet, cb, f"乙 第{r}轮", "shortcomings",
                       sids[r % len(sids)][1]))
    years = [2000 + r for r in range(rounds)]
    ctx = multiprocessing.get_context("fork")
    start, end = ctx.Barrier(5), ctx.Barrier(5)
    jobs = {"ingest-a": [(str(a), y) for y in years], "ingest-b": [(str(b), y) for y in years],
            "review-a": work_a, "review-b": work_b}
    procs = [ctx.Process(target=_race, args=(role, store, work, start, end))
             for role, work in jobs.items()]
    for p in procs:
        p.start()
    try:
        for r in range(rounds):
            start.wait(timeout=60)
            end.wait(timeout=60)
            stored = yaml.safe_load(
                (store / "reviews/新余市-fazhi-2021-2022.yaml").read_text(encoding="utf-8"))
            # the round's note, after the earlier rounds' where the cell recurs (typed both)
            assert stored["commitments"][cids[r % len(cids)][1]]["note"].endswith(
                f"甲 第{r}轮"), r
            assert stored["shortcomings"][sids[r % len(sids)][1]]["note"].endswith(
                f"乙 第{r}轮"), r
    finally:
        for p in procs:
            p.join(10)
    logs = {role: (tmp_path / f"{role}.log").read_text(encoding="utf-8").splitlines()
            for role in jobs}
    assert logs["review-a"] == logs["review-b"] == ["ok"] * rounds
    for r, y in enumerate(years):
        outcomes = sorted([logs["ingest-a"][r], logs["ingest-b"][r]], key=lambda o: o != "ok")
        # one ingest wins, the other is told the store holds a different report
        assert outcomes[0] == "ok" and outcomes[1].startswith("the store's "), outcomes
        winner = a if logs["ingest-a"][r] == "ok" else b
        stored = yaml.safe_load((store / str(y) / "新余市-fazhi.yaml").read_text(encoding="utf-8"))
        assert stored["source"]["sha256"] == hashlib.sha256(winner.read_bytes()).hexdigest()
        assert (store / str(y) / "新余市-fazhi.source.txt").read_bytes() == winner.read_bytes()


# --- write failures ---------------------------------------------------------------------------

def _failing_replace(monkeypatch, fail_on: int):
    import os
    calls = []
    real = os.replace

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == fail_on:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)
    monkeypatch.setattr("compare.files.os.replace", replace)


@pytest.mark.parametrize("fail_on", [1, 2])
def test_ingest_on_a_full_disk_writes_neither_file(store, monkeypatch, fail_on):
    """The report and its source are written both or not at all, and the failure is one line."""
    (store / "2021" / "新余市-fazhi.yaml").unlink()
    (store / "2021" / "新余市-fazhi.source.txt").unlink()
    before = files(store)
    _failing_replace(monkeypatch, fail_on)
    code, out, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", store)
    assert code == 2, err
    assert re.fullmatch(rf"yoy: error: {re.escape(str(store))}/2021/新余市-fazhi\.(yaml|"
                        r"source\.txt): cannot write: No space left on device\n", err), err
    assert files(store) == before


def test_read_only_store(store, monkeypatch):
    """As root the test cannot make a folder read-only, so the refusal is simulated."""
    def refuse(*args, dir=None, **kw):
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))
    monkeypatch.setattr("compare.files.tempfile.mkstemp", refuse)
    (store / "2021" / "新余市-fazhi.yaml").unlink()
    before = files(store)
    code, out, err = yoy("ingest", SEED, "--kind", "fazhi", "--store", store)
    assert code == 2 and err == f"yoy: error: {store / '2021'}: cannot write: Permission denied\n"
    assert files(store) == before


def test_overwrite_on_a_full_disk_keeps_the_old_pair(store, monkeypatch, tmp_path):
    changed = tmp_path / "changed.txt"
    changed.write_bytes(SEED.read_bytes() + "\n全市完成了一项新增的工作。\n".encode())
    before = files(store)
    _failing_replace(monkeypatch, 2)
    code, out, err = yoy("ingest", changed, "--kind", "fazhi", "--store", store, "--overwrite")
    assert code == 2 and "No space left on device" in err
    assert files(store) == before


# --- review provenance and staleness ----------------------------------------------------------

def _compare(store: Path, out: Path) -> Path:
    code, _, err = yoy("compare", "--region", "国务院", "--kind", "gov-work-report",
                       "--from", "2022",
                       "--to", "2023", "--store", store, "-o", out)
    assert code == 0, err
    return out


def _id_row(ws, row: int) -> int:
    """The Excel row of the (row − 1)-th row with an ID: 举措跟踪 has a roll-up row without one
    above each section's measures."""
    rid = [c.value for c in ws[2]].index("ID") + 1  # the header, below the title row
    return [r for r in range(3, ws.max_row + 1) if ws.cell(r, rid).value is not None][row - 2]


def _edit(xlsx: Path, sheet: str, row: int, **values) -> None:
    wb = openpyxl.load_workbook(xlsx)
    ws = wb[sheet]
    headers = [c.value for c in ws[2]]
    for header, value in values.items():
        ws.cell(_id_row(ws, row), headers.index(header) + 1).value = value
    wb.save(xlsx)


def _row_id(xlsx: Path, sheet: str, row: int) -> str:
    ws = openpyxl.load_workbook(xlsx)[sheet]
    return ws.cell(_id_row(ws, row), [c.value for c in ws[2]].index("ID") + 1).value


def test_an_older_workbook_does_not_revert_newer_decisions(store, tmp_path):
    first = _compare(store, tmp_path / "first.xlsx")
    _edit(first, "举措跟踪", 2, 复核状态="已落实")
    assert yoy("review", "import", first, "--store", store)[0] == 0
    old = _compare(store, tmp_path / "old.xlsx")  # pre-filled: 已完成
    new = _compare(store, tmp_path / "new.xlsx")
    _edit(new, "举措跟踪", 2, 复核状态="部分落实")
    assert yoy("review", "import", new, "--store", store)[0] == 0
    # the older workbook: row 2 left as it was exported, a note added on row 3
    _edit(old, "举措跟踪", 3, 复核意见="已核实")
    code, out, err = yoy("review", "import", old, "--store", store)
    assert code == 0, err
    c2, c3 = _row_id(old, "举措跟踪", 2), _row_id(old, "举措跟踪", 3)
    stored = yaml.safe_load((store / REVIEWS).read_text(encoding="utf-8"))["commitments"]
    assert stored[c2]["status"] == "partial" and stored[c3]["note"] == "已核实"
    assert (f"举措跟踪 {c2} ('") in err and (") 复核状态: the store's 'partial' is newer than the "
                                         "workbook's unchanged 'delivered'; kept") in err, err


def test_a_changed_cell_of_an_older_workbook_is_refused_with_both_values(store, tmp_path):
    first = _compare(store, tmp_path / "first.xlsx")
    _edit(first, "举措跟踪", 2, 复核状态="已落实")
    assert yoy("review", "import", first, "--store", store)[0] == 0
    old = _compare(store, tmp_path / "old.xlsx")
    new = _compare(store, tmp_path / "new.xlsx")
    _edit(new, "举措跟踪", 2, 复核状态="部分落实")
    assert yoy("review", "import", new, "--store", store)[0] == 0
    _edit(old, "举措跟踪", 2, 复核状态="未落实")
    code, out, err = yoy("review", "import", old, "--store", store)
    c2 = _row_id(old, "举措跟踪", 2)
    stored = yaml.safe_load((store / REVIEWS).read_text(encoding="utf-8"))["commitments"]
    # ua22a H2: edited both there and in the store since yoy wrote it, whenever it was saved
    assert code == 2 and stored[c2]["status"] == "partial", err
    assert (f"举措跟踪 {c2} 复核状态 (the store's 'partial', this file's 'not_delivered')"
            in err), err


def test_a_renamed_reviewer_column_is_named(store, tmp_path):
    xlsx = _compare(store, tmp_path / "w.xlsx")
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["举措跟踪"]
    headers = [c.value for c in ws[2]]
    ws.cell(2, headers.index("复核状态") + 1).value = "复核结论"
    ws.cell(3, headers.index("复核状态") + 1).value = "已落实"
    wb.save(xlsx)
    code, out, err = yoy("review", "import", xlsx, "--store", store)
    assert code == 0
    assert (f"yoy: warning: {xlsx}: sheet 举措跟踪: column '复核结论' is not one yoy reads; its "
            "input is not imported, and the file is not rewritten over it (give the column back "
            "yoy's header, or move the input under yoy's columns) (missing: 复核状态)\n") in err


def test_a_formula_in_a_review_cell_is_kept_as_text(store, tmp_path):
    xlsx = _compare(store, tmp_path / "w.xlsx")
    _edit(xlsx, "举措跟踪", 2, 复核意见="=B2&\"见附件\"")
    code, out, err = yoy("review", "import", xlsx, "--store", store)
    assert code == 0, err
    cid = _row_id(xlsx, "举措跟踪", 2)
    col = ([c.value for c in openpyxl.load_workbook(xlsx, read_only=True)["举措跟踪"][2]].index(
        "复核意见"))
    from openpyxl.utils import get_column_letter
    stored = yaml.safe_load((store / REVIEWS).read_text(encoding="utf-8"))["commitments"]
    assert stored[cid]["note"] == '=B2&"见附件"'
    row = _id_row(openpyxl.load_workbook(xlsx)["举措跟踪"], 2)
    cell = f"{get_column_letter(col + 1)}{row}"
    assert f"sheet 举措跟踪 cell {cell}: a formula, kept as its text" in err


# --- limits ----------------------------------------------------------------------------------

def test_a_cell_beyond_excels_limit_is_cut_with_a_marker_and_no_warning(tmp_path):
    from compare.workbook.cells import MAX_CELL
    from compare.workbook.ledger import write_workbook
    from compare.workbook.template import utf16_len
    cmp = make_comparison()
    cmp.commitments[0].text = long = "粮食产量保持在1.3万亿斤以上。" * 3000  # 48,000 characters
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        write_workbook(cmp, tmp_path / "w.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "w.xlsx", read_only=True)["举措跟踪"]
    rows = list(ws.iter_rows(values_only=True))
    rid, col = rows[1].index("ID"), rows[1].index("举措内容")  # the header, below the title row
    text = [r for r in rows if r[rid] == "c1"][0][col]
    assert utf16_len(text) <= MAX_CELL
    cut = len(long) - text.index("…［")
    assert text.endswith(f"…［{cut} characters cut: beyond Excel's cell limit］") and cut > 15_000


def test_alignment_beyond_the_size_limit_is_refused(seed):
    from compare.engine.align import MAX_PAIRS, align_sections
    leaf = next(s for s, _ in seed.walk() if not s.children)
    n = int(MAX_PAIRS ** 0.5) + 1
    big = seed.model_copy(update={"sections": [leaf.model_copy(update={"id": f"s{i}"})
                                               for i in range(n)]})
    with pytest.raises(YoyError, match=f"{n} × {n} sections to align, beyond the limit of "
                                       "1,000,000 pairs"):
        align_sections(big, big)


def test_merge_keeps_newer_stored_cells_and_adds_no_empty_entries():
    from compare.store.reviews import ReviewEntry, Reviews, base_of, base_rows, merge_reviews

    ident = dict(region="国务院", kind="gov-work-report", old_year=2022, new_year=2023)
    exported = Reviews(**ident, commitments={"c1": ReviewEntry(status="delivered", note="核实"),
                                             "c2": ReviewEntry(note="旧")})
    base = base_of(base_rows(exported))
    # c2 erased since
    stored = Reviews(**ident, commitments={"c1": ReviewEntry(status="partial", note="核实")})
    imported = Reviews(**ident, commitments={"c1": ReviewEntry(status="delivered", note="已核实"),
                                             "c2": ReviewEntry(note="旧")})
    merged, warnings = merge_reviews(stored, imported, {"commitments": {"c1", "c2"}}, base=base)
    assert merged.commitments == {"c1": ReviewEntry(status="partial", note="已核实")}
    assert warnings == ["commitments c1 status: the store's 'partial' is newer than the workbook's "
                        "unchanged 'delivered'; kept",
                        "commitments c2 note: erased in the store since this workbook was written; "
                        "the workbook's unchanged '旧' is not restored"]


# --- typed work is sacred (issue 20) ------------------------------------------------------------
# A small pair: 新余市's 2021 report and its text stored again as 2022 (5 measures, 5 problems).

SMALL = ["--region", "新余市", "--kind", "fazhi", "--from", "2021", "--to", "2022"]
SMALL_REVIEWS = Path("reviews/新余市-fazhi-2021-2022.yaml")


@pytest.fixture
def small(tmp_path):
    store = copy_store(tmp_path / "store", ("新余市",))
    assert yoy("ingest", SEED, "--kind", "fazhi", "--year", "2022", "--store", store)[0] == 0
    return store


def _stored(store: Path, name: Path = SMALL_REVIEWS) -> dict:
    return yaml.safe_load((store / name).read_text(encoding="utf-8"))


def test_compare_imports_what_was_typed_before_rewriting_the_workbook(small, tmp_path):
    """issue 20 (a): typed into the workbook, saved, not imported, and `yoy compare` again: the
    cells go into the store first (a line says so), the new workbook shows them, the old file
    is kept beside it; a workbook nobody touched is replaced with no backup and no line."""
    wb = tmp_path / "out" / "w.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    rid, other = row_ids(wb, "举措跟踪", "m")[:2]
    edit(wb, "举措跟踪", rid, 复核状态="部分落实", 复核意见="材料不全")
    edit(wb, "问题整改", row_ids(wb, "问题整改")[0], 复核意见="仍存在")
    code, out, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 0, err
    assert (f"{wb}: 3 typed cells not yet in the store imported into "
            f"{small / SMALL_REVIEWS}\n") in out
    assert f"{wb}: the previous file is kept as {tmp_path / 'out' / 'w.1.bak.xlsx'}\n" in out
    stored = _stored(small)
    assert stored["commitments"][rid]["status"] == "partial" and stored["commitments"][rid][
        "note"] == "材料不全"
    assert (cell(wb, "举措跟踪", rid, "复核状态"), cell(wb, "举措跟踪", other, "复核状态")) == (
        "部分落实", None)
    assert cell(tmp_path / "out" / "w.1.bak.xlsx", "举措跟踪", rid, "复核意见") == "材料不全"
    before = wb.read_bytes()
    code, out, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 0 and "imported" not in out and "kept as" not in out and err == "", out + err
    assert wb.read_bytes() == before and sorted(p.name for p in wb.parent.iterdir()) == [
        "w.1.bak.xlsx", "w.xlsx"]


def test_a_workbook_merely_saved_loses_nothing(small, tmp_path):
    """Opened and saved (a new modification time, nothing typed): nothing is imported, the saved
    file is kept as a backup (another program may have added sheets or formats), and the workbook
    written is the one a fresh compare writes."""
    import openpyxl
    wb, fresh = tmp_path / "w.xlsx", tmp_path / "fresh.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    openpyxl.load_workbook(wb).save(wb)
    code, out, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 0 and "imported" not in out, out + err
    assert f"kept as {tmp_path / 'w.1.bak.xlsx'}" in out, out + err
    assert not (small / "reviews").exists()
    assert yoy("compare", *SMALL, "--store", small, "-o", fresh)[0] == 0
    assert wb.read_bytes() == fresh.read_bytes()


def test_plan_imports_what_the_office_typed_before_rewriting_the_sheet(small, tmp_path):
    sheet = tmp_path / "plan.xlsx"
    report = small / "2021" / "新余市-fazhi.yaml"
    assert yoy("plan", report, "--store", small, "-o", sheet)[0] == 0
    mid = row_ids(sheet, "工作台账", "m")[1]
    edit(sheet, "工作台账", mid, 一季度进展情况="已召开专题会", 一季度完成状态="推进中")
    code, out, err = yoy("plan", report, "--store", small, "-o", sheet)
    assert code == 0, err
    entries = Path("reviews/新余市-fazhi-2022-plan.yaml")
    assert f"{sheet}: 2 typed cells not yet in the store imported into {small / entries}\n" in out
    assert {k: v for k, v in _stored(small, entries)["measures"][mid].items() if k != "text"} == {
        "progress": {"q1": "已召开专题会"}, "status": {"q1": "in_progress"}}
    assert cell(sheet, "工作台账", mid, "一季度进展情况") == "已召开专题会"


def test_backups_are_bounded(small, tmp_path):
    from compare.jobs.guard import BACKUPS
    wb = tmp_path / "w.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    rid = row_ids(wb, "举措跟踪", "m")[0]
    for n in range(BACKUPS + 2):
        edit(wb, "举措跟踪", rid, 复核意见=f"第{n}稿")
        assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    kept = sorted(p.name for p in tmp_path.glob("w.*.bak.xlsx"))
    assert kept == sorted(f"w.{n}.bak.xlsx" for n in range(3, BACKUPS + 3))
    assert cell(tmp_path / f"w.{BACKUPS + 2}.bak.xlsx", "举措跟踪", rid,
                "复核意见") == f"第{BACKUPS + 1}稿"
    assert _stored(small)["commitments"][rid]["note"] == f"第{BACKUPS + 1}稿"


def test_a_file_yoy_cannot_read_is_kept_before_it_is_replaced(small, tmp_path):
    wb = tmp_path / "w.xlsx"
    wb.write_bytes(b"my own notes, not a workbook")
    code, out, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 0, err
    assert err == (f"yoy: warning: {wb}: a text file (a CSV or a page saved under an .xlsx name?), "
                   "not an Excel workbook: import the .xlsx yoy wrote, with the entries; the file "
                   f"is kept as {tmp_path / 'w.1.bak.xlsx'}\n")
    assert (tmp_path / "w.1.bak.xlsx").read_bytes() == b"my own notes, not a workbook"


def test_text_cut_at_excels_limit_never_comes_back_as_an_edit(small, tmp_path):
    """issue 20 (d): a stored note longer than a cell holds is written cut, with a marker; the
    cut text read back is not the reviewer's: left alone it changes nothing, edited it is not
    imported (the whole text would be lost) and a warning says so."""
    wb = tmp_path / "w.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    rid = row_ids(wb, "举措跟踪", "m")[0]
    (small / "reviews").mkdir()
    long = "经核实，" + "该项工作已按计划推进并形成制度成果。" * 2500   # 45,004 characters
    (small / SMALL_REVIEWS).write_text(yaml.safe_dump(
        {"region": "新余市", "kind": "fazhi", "old_year": 2021, "new_year": 2022,
         "commitments": {rid: {"status": "delivered", "note": long}}}, allow_unicode=True),
                                       encoding="utf-8")
    stored = {rid: {"status": "delivered", "note": long}}
    code, out, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 0 and "imported" not in out, out + err
    assert "characters cut" in cell(wb, "举措跟踪", rid, "复核意见")
    code, out, err = yoy("review", "import", wb, "--store", small)
    assert code == 0 and err == "" and _stored(small)["commitments"] == stored, err
    edit(wb, "举措跟踪", rid, 复核意见="补充：" + cell(wb, "举措跟踪", rid, "复核意见"))
    code, out, err = yoy("review", "import", wb, "--store", small)
    assert code == 0 and _stored(small)["commitments"] == stored
    assert "复核意见 holds text yoy cut at Excel's cell limit; not imported" in err


def test_a_rows_text_edited_is_attached_by_its_id_with_a_warning(small, tmp_path):
    """issue 20 (i), the lenient half: a text that is no row's (the reviewer corrected it)."""
    wb = tmp_path / "w.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    rid = row_ids(wb, "举措跟踪", "m")[0]
    edit(wb, "举措跟踪", rid, 举措内容="改过的承诺内容", 复核状态="已落实")
    code, out, err = yoy("review", "import", wb, "--store", small)
    assert code == 0 and _stored(small)["commitments"][rid]["status"] == "delivered"
    assert f"the text '改过的承诺内容' is not that of ID {rid} (" in err
    assert f"attached to {rid} by its ID" in err


def test_merged_review_cells_reach_every_row_with_a_warning(small, tmp_path):
    """issue 20 (j): 复核状态 typed once over two merged rows is each row's, and said."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    wb = tmp_path / "w.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    book = openpyxl.load_workbook(wb)
    ws = book["举措跟踪"]
    col, id_col = ([c.value for c in ws[2]].index(h) + 1 for h in ("复核状态", "ID"))
    measures = {r for r in range(3, ws.max_row + 1)
                if str(ws.cell(r, id_col).value or "").startswith("m")}
    first = min(r for r in measures if r + 1 in measures)  # two measures of one section
    rows = [first, first + 1]
    ws.cell(rows[0], col).value = "已落实"
    ref = f"{get_column_letter(col)}{rows[0]}:{get_column_letter(col)}{rows[-1]}"
    ws.merge_cells(ref)
    book.save(wb)
    code, out, err = yoy("review", "import", wb, "--store", small)
    assert code == 0, err
    ids = [ws.cell(r, id_col).value for r in rows]
    assert {rid: e["status"] for rid, e in _stored(small)["commitments"].items()} == dict.fromkeys(
        ids, "delivered")
    assert (f"yoy: warning: {wb}: sheet 举措跟踪 cells {ref} are merged: 复核状态 '已落实' is read "
            "for each of their 2 rows\n") in err


def test_a_cleared_review_cell_is_said(small, tmp_path):
    """issue 20 (v): a workbook never erases a stored review; clearing a cell says so."""
    wb = tmp_path / "w.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    rid = row_ids(wb, "举措跟踪", "m")[0]
    edit(wb, "举措跟踪", rid, 复核状态="已落实", 复核意见="已核实")
    assert yoy("review", "import", wb, "--store", small)[0] == 0
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    edit(wb, "举措跟踪", rid, 复核意见=None)
    code, out, err = yoy("review", "import", wb, "--store", small)
    assert code == 0 and _stored(small)["commitments"][rid]["note"] == "已核实"
    assert (f"({rid}): 复核意见 was cleared; a workbook never erases a stored review, so the store "
            "keeps it") in err


def test_input_in_a_column_yoy_does_not_read_is_named_and_kept(small, tmp_path):
    """issue 20 (u), ua22a H3, left23: a column of the reviewer's own (我的批注, right of ID) is
    carried over by the rewrite, its header where she put it and each cell on its row by ID, as
    a 台账 carries an office's columns; the store keeps them (ReviewEntry.extra)."""
    import openpyxl
    wb = tmp_path / "w.xlsx"
    assert yoy("compare", *SMALL, "--store", small, "-o", wb)[0] == 0
    book = openpyxl.load_workbook(wb)
    ws = book["举措跟踪"]
    ws.cell(2, ws.max_column + 1).value = "我的批注"
    ws.cell(4, ws.max_column).value = "下周再看"
    rid = ws.cell(4, [c.value for c in ws[2]].index("ID") + 1).value
    book.save(wb)
    code, out, err = yoy("compare", *SMALL, "--store", small, "-o", wb)
    assert code == 0, err
    assert _stored(small)["commitments"][rid]["extra"] == {"我的批注": "下周再看"}
    ws = openpyxl.load_workbook(wb)["举措跟踪"]
    header = [c.value for c in ws[2]]
    assert header[-2:] == ["ID", "我的批注"], header
    row = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[-2] == rid)
    assert row[-1] == "下周再看"


def test_run_prints_reattached_reviews_and_their_import_warns_nothing_false(small, tmp_path):
    """issue 20 (l): a stored review whose id changed is re-attached with a warning `yoy run`
    prints, and importing the workbook so pre-filled says nothing of cells "erased in the store"."""
    out = tmp_path / "out"
    assert yoy("run", "--store", small, "--out", out, "--jobs", "1")[0] == 0
    wb = out / "新余市" / "fazhi-2021-2022.xlsx"
    rid, other = row_ids(wb, "举措跟踪", "m")[:2]
    text = cell(wb, "举措跟踪", rid, "举措内容")
    (small / "reviews").mkdir()
    (small / SMALL_REVIEWS).write_text(yaml.safe_dump(
        {"region": "新余市", "kind": "fazhi", "old_year": 2021, "new_year": 2022,
         "commitments": {"m-before-reingest": {"status": "partial", "note": "待补材料",
                                               "text": text}}},
        allow_unicode=True), encoding="utf-8")
    code, printed, err = yoy("run", "--store", small, "--out", out, "--jobs", "1")
    assert code == 0, err
    assert (f"yoy: warning: {wb}: commitments: the review of m-before-reingest is re-attached to "
            f"{rid}, whose text matches it best (100%)") in err
    assert cell(wb, "举措跟踪", rid, "复核意见") == "待补材料"
    edit(wb, "举措跟踪", other, 复核意见="另一条")
    code, printed, err = yoy("review", "import", wb, "--store", small)
    assert code == 0 and "erased" not in err, err
    stored = _stored(small)["commitments"]
    assert stored[rid]["note"] == "待补材料" and stored[other][
        "note"] == "另一条" and "m-before-reingest" not in stored


# --- re-attachment picks the right row (issue 20 (k)) -------------------------------------------

IDENT = dict(region="国务院", kind="gov-work-report", old_year=2022, new_year=2023)


def test_identical_texts_in_two_sections_keep_their_reviews_when_sections_are_renumbered():
    """Two sections plan the same words. Ids come from a measure's label path, so when a section
    is inserted before both, the first section's row takes the id the second's had: the reviews
    must follow the sections (recorded because the text alone does not tell the rows), not swap."""
    from compare.store.reviews import ReviewEntry, Reviews, Row, merge_reviews, reattach
    text = "加强督查考核"
    before = {"commitments": {"a3": Row(text, "优化营商环境"), "a4": Row(text, "推进依法行政"),
                              "a9": Row("建设数字政府", "推进依法行政")}}
    given = Reviews(**IDENT, commitments={"a3": ReviewEntry(status="delivered", text=text),
                                          "a4": ReviewEntry(status="not_delivered", text=text)})
    stored, warnings = merge_reviews(None, given, before)
    assert warnings == [] and stored.commitments["a3"].section == "优化营商环境"
    after = {"commitments": {"a4": Row(text, "优化营商环境"), "a5": Row(text, "推进依法行政"),
                             "a10": Row("建设数字政府", "推进依法行政")}}
    shown, warnings = reattach(stored, after)
    assert {rid: e.status for rid, e in shown.commitments.items()} == {
        "a4": "delivered", "a5": "not_delivered"}
    assert warnings[0].startswith("commitments: the review of a4 was given in section "
                                  "'推进依法行政', but a4 now names a row of '优化营商环境'")


def test_a_deleted_measures_review_does_not_move_to_a_similar_one():
    """87% alike is another measure (执法 / 复议): the review stays under its id, and the warning
    names the row it was not given to."""
    from compare.store.reviews import ReviewEntry, Reviews, reattach
    gone = "完善行政执法协调监督工作体系建设"
    stored = Reviews(**IDENT, commitments={"m-gone": ReviewEntry(status="delivered", text=gone)})
    shown, warnings = reattach(stored,
                               {"commitments": {"m-kept": "完善行政复议协调监督工作体系建设"}})
    assert set(shown.commitments) == {"m-gone"}
    assert warnings == ["commitments: the review of m-gone is kept, but m-gone "
                        f"('{gone}') is no longer in the comparison and no row matches it (the "
                        "closest, m-kept at 88%, is under the 95% that moves an entry)"]


def test_of_two_identical_measures_the_survivor_shows_neither_review():
    """Two identical measures of one section (ids by occurrence) were reviewed differently; one is
    deleted and the survivor takes the first id. Which one survived cannot be told: neither review
    is shown on it, both are kept, and the warning names both ids. A review typed on the survivor
    then is its own."""
    from compare.store.reviews import ReviewEntry, Reviews, Row, merge_reviews, reattach
    text, section = "开展道路交通安全专项整治", "推进依法行政"
    before = {"commitments": {"t0": Row(text, section), "t1": Row(text, section)}}
    given = Reviews(**IDENT, commitments={"t0": ReviewEntry(status="delivered", text=text),
                                          "t1": ReviewEntry(status="not_delivered", text=text)})
    stored, _ = merge_reviews(None, given, before)
    after = {"commitments": {"t0": Row(text, section)}}
    shown, warnings = reattach(stored, after)
    assert "t0" not in shown.commitments
    assert {rid: e.status for rid, e in shown.commitments.items()} == {
        "t0~": "delivered", "t1": "not_delivered"}
    assert warnings[0] == ("commitments: the review of t0 is set aside as t0~ and shown on no row: "
                           "t0 and t1 were identical rows (same text and section) and one is gone, "
                           "so which one t0 now is cannot be told")
    typed = Reviews(**IDENT, commitments={"t0": ReviewEntry(status="partial", text=text)})
    merged, _ = merge_reviews(stored, typed, after)
    assert {rid: e.status for rid, e in merged.commitments.items()} == {
        "t0": "partial", "t0~": "delivered", "t1": "not_delivered"}
    assert reattach(merged, after)[0].commitments["t0"].status == "partial"



def test_a_review_of_a_row_joined_to_another_is_kept_and_named():
    """Ingest now joins a row it finds no task in to its task's row (国务院 2023: 积极推动加入
    to 落实好外资企业国民待遇, one new row with a new id). Reviews typed on the two rows before are
    kept under their ids and named in a warning; neither is put on the joined row, which holds
    more than either reviewer saw."""
    from compare.store.reviews import ReviewEntry, Reviews, Row, merge_reviews, reattach
    section, task, fragment = "扩大高水平对外开放", "落实好外资企业国民待遇", "积极推动加入"
    before = {"commitments": {"m73f334504e": Row(task, section),
                              "mc87c8d5633": Row(fragment, section)}}
    given = Reviews(**IDENT, commitments={
        "m73f334504e": ReviewEntry(status="delivered", text=task),
        "mc87c8d5633": ReviewEntry(status="partial", text=fragment)})
    stored, _ = merge_reviews(None, given, before)
    after = {"commitments": {"m04335a3b0e": Row(f"{task}。{fragment}", section)}}
    shown, warnings = reattach(stored, after)
    assert {rid: e.status for rid, e in shown.commitments.items()} == {
        "m73f334504e": "delivered", "mc87c8d5633": "partial"}
    assert len(warnings) == 2 and all("is kept, but" in w for w in warnings)

# --- yoy run and a report removed from the store (issue 20, w)
# -------------------------------------

def test_a_plan_sheet_typed_into_outlives_its_removed_report(tmp_path):
    """The office typed into the 台账 yoy wrote; its report is then removed from the store. The
    run removes nothing anyone typed into: it names the file and leaves it as it is."""
    from compare.jobs.run import run_store
    store, out = copy_store(tmp_path / "store", ("新余市",)), tmp_path / "out"
    run_store(store, out)
    plan = out / "新余市" / "fazhi-2022-plan.xlsx"
    wb = openpyxl.load_workbook(plan)
    ws = wb["工作台账"]
    # a title row above the header
    col = next(c.column for c in ws[2] if c.value == "一季度进展情况")
    ws.cell(3, col).value = "已召开动员部署会"
    wb.save(plan)
    (store / "2021" / "新余市-fazhi.yaml").unlink()
    code, stdout, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    assert code == 0 and err == (f"yoy: warning: {plan}: made from 2021/新余市-fazhi.yaml, no "
                                 "longer in the store, and changed since yoy wrote it: left in "
                                 "place\n")
    assert openpyxl.load_workbook(plan)["工作台账"].cell(3, col).value == "已召开动员部署会"
