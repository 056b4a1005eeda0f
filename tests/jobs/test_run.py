"""yoy run over a whole store: pairs, incremental reruns, failures, the multi-year tracker."""
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from compare.cli import main
from compare.jobs.index import plan_pairs, refresh_index, usable
from compare.jobs.run import run_store
from tests.support import ROOT, STORE, edit_in_place, sheet_rows


@pytest.fixture
def store(tmp_path):
    """The shipped 国务院 and 新余市 reports (the district series would only
    slow these runs down)."""
    s = tmp_path / "reports"
    shutil.copytree(STORE, s, ignore=lambda d, names: [n for n in names
                                                       if n.startswith(("盐田区", "龙华区"))])
    return s


def test_pairs_are_consecutive_reports_of_one_series(tmp_path):
    entries, broken = usable(refresh_index(STORE, tmp_path / "out"))
    assert broken == []
    pairs = [(p.region, p.kind, p.old_year, p.new_year) for p in plan_pairs(entries, STORE)]
    assert pairs == [("国务院", "gov-work-report", 2021, 2022),
                     ("国务院", "gov-work-report", 2022, 2023)] + [
        ("盐田区", "gov-work-report", y, y + 1) for y in range(2020, 2025)]


def test_run_writes_everything_then_skips_unchanged(store, tmp_path):
    out = tmp_path / "out"
    first = run_store(store, out, jobs=2)
    assert len(first.done) == 2 and not first.skipped and not first.failed
    for name in ("gov-work-report-2021-2022.xlsx", "gov-work-report-2022-2023.xlsx",
                 "gov-work-report-tracker.xlsx"):
        assert (out / "国务院" / name).is_file()
    again = run_store(store, out, jobs=2)
    assert len(again.skipped) == 2 and not again.done
    review = store / "reviews" / "国务院-gov-work-report-2022-2023.yaml"
    review.parent.mkdir(exist_ok=True)
    review.write_text("region: 国务院\nkind: gov-work-report\nold_year: 2022\nnew_year: 2023\n"
                      "commitments:\n  c1: {status: partial, note: 待补材料}\n", encoding="utf-8")
    third = run_store(store, out, jobs=1)
    assert [(p.old_year, p.new_year) for p in third.done] == [(2022, 2023)] \
        and len(third.skipped) == 1
    assert len(run_store(store, out, jobs=1, force=True).done) == 2


def table(path, sheet: str) -> dict[str, dict]:
    """The rows of a sheet by their ID column, each as {header: value}."""
    return {r["ID"]: r for r in sheet_rows(path, sheet)}


def put(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_an_edited_review_and_office_entry_redo_their_workbooks(store, tmp_path):
    """A reviewer's note and an office's progress edited in the stored YAML (same size, the
    modification time put back): `yoy run` redoes the ledger and the 台账 that show them, with
    the new values."""
    out = tmp_path / "out"
    assert len(run_store(store, out, jobs=1).done) == 2
    book = out / "国务院" / "gov-work-report-2022-2023.xlsx"
    # 2023 plans a year no report reviews yet
    plan = out / "国务院" / "gov-work-report-2023-plan.xlsx"
    rid, pid = (next(i for i in table(path, sheet) if i and i.startswith("m"))  # a measure's row
                for path, sheet in ((book, "举措跟踪"), (plan, "工作台账")))
    review = store / "reviews" / "国务院-gov-work-report-2022-2023.yaml"
    put(review, "region: 国务院\nkind: gov-work-report\nold_year: 2022\nnew_year: 2023\n"
                f"commitments:\n  {rid}: {{status: partial, note: 待补材料甲}}\n")
    office = {year: store / "reviews" / f"国务院-gov-work-report-{year}-plan.yaml"
              for year in (2022, 2023)}
    for year, path in office.items():
        put(path, f"region: 国务院\nkind: gov-work-report\nplan_year: {year}\n"
                  f"measures:\n  {rid if year == 2022 else pid}: {{progress: {{q4: 进展甲}}}}\n")
    first = run_store(store, out, jobs=1)
    assert [(p.old_year, p.new_year) for p in first.done] == [(2022, 2023)]

    def shown() -> tuple[str, str, str]:
        row = table(book, "举措跟踪")[rid]
        return row["复核意见"], row["台账进展情况"], table(plan, "工作台账")[pid]["四季度进展情况"]
    assert shown() == ("待补材料甲", "进展甲", "进展甲")
    # one input at a time, so that each is seen on its own
    for path, expected, redone in ((review, ("待补材料乙", "进展甲", "进展甲"), [(2022, 2023)]),
                                   (office[2022], ("待补材料乙", "进展乙", "进展甲"),
                                    [(2022, 2023)]),
                                   (office[2023], ("待补材料乙", "进展乙", "进展乙"), [])):
        edit_in_place(path, "甲", "乙")
        again = run_store(store, out, jobs=1)
        assert [(p.old_year, p.new_year) for p in again.done] == redone \
            and shown() == expected, path


def test_the_run_key_hashes_what_the_review_and_the_office_entries_say(store, tmp_path):
    """The key of a pair changes with the bytes of its review and of the office's entries, not
    with their paths or sizes."""
    from compare.jobs.run import pair_key
    entries, _ = usable(refresh_index(store, tmp_path / "out"))
    pair = next(p for p in plan_pairs(entries, store) if p.old_year == 2022)
    review = store / "reviews" / "国务院-gov-work-report-2022-2023.yaml"
    office = store / "reviews" / "国务院-gov-work-report-2022-plan.yaml"
    keys = [pair_key(pair, store, "zh")]
    for path, text in ((review, "note: 甲"), (review, "note: 乙"), (office, "actual: 甲"),
                       (office, "actual: 乙")):
        put(path, text)
        keys.append(pair_key(pair, store, "zh"))
    assert len(set(keys)) == 5


def test_a_changed_template_redoes_what_it_shapes(store, tmp_path):
    """A user's kind template or workbook template changes: the pairs it shapes are redone."""
    out, templates = tmp_path / "out", tmp_path / "templates"
    (templates / "kinds").mkdir(parents=True)
    assert len(run_store(store, out, templates=templates).done) == 2
    for name in ("kinds/gov-work-report.yaml", "workbook.yaml"):
        text = (ROOT / "templates" / name).read_text(encoding="utf-8")
        (templates / name).write_text(text + "\n# the user's copy\n", encoding="utf-8")
        assert len(run_store(store, out, templates=templates).done) == 2, name


def test_a_change_to_yoys_own_code_or_model_redoes_every_pair(store, tmp_path, monkeypatch):
    """A `git pull` or an edited compare/engine/model.yaml keeps __version__: the pairs, trackers
    and 台账 are redone all the same (code24: an edited threshold skipped 7 of 8 pairs)."""
    import compare
    import compare.jobs.run as run
    out = tmp_path / "out"
    assert len(run_store(store, out, jobs=1).done) == 2
    assert len(run_store(store, out, jobs=1).skipped) == 2
    monkeypatch.setattr(run, "code_digest", lambda: "another build of yoy")
    assert len(run_store(store, out, jobs=1).done) == 2
    # the digest reads the package's files: a copy of it with one threshold edited is another
    package = tmp_path / "compare"
    shutil.copytree(Path(compare.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.undo()
    monkeypatch.setattr(compare, "__file__", str(package / "__init__.py"))
    before = run.code_digest()
    (package / "notes.txt").write_text("not code nor data", encoding="utf-8")
    assert run.code_digest() == before
    model = package / "engine" / "model.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("verify_below: 0.71",
                                                               "verify_below: 0.7"),
                     encoding="utf-8")
    assert run.code_digest() != before


def test_one_failing_pair_does_not_stop_the_run(store, tmp_path, monkeypatch):
    import compare.jobs.pipeline
    real = compare.jobs.pipeline.compare_pair

    def flaky(old, new, **kw):
        if "2022" in str(old):
            raise RuntimeError("boom")
        return real(old, new, **kw)
    monkeypatch.setattr(compare.jobs.pipeline, "compare_pair", flaky)
    result = CliRunner().invoke(main, ["run", "--store", str(store), "--out", str(tmp_path / "out"),
                                       "--jobs", "1"])
    assert result.exit_code == 1
    assert "boom" in result.stderr and "2022→2023" in result.stderr
    # pairs, done, skipped, failed
    assert result.stdout.splitlines()[1].split() == ["2", "1", "0", "1"]
    assert (tmp_path / "out" / "国务院" / "gov-work-report-2021-2022.xlsx").is_file()


def test_tracker_follows_commitments_and_targets(store, tmp_path):
    out = tmp_path / "out"
    run_store(store, out, jobs=1)
    wb = load_workbook(out / "国务院" / "gov-work-report-tracker.xlsx")
    threads, targets, legend = wb.worksheets
    # a title row naming the series (ua26: printed, nothing said which region), then the header
    assert threads["A1"].value == "国务院政府工作报告跨年跟踪（2021—2023年）：举措跨年跟踪"
    header = [c.value for c in threads[2]]
    assert header == ["线索", "连续年数", "计划年份", "编号", "计划内容", "次年落实", "复核"]
    steps = list(threads.iter_rows(min_row=3, values_only=True))
    assert {s[2] for s in steps} == {2021, 2022, 2023}
    stored = [yaml.safe_load(p.read_text(encoding="utf-8"))
              for p in sorted(STORE.glob("*/国务院-*.yaml"))]
    # every measure of every year, once
    assert len(steps) == sum(len(r["commitments"]) for r in stored)
    recurring = [s for s in steps if s[1] >= 1]
    assert recurring  # some 2021 plan items are planned again
    thread = [s for s in steps if s[0] == recurring[0][0]]
    assert len(thread) == recurring[0][1] + 1 \
        and [s[2] for s in thread] == sorted(s[2] for s in thread)
    # template labels
    assert all(s[5] in ("已落实", "部分落实", "未见报告") for s in steps if s[2] < 2023)
    gdp = [r for r in targets.iter_rows(min_row=3, values_only=True) if r[0] == "国内生产总值"]
    assert [(r[1], r[6], r[7]) for r in gdp] == [(2021, 8.1, "已完成"), (2022, 3.0, "未完成"),
                                                 (2023, None, None)]
    assert targets._charts  # one line chart per indicator series
    assert legend.title == "说明" and "线索" in [c.value for c in legend["A"]]


def test_a_broken_report_is_reported_and_the_run_goes_on(store, tmp_path):
    (store / "2021" / "新余市-fazhi.yaml").write_text("kind: fazhi\nyear: [", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "--store", str(store), "--out", str(tmp_path / "out"),
                                       "--jobs", "1"])
    assert result.exit_code == 2  # bad input, not a bug
    assert "新余市-fazhi.yaml: not valid YAML" in result.stderr
    assert (tmp_path / "out" / "国务院" / "gov-work-report-2022-2023.xlsx").is_file()


def test_an_unsafe_region_fails_only_its_own_file(store, tmp_path):
    bad = store / "2021" / "新余市-fazhi.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace(
        "region: 新余市", "region: ../新余市", 1), encoding="utf-8")
    result = run_store(store, tmp_path / "out", jobs=1)
    assert [w for w, _ in result.failed] == [str(store / "2021" / "新余市-fazhi.yaml")]
    assert "unsafe region name" in result.failed[0][1]
    assert [(p.old_year, p.new_year) for p in result.done] == [(2021, 2022), (2022, 2023)]


def test_two_files_for_one_year_are_refused_not_compared_twice(store, tmp_path):
    shutil.copyfile(store / "2023" / "国务院-gov-work-report.yaml",
                    store / "2023" / "国务院-again.yaml")
    result = CliRunner().invoke(main, ["run", "--store", str(store), "--out", str(tmp_path / "out"),
                                       "--jobs", "1"])
    assert result.exit_code == 2
    # only 2021→2022; both 2023 files refused, counted apart from the pairs
    assert result.stdout.splitlines()[1].split() == ["1", "1", "0", "0"]
    assert "files failed: 2 (each in an error line)" in result.stdout
    assert "2023/国务院-again.yaml: 2 files hold 国务院 gov-work-report 2023" in result.stderr
    assert not (tmp_path / "out" / "国务院" / "gov-work-report-2022-2023.xlsx").exists()


def sheet_names(path) -> list[str]:
    return load_workbook(path, read_only=True).sheetnames


def test_languages_are_written_side_by_side(store, tmp_path):
    """A zh run, an en run into the same output, then zh again: the en workbooks, trackers and
    台账 stand beside the zh ones (…-en.xlsx), neither run touches the other's, and the
    comparison JSON they share is not rewritten, so the zh rerun skips every pair."""
    out = tmp_path / "out"
    first = run_store(store, out, jobs=1, lang="zh")
    assert len(first.done) == 2
    zh = {p: p.read_bytes() for p in out.rglob("*.xlsx")}
    en = run_store(store, out, jobs=1, lang="en")
    assert len(en.done) == 2 and {p: p.read_bytes() for p in zh} == zh
    for path in [*(out / "国务院" / f"gov-work-report-{y}-{y + 1}-en.xlsx" for y in (2021, 2022)),
                 *en.trackers, *en.plans]:
        assert path.name.endswith("-en.xlsx") and all(name.isascii() for name in sheet_names(path))
    assert {p.name for p in en.trackers} == {"gov-work-report-tracker-en.xlsx"}
    again = run_store(store, out, jobs=1, lang="zh")
    assert len(again.skipped) == 2 and not again.done
    assert len(run_store(store, out, jobs=1, lang="en").skipped) == 2


def test_a_workbook_replaced_behind_the_runs_back_is_redone(store, tmp_path):
    """…and what was put there is kept beside it, with a warning (jobs.guard)."""
    out = tmp_path / "out"
    run_store(store, out, jobs=1)
    wb = out / "国务院" / "gov-work-report-2021-2022.xlsx"
    wb.write_bytes(b"not a workbook")
    again = run_store(store, out, jobs=1)
    assert [(p.old_year, p.new_year) for p in again.done] == [(2021, 2022)]
    assert wb.read_bytes()[:2] == b"PK"
    backup = wb.with_name("gov-work-report-2021-2022.1.bak.xlsx")
    assert backup.read_bytes() == b"not a workbook"
    assert again.warnings == [f"{wb}: a text file (a CSV or a page saved under an .xlsx name?), "
                              "not an Excel workbook: import the .xlsx yoy wrote, with the "
                              f"entries; the file is kept as {backup}"]


def test_pairs_finished_before_ctrl_c_are_kept_as_done(store, tmp_path, monkeypatch):
    import compare.jobs.pipeline
    real = compare.jobs.pipeline.compare_pair

    def interrupted(old, new, **kw):
        if "2022" in str(old):
            raise KeyboardInterrupt
        return real(old, new, **kw)
    monkeypatch.setattr(compare.jobs.pipeline, "compare_pair", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_store(store, out, jobs=1)
    monkeypatch.setattr(compare.jobs.pipeline, "compare_pair", real)
    after = run_store(store, out, jobs=1)
    assert [(p.old_year, p.new_year) for p in after.skipped] == [(2021, 2022)]
    assert [(p.old_year, p.new_year) for p in after.done] == [(2022, 2023)]


@pytest.mark.parametrize("where", ["Runner", "refresh_index"])
def test_ctrl_c_before_the_store_is_read_says_nothing_was_compared(store, tmp_path, monkeypatch,
                                                                   where):
    """A reviewer of the ninth session's fixes: Ctrl-C 0.6 s into `yoy run` (its workers starting,
    the store being read) said only "yoy: error: interrupted", not what was kept."""
    import compare.jobs.run

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(compare.jobs.run, where, interrupted)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", "--store", str(store), "--out", str(out)])
    assert result.exit_code == 130 and result.stderr == (
        "yoy: error: interrupted: before the store's pairs were known: no pair compared, no "
        "workbook written; yoy run again starts afresh\n"), result.output
    assert not list(out.rglob("*.xlsx"))


def test_a_second_run_into_the_same_output_is_refused(store, tmp_path):
    from filelock import FileLock

    from compare.errors import YoyError
    from compare.jobs.run import LOCK
    out = tmp_path / "out"
    out.mkdir()
    with FileLock(str(out / LOCK)):
        with pytest.raises(YoyError, match="another `yoy run` is writing"):
            run_store(store, out, jobs=1)
    assert len(run_store(store, out, jobs=1).done) == 2


def _blas_threads() -> list[int]:
    import numpy  # noqa: F401  (loads the BLAS library whose threads are counted)
    from threadpoolctl import threadpool_info
    return [lib["num_threads"] for lib in threadpool_info()]


def test_workers_run_one_blas_thread():
    from concurrent.futures import ProcessPoolExecutor

    from compare.jobs.run_pool import worker_start
    with ProcessPoolExecutor(1, initializer=worker_start) as pool:
        threads = pool.submit(_blas_threads).result()
    assert threads and set(threads) == {1}


GATED_RUN = """
import os, sys, time
from pathlib import Path
import compare.jobs.pipeline, compare.jobs.run_pool
from compare.cli import main
store, out, gate = sys.argv[1:4]
real = compare.jobs.pipeline.compare_pair
def gated(old, new, **kw):  # the workers are forked: they run this too
    Path(gate, f"started-{os.getpid()}").write_text(str(old))
    while not Path(gate, "go").exists():  # held until the test lets the pair finish
        time.sleep(0.01)
    return real(old, new, **kw)
compare.jobs.pipeline.compare_pair = gated
drain = compare.jobs.run_pool.Runner.drain
def draining(self):
    Path(gate, "interrupted").touch()  # the parent has caught Ctrl-C and waits for its workers
    yield from drain(self)
compare.jobs.run_pool.Runner.drain = draining
main(["run", "--store", store, "--out", out, "--jobs", "2"])
"""


def wait_for(condition, p, what: str) -> None:
    """Poll `condition` while the process `p` runs; a test that cannot go on fails, never hangs."""
    import time
    deadline = time.monotonic() + 120
    while not condition():
        assert p.poll() is None, f"the run ended before {what}: {p.communicate()}"
        assert time.monotonic() < deadline, f"no {what} after 120 s"
        time.sleep(0.01)


def test_ctrl_c_keeps_the_pairs_the_workers_were_finishing(store, tmp_path):
    """Ctrl-C reaches the whole process group while both workers are in the middle of a pair;
    each pair is finished and recorded, so the next run skips both. Deterministic: the pairs
    wait on a file the test creates only once the parent has caught the interrupt."""
    import os
    import signal
    import subprocess
    import sys
    out, gate = tmp_path / "out", tmp_path / "gate"
    gate.mkdir()
    p = subprocess.Popen([sys.executable, "-c", GATED_RUN, str(store), str(out), str(gate)],
                         start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        wait_for(lambda: len(list(gate.glob("started-*"))) == 2, p, "both pairs started")
        os.killpg(p.pid, signal.SIGINT)
        wait_for((gate / "interrupted").exists, p, "the interrupt caught")
        (gate / "go").touch()
        _, err = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    # how many pairs are kept, and that a run resumes
    assert p.returncode == 130 and err.decode().strip() == (
        "yoy: error: interrupted: 2 of 2 pairs up to date (2 compared by this run), kept; yoy run "
        "again resumes from there"), err
    again = run_store(store, out, jobs=1)
    assert [(x.old_year, x.new_year) for x in again.skipped] == [(2021, 2022), (2022, 2023)]
    assert not again.done


ONE_COMPARE = """
import sys
from compare.jobs.pipeline import compare_pair
compare_pair(sys.argv[1], sys.argv[2], workbook=None)
from threadpoolctl import threadpool_info
print(sorted({lib["num_threads"] for lib in threadpool_info()}))
"""


def test_one_compare_loads_blas_with_one_thread(store):
    import os
    import subprocess
    import sys

    from compare.jobs.blas import THREAD_VARS
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARS}
    p = subprocess.run([sys.executable, "-c", ONE_COMPARE,
                        str(store / "2022" / "国务院-gov-work-report.yaml"),
                        str(store / "2023" / "国务院-gov-work-report.yaml")], env=env,
                       capture_output=True, text=True)
    assert p.stdout.strip() == "[1]", p.stderr


def test_ctrl_c_while_tasks_are_handed_out_comes_after_they_are_noted():
    """A Ctrl-C while the pairs are handed to the workers is held until all are noted as pending
    (else `drain` could not finish one a worker had started), then delivered as it would have
    been."""
    import signal

    from compare.jobs.run_pool import interrupt_deferred
    seen = []
    with pytest.raises(KeyboardInterrupt):
        with interrupt_deferred():
            signal.raise_signal(signal.SIGINT)
            seen.append("noted")
    assert seen == ["noted"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
