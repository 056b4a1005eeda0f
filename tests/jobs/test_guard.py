"""jobs.guard: a workbook byte for byte as yoy last wrote it is replaced without being read back;
any other (typed into, saved by another program, or with yoy's document properties put back) is
read, and what was typed goes into the store first."""
import hashlib
import zipfile
from pathlib import Path

import pytest
import yaml

from compare.jobs.guard import WRITTEN
from compare.jobs.ingest_file import ingest_file
from compare.jobs.pipeline import compare_pair, pair_paths
from compare.store import CACHE
from tests.support import SEED, cell, copy_store, edit, row_ids

REVIEWS = Path("reviews/新余市-fazhi-2021-2022.yaml")


@pytest.fixture
def pair(tmp_path):
    """新余市's 2021 report and its text stored again as 2022, and a run's output folder with its
    parse cache: compare(workbook) compares them into `workbook`."""
    store = copy_store(tmp_path / "store", ("新余市",))
    ingest_file(str(SEED), kind="fazhi", year=2022, store=store)
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
