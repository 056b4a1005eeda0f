"""`yoy run` against a hostile or careless store and output folder (issue 20's sweep, m p q r s w):
edits its signatures cannot see, caches and an index that lie, FIFOs where files should be,
a run killed under its workers, damaged state files, and reports removed from the store.
Cases that could hang run yoy in a subprocess with a timeout, so a regression fails, never hangs."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.jobs.index import Entry, index_path, load_index, save_index
from compare.jobs.run import STATE, run_store
from compare.store import CACHE, cached_path, schema_tag
from tests.support import copy_store, edit_in_place, sheet_rows

OLD, NEW = "2022/国务院-gov-work-report.yaml", "2023/国务院-gov-work-report.yaml"
LEDGER, JSON = "国务院/gov-work-report-2022-2023.xlsx", "国务院/gov-work-report-2022-2023.json"
YOY = str(Path(sys.executable).with_name("yoy"))


@pytest.fixture
def store(tmp_path):
    """The State Council's three reports: two pairs, a tracker and a 台账."""
    return copy_store(tmp_path / "store", ("国务院",))


@pytest.fixture
def pair(store):
    """The State Council's 2022 and 2023 reports: one pair, its tracker and 2023's 台账."""
    (store / "2021" / "国务院-gov-work-report.yaml").unlink()
    return store


def yoy(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def yoy_process(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    """yoy in its own process: a hang is a failure after `timeout`, not a stuck suite."""
    return subprocess.run([YOY, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def outputs(out: Path) -> dict[str, bytes]:
    """What a run wrote for people (workbooks and JSON), by path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.suffix in (".xlsx", ".json") and not p.name.startswith(".")}


def title(out: Path) -> str:
    return json.loads((out / JSON).read_text(encoding="utf-8"))["new"]["title"]


# ---- (m) an edit that keeps size and modification time ----------------------------------------

def test_a_same_size_edit_with_the_mtime_put_back_is_seen(pair, tmp_path):
    out = tmp_path / "out"
    run_store(pair, out)
    assert title(out) == "政府工作报告"
    edit_in_place(pair / NEW, "title: 政府工作报告", "title: 政府工作汇报")
    again = run_store(pair, out)
    assert [(p.old_year, p.new_year) for p in again.done] == [(2022, 2023)]
    assert title(out) == "政府工作汇报"


def test_a_same_size_edit_of_the_office_entries_redoes_the_open_plan_sheet(pair, tmp_path):
    out = tmp_path / "out"
    run_store(pair, out)
    plan = out / "国务院" / "gov-work-report-2023-plan.xlsx"
    rid = next(r["ID"] for r in sheet_rows(plan, "工作台账") if r["ID"].startswith("m"))
    entries = pair / "reviews" / "国务院-gov-work-report-2023-plan.yaml"
    entries.parent.mkdir()
    entries.write_text("region: 国务院\nkind: gov-work-report\nplan_year: 2023\nmeasures:\n  "
                       f"{rid}: {{note: 甲}}\n",
                       encoding="utf-8")
    run_store(pair, out)
    edit_in_place(entries, "甲", "乙")
    run_store(pair, out)
    assert next(r["备注"] for r in sheet_rows(plan, "工作台账") if r["ID"] == rid) == "乙"


# ---- (p) the parse cache and the index are never believed over the store ---------------------

def test_an_altered_cache_entry_is_not_used(pair, tmp_path):
    out = tmp_path / "out"
    run_store(pair, out)
    before = outputs(out)
    hit = cached_path(out / CACHE, hashlib.sha256((pair / NEW).read_bytes()).hexdigest())
    data = hit.read_bytes()
    payload = zlib.decompress(data[32:]).replace("政府工作报告".encode(), "政府工作汇报".encode())
    # resealed wrongly, unsealed
    for altered in (data[:32] + zlib.compress(payload), zlib.compress(payload)):
        hit.write_bytes(altered)
        run_store(pair, out, force=True)
        assert outputs(out) == before and title(out) == "政府工作报告"
        assert hit.read_bytes() != altered  # rewritten from the YAML


def test_an_index_edited_to_another_region_files_nothing_under_it(store, tmp_path):
    out = tmp_path / "out"
    run_store(store, out)
    before = outputs(out)
    text = index_path(out).read_text(encoding="utf-8")
    index_path(out).write_text(text.replace('"region":"国务院"', '"region":"新余市"'),
                               encoding="utf-8")
    again = run_store(store, out)
    assert not again.failed and len(again.skipped) == 2
    assert outputs(out) == before and not (out / "新余市").exists()


def test_an_index_rewritten_whole_still_files_nothing_under_another_region(store, tmp_path):
    """Even an index whose checksum was made to match: the worker checks each report it loads."""
    out = tmp_path / "out"
    run_store(store, out)
    before = outputs(out)
    entries = load_index(out, store)
    save_index(out, store, [Entry(**{**e.__dict__, "region": "新余市"}) if e.path == NEW else e
                            for e in entries.values()])
    code, stdout, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    assert code == 2 and f"{store / NEW}: holds 国务院 gov-work-report 2023, not 新余市" in err, err
    assert not (out / "新余市").exists() and (out / LEDGER).read_bytes() == before[LEDGER]
    assert NEW not in load_index(out, store)  # forgotten: the next run reads the file again
    again = run_store(store, out)
    assert not again.failed and {k: v for k, v in outputs(out).items() if k in before} == before


def test_a_file_that_failed_to_read_is_tried_again_though_unchanged(pair, tmp_path, monkeypatch):
    """A read that failed for a passing reason (an I/O error) fails the file on that run only."""
    import dataclasses

    import compare.jobs.index
    real = compare.jobs.index.read_entry

    def flaky(store_, rel, *args):
        # the file's real signature: only its error says to read it again
        e = real(store_, rel, *args)
        return dataclasses.replace(e, error="cannot read: Input/output error") if rel == NEW else e
    monkeypatch.setattr(compare.jobs.index, "read_entry", flaky)
    out = tmp_path / "out"
    code, _, err = yoy("run", "--store", pair, "--out", out, "--jobs", "1")
    assert code == 2 and "Input/output error" in err
    monkeypatch.setattr(compare.jobs.index, "read_entry", real)
    code, _, err = yoy("run", "--store", pair, "--out", out, "--jobs", "1")
    assert code == 0 and err == "" and (out / LEDGER).is_file()


def test_a_report_reingested_under_another_region_during_the_run_files_nothing_under_it(
        pair, tmp_path, monkeypatch):
    """The file changes between the index and the worker: the worker finds
    out and writes nothing."""
    import compare.jobs.run
    real = compare.jobs.run.refresh_index

    def then_reingested(*args):
        entries = real(*args)
        path = pair / NEW
        path.write_text(path.read_text(encoding="utf-8").replace(
            "region: 国务院", "region: 新余市", 1),
                        encoding="utf-8")
        return entries
    monkeypatch.setattr(compare.jobs.run, "refresh_index", then_reingested)
    out = tmp_path / "out"
    result = run_store(pair, out)
    assert any("holds 新余市 gov-work-report 2023, not 国务院" in why
               for _, why in result.failed), result.failed
    assert not (out / "新余市").exists()


# ---- (q) a FIFO where a file should be is reported, never waited on ---------------------------

def test_a_fifo_in_the_store_is_reported_and_skipped(store, tmp_path):
    os.mkfifo(store / "2023" / "某区-fazhi.yaml")
    out = tmp_path / "out"
    p = yoy_process("run", "--store", store, "--out", out, "--jobs", "2", timeout=60)
    assert p.returncode == 2  # bad input: the other pairs are done
    assert p.stderr == (f"yoy: error: {store / '2023' / '某区-fazhi.yaml'}: not a regular file (a "
                        "FIFO, socket or device)\n")
    assert (out / LEDGER).is_file()
    for command in ("validate", "list"):
        p = yoy_process(command, "--store", store, timeout=60)
        assert p.returncode == 2 and p.stderr.endswith("某区-fazhi.yaml: not a regular file (a "
                                                       "FIFO, socket or device)\n")
        assert p.stderr.count("\n") == 1


def test_a_fifo_in_the_cache_is_skipped_and_cleared(pair, tmp_path):
    out = tmp_path / "out"
    hit = cached_path(out / CACHE, hashlib.sha256((pair / NEW).read_bytes()).hexdigest())
    hit.parent.mkdir(parents=True)
    os.mkfifo(hit)
    p = yoy_process("run", "--store", pair, "--out", out, "--jobs", "1", timeout=60)
    assert p.returncode == 0, p.stderr
    assert (out / LEDGER).is_file() and hit.is_file()  # the FIFO pruned, the report cached again


@pytest.mark.parametrize("name", [STATE, ".yoy-index.json"])
def test_a_fifo_for_the_runs_own_files_stops_the_run_at_once(pair, tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / name)
    p = yoy_process("run", "--store", pair, "--out", out, "--jobs", "1", timeout=60)
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and p.stderr.startswith(
        f"yoy: error: {out / name}: ")
    assert outputs(out) == {}


# ---- (r) workers die with their run ----------------------------------------------------------

HELD_RUN = """
import os, sys, time
from pathlib import Path
import compare.jobs.pipeline
from compare.jobs.run import run_store
store, out, gate = sys.argv[1:4]
def held(old, new, **kw):  # the workers are forked: they run this, and wait for ever
    Path(gate, f"worker-{os.getpid()}").touch()
    while True:
        time.sleep(1)
compare.jobs.pipeline.compare_pair = held
run_store(Path(store), Path(out), jobs=2)
"""


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie nobody reaped yet has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killing_the_run_ends_its_workers(store, tmp_path, sig):
    gate = tmp_path / "gate"
    gate.mkdir()
    p = subprocess.Popen([sys.executable, "-c", HELD_RUN, str(store),
                          str(tmp_path / "out"), str(gate)],
                         stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2:
            assert p.poll() is None and time.monotonic() < deadline, (
                "the workers never started their pairs")
            time.sleep(0.05)
            workers = [int(f.name.split("-")[1]) for f in gate.glob("worker-*")]
        p.send_signal(sig)
        p.wait(30)
        deadline = time.monotonic() + 30
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(alive, workers)), "workers outlived their run"
    finally:
        for pid in [p.pid, *workers]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    # nothing holds the run's lock any more: the next run goes ahead
    assert len(run_store(store, tmp_path / "out").done) == 2


# ---- (s) damaged files of the run: one line, never a traceback --------------------------------

@pytest.mark.parametrize("state", ['{"format": 4, "langs": []}',
                                   '{"format": 4, "langs": {"zh": {"a/b": 5}}}',
                                   "[1]", "not json", '{"format": 4, "langs": {"zh": {"国务院/x": '
                                   '{"key": "k", "files": {"国务院/x.xlsx": ["1"]}, "sources": '
                                   '[]}}}}'])
def test_a_damaged_run_state_is_named_and_every_workbook_redone(pair, tmp_path, state):
    out = tmp_path / "out"
    run_store(pair, out)
    (out / STATE).write_text(state, encoding="utf-8")
    code, stdout, err = yoy("run", "--store", pair, "--out", out, "--jobs", "1")
    assert code == 0 and err.count("\n") == 1
    assert err.startswith(
        f"yoy: warning: {out / STATE}: damaged run state (") and "written again" in err
    assert stdout.splitlines()[1].split() == ["1", "1", "0", "0"]
    assert len(run_store(pair, out).skipped) == 1


def test_a_run_state_of_another_version_is_replaced_quietly(pair, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE).write_text('{"format": 2, "langs": {"zh": {}}}', encoding="utf-8")
    code, _, err = yoy("run", "--store", pair, "--out", out, "--jobs", "1")
    assert code == 0 and err == ""


@pytest.mark.parametrize("field, value", [("year", "2022"), ("region", 5), ("size", True),
                                          ("error", None)])
def test_an_index_entry_of_the_wrong_type_is_not_believed(pair, tmp_path, field, value):
    """Even with a matching checksum (another writer): each entry is checked field by field."""
    out = tmp_path / "out"
    run_store(pair, out)
    head, body = index_path(out).read_bytes().split(b"\n", 1)
    entries = json.loads(body)
    entries[1][field] = value
    body = json.dumps(entries, ensure_ascii=False).encode()
    header = {**json.loads(head), "sha256": hashlib.sha256(body).hexdigest()}
    index_path(out).write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert load_index(out, pair) == {}
    code, _, err = yoy("run", "--store", pair, "--out", out, "--jobs", "1")
    assert code == 0 and err == ""


def test_a_5000_digit_number_fails_only_its_own_file(store, tmp_path):
    bad = store / OLD
    bad.write_text(bad.read_text(encoding="utf-8").replace("\nyear: 2022\n",
                                                           f"\nyear: {'1' * 5000}\n"),
                   encoding="utf-8")
    code, stdout, err = yoy("run", "--store", store, "--out", tmp_path / "out", "--jobs", "1")
    # line 4: the stamp yoy writes is line 1
    assert code == 2 and err == (f"yoy: error: {bad}: line 4: a number of 5000 characters (at most "
                                 "100)\n")


def test_a_year_folder_of_other_digits_is_not_a_year(pair, tmp_path):
    (pair / "²").mkdir()
    (pair / "２０２２").mkdir()
    code, _, err = yoy("run", "--store", pair, "--out", tmp_path / "out", "--jobs", "1")
    assert code == 0 and err == ""
    code, stdout, _ = yoy("validate", "--store", pair)
    assert code == 0 and stdout == "2 report(s) valid\n"


def test_a_cache_folder_replaced_by_a_file_heals(pair, tmp_path):
    out = tmp_path / "out"
    run_store(pair, out)
    tag = out / CACHE / schema_tag()  # the parsed reports' folder (beside jobs.guard's WRITTEN)
    for f in tag.iterdir():
        f.unlink()
    tag.rmdir()
    tag.write_bytes(b"x")
    code, _, err = yoy("run", "--store", pair, "--out", out, "--jobs", "1", "--force")
    assert code == 0 and err == "" and tag.is_dir()


# ---- (w) outputs of a report removed from the store --------------------------------------------

def test_outputs_of_a_removed_report_are_removed_unless_edited(store, tmp_path):
    """…in both languages; the backup the guard kept of a workbook is never removed."""
    out = tmp_path / "out"
    run_store(store, out)
    # saved by another program, nothing typed
    openpyxl.load_workbook(out / LEDGER).save(out / LEDGER)
    run_store(store, out)  # rewritten, the saved file kept as a backup
    backup = out / "国务院" / "gov-work-report-2022-2023.1.bak.xlsx"
    run_store(store, out, lang="en")  # the English files beside them: still yoy's
    plan = out / "国务院" / "gov-work-report-2023-plan.xlsx"
    english = [out / LEDGER.replace(".xlsx", "-en.xlsx"),
               plan.with_name("gov-work-report-2023-plan-en.xlsx")]
    assert plan.is_file() and (out / LEDGER).is_file() and backup.is_file() and all(
        p.is_file() for p in english)
    (store / NEW).unlink()
    code, stdout, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    assert code == 0 and err == ""
    assert not (out / LEDGER).exists() and not (out / JSON).exists() and not plan.exists()
    assert not any(p.exists() for p in english) and backup.is_file()
    assert f"removed, made from reports no longer in the store: {out / LEDGER}" in stdout
    assert (out / "国务院" / "gov-work-report-2021-2022.xlsx").is_file()  # the pair that remains
    # 2022's plan is now the open one
    assert (out / "国务院" / "gov-work-report-2022-plan.xlsx").is_file()
    code, stdout, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
    assert code == 0 and err == "" and "removed, made from" not in stdout


def test_an_edited_output_of_a_removed_report_is_kept_and_named(store, tmp_path):
    out = tmp_path / "out"
    run_store(store, out)
    with open(out / LEDGER, "ab") as f:  # someone saved the workbook since (its bytes changed)
        f.write(b"\0")
    typed = (out / LEDGER).read_bytes()
    (store / NEW).unlink()
    for _ in range(2):  # said again on every run, until someone deals with it
        code, stdout, err = yoy("run", "--store", store, "--out", out, "--jobs", "1")
        assert code == 0
        assert err == (f"yoy: warning: {out / LEDGER}: made from {NEW}, no longer in the store, "
                       "and changed since yoy wrote it: left in place\n")
        assert (out / LEDGER).read_bytes() == typed and not (out / JSON).exists()


# ---- two stores, one output folder ------------------------------------------------------------

def test_a_run_of_another_store_into_the_folder_is_refused_and_deletes_nothing(store, tmp_path):
    """2026-12-04's reviewer: `yoy run --store /tmp/S` into the default output/ removed all of the
    shipped store's workbooks as made from reports no longer in (its) store."""
    out = tmp_path / "out"
    run_store(store, out)
    before = outputs(out)
    other = copy_store(tmp_path / "other", ("新余市",))
    state = (out / STATE).read_bytes()
    for command in (("run", "--jobs", "1"), ("plan", "--region", "新余市", "--kind", "fazhi",
                                             "--year", "2021", "--out", out)):
        code, stdout, err = yoy(*command, "--store", other, "--out", out) \
            if command[0] == "run" else yoy(*command, "--store", other)
        assert (code, stdout) == (2, "") and err.count("\n") == 1
        assert err.startswith(f"yoy: error: {out}: holds the outputs of the store "
                              f"{store.resolve()}: write the outputs of {other} elsewhere (")
        assert outputs(out) == before and (out / STATE).read_bytes() == state
    # its own folder, and the first store's runs go on as before
    assert len(run_store(other, tmp_path / "out2").plans) == 1
    assert len(run_store(store, out).skipped) == 2 and outputs(out) == before


def test_a_checkout_moved_with_its_output_still_owns_it(store, tmp_path):
    """2026-12-04's third reviewer: a copy of the checkout (reports/ and output/ side by side) was
    refused its own output/, its store recorded by absolute path: recorded from the folder now."""
    here = tmp_path / "a"
    here.mkdir()
    shutil.copytree(store, here / "reports")
    run_store(here / "reports", here / "output")
    moved = shutil.copytree(here, tmp_path / "b")
    shutil.rmtree(here)
    code, _, err = yoy("run", "--store", moved / "reports", "--out", moved / "output",
                       "--jobs", "1")
    assert code == 0, err


def test_a_missing_report_is_said_before_the_folder_is_another_stores(store, tmp_path,
                                                                      monkeypatch):
    """`yoy plan` of a report the store lacks says so, as `yoy compare` does, even where output/
    is another store's (a checkout after `make run`, where the tests run: the refusal came
    first)."""
    monkeypatch.chdir(tmp_path)
    run_store(store, Path("output"))
    other = copy_store(tmp_path / "other", ("新余市",))
    code, _, err = yoy("plan", "--region", "新余市", "--kind", "fazhi", "--year", "2020",
                       "--store", other)
    assert code == 2 and "no 新余市 fazhi report for 2020" in err, err


def test_compare_into_another_stores_default_output_is_refused(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_store(store, Path("output"))
    before = outputs(Path("output"))
    other = copy_store(tmp_path / "other", ("国务院",))  # the same reports, another store
    pick = ("--region", "国务院", "--kind", "gov-work-report", "--from", "2022", "--to", "2023")
    code, _, err = yoy("compare", "--store", other, *pick)
    assert code == 2 and err.startswith("yoy: error: output: holds the outputs of the store ")
    assert outputs(Path("output")) == before
    # -o puts it elsewhere
    code, _, err = yoy("compare", "--store", other, *pick, "-o", "mine.xlsx")
    assert code == 0 and Path("mine.xlsx").is_file()
