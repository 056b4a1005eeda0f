"""The conventions every command shares: `-` for standard input and output, `--json PATH|-`,
errors as one `yoy: error:` line with documented exit codes, `-h`, and errors that say what
to do next."""
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from compare.cli import main
from compare.workbook.plansheet import is_task_row
from tests.support import STORE, copy_store


def yoy(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    return result.exit_code, result.stdout_bytes, result.stderr


PAIR = ["--region", "国务院", "--kind", "gov-work-report", "--from", 2022, "--to", 2023]


@pytest.fixture
def store(tmp_path):
    return copy_store(tmp_path / "store", ("国务院",))


@pytest.mark.parametrize("args, reason", [
    (["compare", "--lang", "fr"],
     "compare: invalid value for '--lang': 'fr' is not one of 'zh', 'en'"),
    (["compare", "--nope"], "compare: no such option '--nope'"),
    (["review", "import"], "review import: missing argument 'XLSX...'"),
    (["frobnicate"], "no such command 'frobnicate'"),
    (["export", "x.json"], "export: give COMPARISON and -o for a workbook, or --panel alone"),
])
def test_usage_errors_are_one_yoy_error_line_with_exit_2(args, reason):
    code, out, err = yoy(*args)
    assert code == 2 and out == b""
    assert err.startswith(f"yoy: error: {reason}") and err.count("\n") == 1, err
    command = " ".join(
        ["yoy", *(w for w in args[:2] if w in ("compare", "review", "import", "export"))])
    assert err.rstrip().endswith(f"(see '{command} -h')"), err


def test_json_without_a_value_says_to_give_a_file_or_a_dash(tmp_path):
    code, _, err = yoy("ingest", tmp_path / "r.txt", "--json")
    assert code == 2 and err.startswith("yoy: error: ingest: invalid value for '--json': needs a "
                                        "file to write, or - for standard output (--json -)"), err


def test_dash_h_is_help_everywhere_and_a_group_alone_shows_its_help():
    for args in (["-h"], ["compare", "-h"], ["review", "import", "-h"], [], ["review"]):
        code, out, err = yoy(*args)
        assert code == 0 and out.decode().startswith("Usage: yoy") and err == "", args


def test_compare_json_to_stdout_with_the_summary_on_stderr(store):
    code, out, err = yoy("compare", *PAIR, "--store", store, "--json", "-", "--no-workbook")
    assert code == 0, err
    data = json.loads(out)
    assert (data["old"]["year"], data["new"]["year"]) == (2022, 2023)
    assert "国务院 gov-work-report 2022→2023: measures [" in err


def test_workbook_to_stdout_and_a_comparison_piped_into_export(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, book, err = yoy("compare", *PAIR, "--store", store, "-o", "-")
    assert code == 0 and book[:2] == b"PK", err  # an xlsx is a zip
    assert not Path("output").exists() and not list(tmp_path.glob("-*"))  # no file named -
    code, cmp, _ = yoy("compare", *PAIR, "--store", store, "--json", "-", "--no-workbook")
    code, out, err = yoy("export", "-", "-o", tmp_path / "piped.xlsx", input=cmp)
    assert code == 0 and (tmp_path / "piped.xlsx").stat().st_size > 5000, err
    assert "workbook:" in out.decode()


def test_export_carries_the_stored_reviews_and_keeps_a_live_workbooks(store, tmp_path):
    """`compare --json | export` writes the reviews the store holds for the pair, and exporting
    over the pair's live workbook keeps what a reviewer typed there and the store's entries: it
    blanked both once (review 2026-12-04)."""
    from compare.store.reviews import ReviewEntry, Reviews, reviews_path, save_reviews
    from tests.support import cell, edit
    code, cmp, err = yoy("compare", *PAIR, "--store", store, "--json", "-", "--no-workbook")
    assert code == 0, err
    first, second = (r["commitment_id"] for r in json.loads(cmp)["commitments"][:2])
    save_reviews(Reviews(region="国务院", kind="gov-work-report", old_year=2022, new_year=2023,
                         commitments={first: ReviewEntry(status="delivered", note="核实过")}),
                 reviews_path(store, "国务院", "gov-work-report", 2022, 2023))
    piped = tmp_path / "piped.xlsx"
    code, _, err = yoy("export", "-", "-o", piped, "--store", store, input=cmp)
    assert code == 0, err
    assert [cell(piped, "举措跟踪", first, h) for h in ("复核状态", "复核意见")] == [
        "已落实", "核实过"]
    live = tmp_path / "live.xlsx"
    assert yoy("compare", *PAIR, "--store", store, "-o", live)[0] == 0
    edit(live, "举措跟踪", second, 复核意见="待问发改委")
    (tmp_path / "c.json").write_bytes(cmp)
    code, _, err = yoy("export", tmp_path / "c.json", "-o", live, "--store", store)
    assert code == 0, err
    assert cell(live, "举措跟踪", first, "复核意见") == "核实过"
    assert cell(live, "举措跟踪", second, "复核意见") == "待问发改委"


def test_only_one_output_may_take_stdout(store):
    code, out, err = yoy("compare", *PAIR, "--store", store, "--json", "-", "-o", "-")
    assert code == 2 and out == b""
    assert "standard output already takes --json" in err and err.count("\n") == 1, err


def test_a_report_from_stdin_and_its_errors_named_stdin(store):
    report = (store / "2022" / "国务院-gov-work-report.yaml").read_bytes()
    code, out, err = yoy("show", "-", input=report)
    assert code == 0 and "2021年工作回顾" in out.decode(), err
    broken = yaml.safe_load(report)
    broken["sections"][0]["level"] = "top"
    code, _, err = yoy("show", "-", input=yaml.safe_dump(broken, allow_unicode=True).encode())
    assert code == 2 and err.startswith("yoy: error: <stdin>: sections.0.level"), err
    assert "yoy-" not in err  # never the temporary file's name


def test_a_folder_option_refuses_a_dash():
    code, _, err = yoy("list", "--store", "-")
    assert code == 2 and "a folder is needed" in err, err


def test_a_missing_year_says_to_ingest_it(store):
    code, _, err = yoy("compare", "--region", "国务院", "--kind", "gov-work-report", "--from", 2023,
                       "--to", 2024,
                       "--store", store, "--no-workbook")
    assert code == 2
    assert err == (f"yoy: error: {store}: no 国务院 gov-work-report report for 2024 "
                   "(it holds 2021, 2022, 2023); yoy ingest <file> first\n")


def test_an_unknown_kind_names_the_users_folder_and_the_shipped_one(tmp_path, monkeypatch):
    from compare.kinds import TEMPLATES
    # click reads it as --templates: this run gives none
    monkeypatch.delenv("YOY_TEMPLATES", raising=False)
    (tmp_path / "r.txt").write_text("某市2022年度审计工作报告\n", encoding="utf-8")
    code, _, err = yoy("ingest", tmp_path / "r.txt", "--kind", "nosuch", "--store", tmp_path / "s")
    assert code == 2 and err.rstrip().endswith("a kind of your own: yoy --templates DIR with "
                                               "DIR/kinds/nosuch.yaml")
    mine = tmp_path / "mine"
    (mine / "kinds").mkdir(parents=True)
    (mine / "kinds" / "audit.yaml").write_text("kind: audit\nname: 审计工作报告\n",
                                               encoding="utf-8")
    code, _, err = yoy("--templates", mine, "ingest", tmp_path / "r.txt", "--kind", "nosuch",
                       "--store", tmp_path / "s")
    assert code == 2 and err.count("\n") == 1, err
    assert f"no nosuch.yaml in {mine / 'kinds'} nor in {TEMPLATES / 'kinds'}" in err
    # the shipped kinds as the folder holds them: a kind added the documented way (a template,
    # no code) needs no edit here (ua21a)
    shipped = {p.stem for p in (TEMPLATES / "kinds").glob("*.yaml") if not p.stem.startswith("_")}
    assert f"(known: {', '.join(sorted(shipped | {'audit'}))})" in err


def test_the_summary_keeps_measures_and_targets_apart(store, tmp_path):
    """Both vocabularies have a not_reported: `yoy run` and `yoy compare` count each
    kind of row by itself."""
    from collections import Counter

    from compare import compare_reports, load_report
    from compare.workbook.shown import shown_status, shown_verdict
    expected = {"measures": Counter(), "targets": Counter()}
    for a, b in ((2021, 2022), (2022, 2023)):
        cmp = compare_reports(load_report(STORE / str(a) / "国务院-gov-work-report.yaml"),
                              load_report(STORE / str(b) / "国务院-gov-work-report.yaml"))
        # as the workbook's 概览 counts them (review ua25: to_verify apart, not_judged apart)
        expected["measures"].update(shown_status(c) for c in cmp.commitments)
        expected["targets"].update(shown_verdict(t) for t in cmp.targets)
    assert expected["measures"]["not_reported"] and expected["targets"]["not_reported"]
    assert expected["measures"]["to_verify"] and expected["targets"]["not_judged"]
    code, out, err = yoy("run", "--store", store, "--out", tmp_path / "out", "--jobs", 1)
    assert code == 0, err
    [line] = [x for x in out.decode().splitlines() if x.startswith("statuses:")]
    measures, targets = line.removeprefix("statuses: (all 2 pairs) measures [").split(
        "] targets [")
    assert dict(x.rsplit(" ", 1) for x in measures.split(", ")) == {
        k: str(v) for k, v in expected["measures"].items()}
    assert dict(x.rsplit(" ", 1) for x in targets.rstrip("]").split(", ")) == \
        {k: str(v) for k, v in expected["targets"].items()}


def test_the_summary_says_which_pairs_it_counts(store, tmp_path):
    """A second `yoy run` redoes only some pairs: its counts are of every pair all the same, the
    skipped ones' as the last run recorded them (a researcher re-running to read the totals got
    no counts at all; review ua20a, 2026-12-05); where a pair's counts were never recorded (a run
    state written before they were kept) the line says which pairs it is of."""
    import json

    def statuses(text: bytes) -> str:
        [line] = [x for x in text.decode().splitlines() if x.startswith("statuses:")]
        return line
    out = tmp_path / "out"
    code, first, err = yoy("run", "--store", store, "--out", out, "--jobs", 1)
    assert code == 0, err
    assert statuses(first).startswith("statuses: (all 2 pairs) measures [")
    code, again, err = yoy("run", "--store", store, "--out", out, "--jobs", 1)
    assert code == 0 and b"skipped" in again, err
    assert statuses(again) == statuses(first)
    (out / "国务院" / "gov-work-report-2021-2022.xlsx").unlink()
    state = out / ".yoy-run.json"
    data = json.loads(state.read_text(encoding="utf-8"))
    for record in data["langs"]["zh"].values():  # as an older release wrote it
        record.pop("statuses", None)
    state.write_text(json.dumps(data), encoding="utf-8")
    code, text, err = yoy("run", "--store", store, "--out", out, "--jobs", 1)
    assert code == 0, err
    assert statuses(text).startswith("statuses: (1 of 2 pairs; the other pairs' are not "
                                     "counted) measures ["), text


def test_the_summary_counts_many_files(tmp_path):
    """A store of many series: the summary counts its trackers and names a few, not every one
    on one line (65 trackers made a line of 5 KB; review ua20a)."""
    from compare.cli.conventions import LISTED, listed
    few = [tmp_path / f"r{i}" / "t.xlsx" for i in range(LISTED)]
    assert listed(few) == ", ".join(str(p) for p in few)
    many = [tmp_path / f"r{i}" / "t.xlsx" for i in range(65)]
    said = listed(many)
    assert said.startswith("65, ") and str(many[0]) in said and str(many[-1]) not in said


def test_exit_codes_bad_input_2_bug_1(store, tmp_path, monkeypatch):
    """`yoy run` that met bad input exits 2 (the rest done); one that met a bug exits 1."""
    (store / "2021" / "国务院-gov-work-report.yaml").write_text("kind: [", encoding="utf-8")
    code, _, err = yoy("run", "--store", store, "--out", tmp_path / "a", "--jobs", 1)
    assert code == 2 and "not valid YAML" in err, err
    import compare.jobs.pipeline
    monkeypatch.setattr(compare.jobs.pipeline, "compare_reports", lambda *a, **k: 1 / 0)
    code, _, err = yoy("run", "--store", store, "--out", tmp_path / "b", "--jobs", 1)
    assert code == 1 and "internal error: ZeroDivisionError" in err, err


def test_the_program_runs_one_pair_without_the_cyclic_collector_and_a_store_with_it(
        store, tmp_path, monkeypatch):
    """Run as the program, a one-pair command runs without the cyclic garbage collector and `yoy
    run` (its work grows with the store) with it; either way the caller's collector is given back
    (tests share a process). CliRunner invokes `main.main`, which leaves the collector alone."""
    import gc

    import compare.jobs.pipeline
    import compare.jobs.run
    seen: dict[str, bool] = {}

    def noting(name, f):
        def call(*args, **kwargs):
            seen.setdefault(name, gc.isenabled())
            return f(*args, **kwargs)
        return call
    monkeypatch.setattr(compare.jobs.run, "run_store", noting("run", compare.jobs.run.run_store))
    monkeypatch.setattr(compare.jobs.pipeline, "compare_reports",
                        noting("compare", compare.jobs.pipeline.compare_reports))

    def program(*args):
        monkeypatch.setattr("sys.argv", ["yoy", *map(str, args)])
        try:
            with pytest.raises(SystemExit) as done:
                main()
        finally:
            gc.unfreeze()  # what the program froze on its way out, back to this process
        return done.value.code
    assert gc.isenabled()
    assert program("compare", *PAIR, "--store", store, "-o", tmp_path / "pair.xlsx") == 0
    assert seen == {"compare": False} and gc.isenabled()
    seen.clear()
    assert program("run", "--store", store, "--out", tmp_path / "out", "--jobs", 1) == 0
    assert seen == {"run": True, "compare": True} and gc.isenabled()
    seen.clear()
    assert yoy("compare", *PAIR, "--store", store, "-o", tmp_path / "again.xlsx")[0] == 0
    assert seen == {"compare": True}


def test_python_dash_m_compare_is_yoy():
    """Where the `yoy` script is not on PATH (Windows), `py -m compare …` does the same."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "compare", "frobnicate"], capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stderr) == (
        2, "yoy: error: no such command 'frobnicate' (see 'yoy -h')\n")


def test_the_plan_sheet_and_the_brief_to_stdout_and_a_filled_sheet_from_stdin(
        store, tmp_path, monkeypatch):
    """`yoy plan` and `yoy brief` write to standard output with `-o -` (messages on stderr, no file
    named -), `yoy review import -` reads the filled sheet from standard input and names it <stdin>;
    one workbook per unit cannot go to standard output."""
    import io

    import openpyxl

    from tests.support import sheet_rows, type_into
    monkeypatch.chdir(tmp_path)
    report = ["--region", "国务院", "--kind", "gov-work-report", "--year", 2022, "--store", store]
    code, sheet, err = yoy("plan", *report, "-o", "-")
    assert code == 0 and sheet[:2] == b"PK" and err == "", err
    assert not Path("output").exists() and not list(tmp_path.glob("-*"))
    assert openpyxl.load_workbook(io.BytesIO(sheet)).sheetnames[0] == "工作台账"
    code, out, err = yoy("plan", *report, "--split-by", "牵头单位", "-o", "-")
    assert code == 2 and out == b"" and err.count("\n") == 1
    assert "--split-by writes one workbook per unit" in err

    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(sheet)
    rows = sheet_rows(filled, "工作台账")
    rid = next(r["ID"] for r in rows if r["序号"] == 1)
    task = next(r["ID"] for r in rows if r["ID"] and is_task_row(r["ID"]))
    type_into(filled, "工作台账", {rid: {"一季度完成状态": "滞后", "存在问题": "资金未到位"},
                               task: {"牵头单位": "发展改革委"}})
    code, out, err = yoy("review", "import", "-", "--store", store, input=filled.read_bytes())
    # a task's 牵头单位 is counted apart from the measures (a reviewer read 6 measures for 5)
    assert code == 0 and out.decode().endswith(
        "1 measures, 1 tasks, 0 targets with entries (from <stdin>, imported as 国务院 "
        "gov-work-report 2022 plan)\n"), err
    assert "yoy-" not in out.decode() + err  # never the temporary file's name

    code, brief, err = yoy("brief", *report, "--date", "2022-12-20", "-o", "-")
    assert code == 0 and brief[:2] == b"PK" and err == "", err
    import docx
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(brief)).paragraphs)
    assert "2022年12月20日" in text and "存在问题：资金未到位" in text
