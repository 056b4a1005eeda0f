"""jobs.guard: a workbook byte for byte as yoy last wrote it is replaced without being read back;
any other (typed into, saved by another program, or with yoy's document properties put back) is
read, and what was typed goes into the store first."""
import hashlib
import zipfile
from pathlib import Path

import pytest
import yaml

from compare.jobs.guard import WRITTEN
from compare.jobs.ingest_file import ingest_and_store
from compare.jobs.pipeline import compare_pair, pair_paths
from compare.store import CACHE
from tests.support import SEED, cell, copy_store, edit, row_ids

REVIEWS = Path("reviews/新余市-fazhi-2021-2022.yaml")


@pytest.fixture
def pair(tmp_path):
    """新余市's 2021 report and its text stored again as 2022, and a run's output folder with its
    parse cache: compare(workbook) compares them into `workbook`."""
    store = copy_store(tmp_path / "store", ("新余市",))
    ingest_and_store(str(SEED), kind="fazhi", year=2022, store=store)
    out = tmp_path / "output"
    (out / CACHE).mkdir(parents=True)
    old, new = pair_paths(store, "新余市", "fazhi", 2021, 2022)

    def compare(workbook: Path):
        return compare_pair(old, new, store=store, out=out, workbook=workbook)
    return store, out / CACHE / WRITTEN, compare


def _unreadable(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a workbook as yoy wrote it was read back")
    monkeypatch.setattr("compare.workbook.reading.open_workbook", refuse)


def test_a_workbook_as_yoy_wrote_it_is_replaced_unread(pair, tmp_path, monkeypatch):
    store, record, compare = pair
    wb = tmp_path / "w.xlsx"
    compare(wb)
    before = wb.read_bytes()
    assert (record / hashlib.sha256(before).hexdigest()).is_file()
    _unreadable(monkeypatch)
    res = compare(wb)
    assert wb.read_bytes() == before
    assert (res.kept.notes, res.kept.warnings) == ([], [])
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == ["w.xlsx"]


def test_a_workbook_typed_into_after_yoy_wrote_it_is_read(pair, tmp_path):
    """The record holds the bytes yoy wrote, not the path: the file typed into and saved since
    (openpyxl, as an office program saves) is read, its cells imported, the file kept."""
    store, record, compare = pair
    wb = tmp_path / "w.xlsx"
    compare(wb)
    rid = row_ids(wb, "举措跟踪", "m")[0]
    edit(wb, "举措跟踪", rid, 复核意见="材料不全")
    res = compare(wb)
    assert res.kept.imported
    stored = yaml.safe_load((store / REVIEWS).read_text(encoding="utf-8"))
    assert stored["commitments"][rid]["note"] == "材料不全"
    assert cell(wb, "举措跟踪", rid, "复核意见") == "材料不全"
    assert (tmp_path / "w.1.bak.xlsx").is_file()


def test_a_typed_workbook_with_yoys_document_properties_put_back_is_read(pair, tmp_path):
    """Typed into by a program that leaves the document properties as yoy wrote them (so the
    file looks unsaved to written_by_yoy): its bytes are not those recorded, and it is read."""
    store, record, compare = pair
    wb = tmp_path / "w.xlsx"
    compare(wb)
    with zipfile.ZipFile(wb) as z:
        core = z.read("docProps/core.xml")
    rid = row_ids(wb, "举措跟踪", "m")[0]
    edit(wb, "举措跟踪", rid, 复核意见="仍需推进")
    typed = tmp_path / "typed.xlsx"
    with zipfile.ZipFile(wb) as src, zipfile.ZipFile(typed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, core if item.filename == "docProps/core.xml" else src.read(item))
    wb.write_bytes(typed.read_bytes())
    from compare.workbook.sheets import written_by_yoy
    assert written_by_yoy(wb)
    assert compare(wb).kept.imported
    stored = yaml.safe_load((store / REVIEWS).read_text(encoding="utf-8"))
    assert stored["commitments"][rid]["note"] == "仍需推进"


PAIR = ["--region", "国务院", "--kind", "gov-work-report", "--from", "2022", "--to", "2023"]


def _yoy(*args):
    from click.testing import CliRunner

    from compare.cli import main
    res = CliRunner().invoke(main, [str(a) for a in args])
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture
def ledger(tmp_path):
    """国务院's store and its 2022→2023 workbook."""
    store = copy_store(tmp_path / "store", ("国务院",))
    wb = tmp_path / "w.xlsx"
    assert _yoy("compare", *PAIR, "--store", store, "-o", wb)[0] == 0
    return store, wb


def test_a_problem_review_agrees_with_not_mentioned_and_a_bad_cell_is_kept(ledger):
    """Review 2026-12-04: a reviewer can choose 未提及 (yoy's own status for a problem); a status
    yoy does not know is skipped on import with a warning, the workbook's other cells taken, as
    the 台账 does; and a command about to rewrite the workbook stops, the value still in its
    cell, until it is corrected or --discard-edits."""
    from openpyxl import load_workbook
    store, wb = ledger
    agreed, bad = row_ids(wb, "问题整改")[:2]
    edit(wb, "问题整改", agreed, 复核状态="未提及")
    edit(wb, "问题整改", bad, 复核状态="差不多", 复核意见="再看看")
    code, out, err = _yoy("review", "import", wb, "--store", store)
    assert code == 0 and "unknown status '差不多'" in err and err.endswith("; skipped\n"), err
    saved = store / "reviews" / "国务院-gov-work-report-2022-2023.yaml"
    shortcomings = yaml.safe_load(saved.read_text(encoding="utf-8"))["shortcomings"]
    assert shortcomings[agreed]["status"] == "not_mentioned"
    assert shortcomings[bad]["note"] == "再看看" and "status" not in shortcomings[bad]
    before = {p: p.read_bytes() for p in (wb, saved)}
    code, out, err = _yoy("compare", *PAIR, "--store", store, "-o", wb)
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(f"yoy: error: {wb}: 1 typed cell yoy cannot import would be lost "
                          "(sheet 问题整改 cell "), err
    assert "unknown status '差不多'" in err and "--discard-edits" in err
    assert {p: p.read_bytes() for p in before} == before
    code, out, err = _yoy("compare", *PAIR, "--store", store, "-o", wb, "--discard-edits")
    assert code == 0, err
    backup = wb.with_name("w.1.bak.xlsx")
    assert f"kept as {backup}, its 1 typed cell yoy cannot import discarded" in out
    assert cell(backup, "问题整改", bad, "复核状态") == "差不多"
    assert cell(wb, "问题整改", agreed, "复核状态") == "未提及"
    assert "未提及" in load_workbook(wb)["问题整改"].data_validations.dataValidation[0].formula1


def _validated(ws) -> set[int]:
    """The rows a sheet's drop-downs cover."""
    return {r for dv in ws.data_validations.dataValidation for rng in dv.sqref.ranges
            for r in range(rng.min_row, rng.max_row + 1)}


def test_roll_up_rows_offer_no_drop_down_and_input_there_stops_a_rewrite(ledger):
    """Review 2026-12-04: the bold roll-up rows (no ID) take no review, so the 复核状态 drop-down
    is only on the measures' rows; input typed on a roll-up row all the same is named on import
    and stops a rewrite rather than vanish from the workbook."""
    from openpyxl import load_workbook
    store, wb = ledger
    ws = load_workbook(wb)["举措跟踪"]
    header = [c.value for c in ws[2]]   # below the title row
    measures = {r for r in range(3, ws.max_row + 1) if ws.cell(r, header.index("ID") + 1).value}
    rollups = set(range(3, ws.max_row + 1)) - measures
    assert rollups and _validated(ws) == measures
    ws.cell(min(rollups), header.index("复核状态") + 1).value = "已落实"
    ws.parent.save(wb)
    code, out, err = _yoy("review", "import", wb, "--store", store)
    assert code == 0 and f"row {min(rollups)}: reviewer input without an ID, ignored" in err, err
    before = wb.read_bytes()
    code, out, err = _yoy("compare", *PAIR, "--store", store, "-o", wb)
    assert code == 2 and (f"(sheet 举措跟踪 row {min(rollups)}: reviewer input on a row without "
                          "an ID)") in err, err
    assert wb.read_bytes() == before


# ---- the record of what yoy wrote, from run to run ---------------------------------------------

LEDGERS = ("国务院/gov-work-report-2021-2022.xlsx", "国务院/gov-work-report-2022-2023.xlsx")


@pytest.fixture
def ran(tmp_path):
    """国务院's store (two pairs) after one `yoy run`, and the run's record of what it wrote."""
    from compare.jobs.run import run_store
    store = copy_store(tmp_path / "store", ("国务院",))
    out = tmp_path / "out"
    assert len(run_store(store, out, jobs=1).done) == 2
    return store, out, out / CACHE / WRITTEN


def _opened(monkeypatch) -> list[Path]:
    """The workbooks read back from now on (reading.open_workbook), as they are opened."""
    import compare.workbook.reading
    opened: list[Path] = []
    real = compare.workbook.reading.open_workbook

    def noting(path, *args, **kwargs):
        opened.append(Path(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(compare.workbook.reading, "open_workbook", noting)
    return opened


def _digests(out: Path) -> set[str]:
    return {hashlib.sha256((out / name).read_bytes()).hexdigest() for name in LEDGERS
            if (out / name).is_file()}


def test_a_rerun_rewriting_every_workbook_reads_none_an_earlier_run_wrote(ran, monkeypatch):
    """The record is kept from run to run (a run's start used to prune it with the parse cache's
    leftovers, so every workbook to be rewritten was read back): nobody touched them, nothing to
    import."""
    from compare.jobs.run import run_store
    store, out, record = ran
    before = {name: (out / name).read_bytes() for name in LEDGERS}
    opened = _opened(monkeypatch)
    again = run_store(store, out, jobs=1, force=True)
    assert len(again.done) == 2 and not again.failed and not again.notes
    assert not [p for p in opened if p.suffix == ".xlsx" and "-plan" not in p.name], opened
    assert {name: (out / name).read_bytes() for name in LEDGERS} == before
    assert {p.name for p in record.iterdir()} == _digests(out)


@pytest.mark.parametrize("force", [True, False])
def test_a_workbook_typed_into_after_a_run_is_read_whatever_its_size_and_time(ran, force):
    """A clerk types a note after the run, the file then as long as before and its modification
    time put back: the record is of bytes, so the rerun (forced, or one the file's change time
    starts) reads the file and imports her cell before rewriting it, which shows it."""
    from compare.jobs.run import run_store
    from tests.support import type_same_size
    store, out, record = ran
    wb = out / LEDGERS[1]
    rid = row_ids(wb, "举措跟踪", "m")[0]
    type_same_size(wb, "举措跟踪", rid, "复核意见", "材料不全，请补充")
    again = run_store(store, out, jobs=1, force=force)
    assert not again.failed and any("imported into" in n and str(wb) in n for n in again.notes)
    saved = store / "reviews" / "国务院-gov-work-report-2022-2023.yaml"
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["commitments"][rid]["note"] == (
        "材料不全，请补充")
    assert cell(wb, "举措跟踪", rid, "复核意见") == "材料不全，请补充"
    assert cell(wb.with_name(wb.stem + ".1.bak.xlsx"), "举措跟踪", rid, "复核意见") == (
        "材料不全，请补充")


def test_the_record_holds_the_workbooks_there_are(ran):
    """A workbook rewritten leaves its old bytes' digest behind it, one removed with its report
    too, and what yoy did not put in the record folder goes at a run's start: the record does not
    grow from run to run."""
    import os

    from compare.jobs.run import run_store
    store, out, record = ran
    new = store / "2023" / "国务院-gov-work-report.yaml"
    new.write_bytes(new.read_bytes().replace(b"title: ", "title: (修订) ".encode(), 1))
    (record / "x").mkdir()
    (record / "notes.txt").write_text("x", encoding="utf-8")
    os.mkfifo(record / ("0" * 64))
    again = run_store(store, out, jobs=1)
    assert [(p.old_year, p.new_year) for p in again.done] == [(2022, 2023)]
    assert {p.name for p in record.iterdir()} == _digests(out)
    new.unlink()
    gone = run_store(store, out, jobs=1)
    assert out / LEDGERS[1] in gone.removed
    assert {p.name for p in record.iterdir()} == _digests(out) and len(_digests(out)) == 1


def test_every_backup_of_an_edited_run_summary_is_kept(tmp_path):
    """ua24 H1: nothing reads 运行摘要.csv back, so a clerk's note typed there is in its backup
    alone; the sixth edited summary's backup removed the first (a workbook's keep the last five,
    what was typed there imported into the store first)."""
    from compare.jobs.guard import BACKUPS, keep_unless_written
    summary = tmp_path / "运行摘要.csv"
    for n in range(1, BACKUPS + 3):
        summary.write_text(f"盐田区,gov-work-report,备注,第{n}次\r\n", encoding="utf-8")
        assert keep_unless_written(summary, "yoy's") == tmp_path / f"运行摘要.{n}.bak.csv"
    kept = sorted(tmp_path.glob("运行摘要.*.bak.csv"))
    assert len(kept) == BACKUPS + 2
    assert "第1次" in (tmp_path / "运行摘要.1.bak.csv").read_text(encoding="utf-8")
